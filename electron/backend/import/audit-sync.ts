// The audit entry of an import or undo, written through the import store inside the batch's own transaction
// (the driver on SQLite, the transaction's connection on PostgreSQL; repositories/audit.ts is the kysely twin;
// all fill the same columns). On PostgreSQL the append-only triggers hold here as everywhere.
import type SqliteDatabase from 'better-sqlite3';
import { auditRow, type AuditEntry } from '../admin/audit-repository';
import type { ImportStore } from './store';

export async function writeImportAudit(store: ImportStore, entry: AuditEntry): Promise<void> {
  const row = auditRow(entry);
  await store.run('insert into audit_log (at, username, entity, entity_id, action, before_json, after_json) values (?, ?, ?, ?, ?, ?, ?)',
    [row.at, row.username, row.entity, row.entity_id, row.action, row.before_json, row.after_json]);
}

/** The same entry with the SQLite driver, synchronously (a restore's own transaction, admin/backups.ts). */
export function writeAuditSync(sqlite: SqliteDatabase.Database, entry: AuditEntry): void {
  sqlite.prepare('insert into audit_log (at, username, entity, entity_id, action, before_json, after_json) values (@at, @username, @entity, @entity_id, @action, @before_json, @after_json)')
    .run(auditRow(entry));
}
