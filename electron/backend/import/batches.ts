// Import history (导入记录), undo of a batch, and 与上次对比 (what changed since the township's previous batch).
import zlib from 'node:zlib';
import type SqliteDatabase from 'better-sqlite3';
import type { EngineContext } from '../context';
import type { ImportBatchTable } from '../db/schema';
import type { Selectable } from 'kysely';
import { WorkbenchFailure } from '../failure';
import { allKinds } from './kinds/index';
import type { SnapshotRow } from './kind';
import { automaticBackup } from '../admin/backups';
import { writeAuditSync } from './audit-sync';
import { requireSqlite } from '../db/database';

type BatchRow = Selectable<ImportBatchTable>;

export interface BatchView {
  id: number;
  fileName: string;
  sha256: string;
  kind: string;
  townshipCode: string | null;
  townshipName: string;
  createdBy: string;
  createdAt: string;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  warnings: number;
  status: 'applied' | 'undone';
}

function toView(ctx: EngineContext, b: BatchRow): BatchView {
  return {
    id: b.id, fileName: b.file_name, sha256: b.sha256, kind: b.kind, townshipCode: b.township_code,
    townshipName: b.township_code ? ctx.divisions.townshipNameOf(b.township_code) : '多个乡镇',
    createdBy: b.created_by, createdAt: b.created_at, rows: b.rows, created: b.created, updated: b.updated,
    unchanged: b.unchanged, rejected: b.rejected, warnings: b.warnings, status: b.status,
  };
}

function getBatch(sqlite: SqliteDatabase.Database, batchId: number): BatchRow {
  const batch = sqlite.prepare('select * from import_batches where id = ?').get(batchId) as BatchRow | undefined;
  if (!batch) throw new WorkbenchFailure('BATCH_NOT_FOUND', { batchId });
  return batch;
}

/** A batch belongs to the actor's scope when its township does; a batch of several townships, to the county's. */
function batchInScope(ctx: EngineContext, batch: BatchRow): boolean {
  return ctx.scope.townships === null || (batch.township_code !== null && ctx.scope.has(batch.township_code));
}

/** A batch the actor may look at or undo; another township's is refused as if it were a record of it. */
function batchOfScope(ctx: EngineContext, batchId: number): BatchRow {
  const batch = getBatch(requireSqlite(ctx.wdb, '导入记录与撤销'), batchId);
  if (!batchInScope(ctx, batch)) ctx.scope.require(batch.township_code ?? ctx.county.code);
  return batch;
}

export function listBatches(ctx: EngineContext): BatchView[] {
  const rows = requireSqlite(ctx.wdb, '导入记录与撤销').prepare('select * from import_batches order by id desc').all() as BatchRow[];
  return rows.filter((b) => batchInScope(ctx, b)).map((b) => toView(ctx, b));
}

const tableColumns = new Map<string, Set<string>>();
function columnsOf(sqlite: SqliteDatabase.Database, table: string): Set<string> {
  let columns = tableColumns.get(table);
  if (!columns) {
    columns = new Set((sqlite.pragma(`table_info(${table})`) as { name: string }[]).map((c) => c.name));
    tableColumns.set(table, columns);
  }
  return columns;
}

/**
 * Undoes a batch: records it created are removed, records it updated get their previous values back.
 * Refused when a later applied batch changed any of the same records (that one must be undone first).
 */
