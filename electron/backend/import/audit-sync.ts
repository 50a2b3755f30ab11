// The audit entry of an import or undo, written with the driver inside the batch's own synchronous
// transaction (repositories/audit.ts is the async kysely twin; both fill the same columns).
import type SqliteDatabase from 'better-sqlite3';
import { auditRow, type AuditEntry } from '../admin/audit-repository';

export function writeAuditSync(sqlite: SqliteDatabase.Database, entry: AuditEntry): void {
  sqlite.prepare('insert into audit_log (at, username, entity, entity_id, action, before_json, after_json) values (@at, @username, @entity, @entity_id, @action, @before_json, @after_json)')
    .run(auditRow(entry));
}
