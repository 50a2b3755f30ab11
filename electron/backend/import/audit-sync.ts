// The audit entry of an import or undo, written with the driver inside the batch's own synchronous
// transaction (repositories/audit.ts is the async kysely twin; both fill the same columns).
import type SqliteDatabase from 'better-sqlite3';
import type { AuditEntry } from '../repositories/audit';

export function writeAuditSync(sqlite: SqliteDatabase.Database, entry: AuditEntry): void {
  sqlite.prepare('insert into audit_log (at, username, entity, entity_id, action, before_json, after_json) values (?, ?, ?, ?, ?, ?, ?)').run(
    new Date().toISOString(), entry.username, entry.entity, entry.entityId === null ? null : String(entry.entityId), entry.action,
    entry.before === undefined ? null : JSON.stringify(entry.before), entry.after === undefined ? null : JSON.stringify(entry.after),
  );
}