export async function undoBatch(ctx: EngineContext, batchId: number): Promise<{ batchId: number; undone: true }> {
  const sqlite = requireSqlite(ctx.wdb, '导入记录与撤销');
  // Checked before the backup (a clear refusal costs nothing) and again under the write lock, where
  // another process's import may have changed the same records in between.
  const refuse = () => {
    const batch = batchOfScope(ctx, batchId);
    if (batch.status === 'undone') throw new WorkbenchFailure('BATCH_ALREADY_UNDONE', { batchId });
    const later = sqlite.prepare(`select max(c2.batch_id) as later from import_changes c1
        join import_changes c2 on c2.entity = c1.entity and c2.entity_id = c1.entity_id and c2.batch_id > c1.batch_id
        join import_batches b on b.id = c2.batch_id and b.status = 'applied'
        where c1.batch_id = ?`).get(batchId) as { later: number | null };
    if (later.later !== null) throw new WorkbenchFailure('UNDO_BLOCKED', { later: later.later });
    return batch;
  };
  const batch = refuse();

  const tables: Record<string, string> = Object.assign({}, ...allKinds().map((k) => k.entityTables));
  const backup = await automaticBackup(ctx.engine, 'before-undo');
  // Records are addressed by rowid: the id of every table with one, and the only key of attendance rows.
  const undo = sqlite.transaction(() => {
    refuse();
    const changes = sqlite.prepare('select * from import_changes where batch_id = ? order by id desc').all(batchId) as
      { entity: string; entity_id: number; action: 'create' | 'update'; before_json: string | null; after_json: string }[];
    for (const change of changes) {
      const table = tables[change.entity];
      if (!table) throw new Error(`no table for entity ${change.entity}`);
      if (change.action === 'create') {
        try {
          sqlite.prepare(`delete from ${table} where rowid = ?`).run(change.entity_id);
        } catch (error) {
          if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_FOREIGNKEY') {
            const after = JSON.parse(change.after_json) as { name?: string };
            // A bank's answer that a re-issue relies on (issue 12) says so in its own words.
            if (change.entity === 'payment_return') throw new WorkbenchFailure('RETURN_UNDO_REISSUED', { name: after.name ?? '' });
            throw new WorkbenchFailure('UNDO_REFERENCED', { name: after.name ?? String(change.entity_id) });
          }
          throw error;
        }
      } else {
        const before = JSON.parse(change.before_json ?? '{}') as Record<string, unknown>;
        const allowed = columnsOf(sqlite, table);
        const names = Object.keys(before).filter((k) => k !== 'id' && allowed.has(k));
        sqlite.prepare(`update ${table} set ${names.map((n) => `${n} = @${n}`).join(', ')} where rowid = @id`)
          .run({ ...Object.fromEntries(names.map((n) => [n, before[n]])), id: change.entity_id });
      }
    }
    sqlite.prepare("update import_batches set status = 'undone' where id = ?").run(batchId);
    writeAuditSync(sqlite, { username: ctx.actor.username, entity: 'import_batch', entityId: batchId, action: 'undo', before: { status: 'applied', changes: changes.length }, after: { status: 'undone', backup } });
  });
  try {
    // IMMEDIATE: the write lock is taken before the checks above are read again.
    undo.immediate();
  } catch (error) {
    // The database refuses to change attendance of an approved township-month (migration 002_payroll).
    if ((error as Error).message === 'MONTH_LOCKED') throw new WorkbenchFailure('MONTH_LOCKED', { month: (batch as { month?: string | null }).month ?? '' });
    throw error;
  }
  return { batchId, undone: true };
}

function snapshotOf(sqlite: SqliteDatabase.Database, batchId: number): SnapshotRow[] {
  const row = sqlite.prepare('select rows_gz from import_snapshots where batch_id = ?').get(batchId) as { rows_gz: Buffer } | undefined;
  return row ? (JSON.parse(zlib.gunzipSync(row.rows_gz).toString('utf8')) as SnapshotRow[]) : [];
}

export interface BatchComparison {
  batchId: number;
  previous: BatchView | null;
  added: { key: string; label: string }[];
  missing: { key: string; label: string }[];
  changed: { key: string; label: string; fields: { field: string; before: string; after: string }[] }[];
}

/**
 * What the batch's file says compared with the same township's previous applied batch of the same kind:
 * people added, people no longer listed, and fields whose values differ (an empty cell is not a change,
 * as it does not erase a stored value either).
 */
export function compareBatch(ctx: EngineContext, batchId: number): BatchComparison {
  const sqlite = requireSqlite(ctx.wdb, '导入记录与撤销');
  const batch = batchOfScope(ctx, batchId);
  const previous = sqlite.prepare(`select * from import_batches where kind = ? and township_code is ? and id < ? and status = 'applied'
      order by id desc limit 1`).get(batch.kind, batch.township_code, batchId) as BatchRow | undefined;
  const current = snapshotOf(sqlite, batchId);
  const before = new Map(previous ? snapshotOf(sqlite, previous.id).map((r) => [r.key, r]) : []);
  const seen = new Set<string>();
  const result: BatchComparison = { batchId, previous: previous ? toView(ctx, previous) : null, added: [], missing: [], changed: [] };
  if (!previous) return result;
  for (const row of current) {
    seen.add(row.key);
    const old = before.get(row.key);
    if (!old) { result.added.push({ key: row.key, label: row.label }); continue; }
    const fields = Object.entries(row.fields)
      .filter(([field, value]) => value !== '' && (old.fields[field] ?? '') !== value)
      .map(([field, value]) => ({ field, before: old.fields[field] ?? '', after: value }));
    if (fields.length > 0) result.changed.push({ key: row.key, label: row.label, fields });
  }
  for (const [key, old] of before) if (!seen.has(key)) result.missing.push({ key, label: old.label });
  return result;
}
