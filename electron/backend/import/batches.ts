// Import history (导入记录), undo of a batch, and 与上次对比 (what changed since the township's previous batch).
import type { EngineContext } from '../context';
import type { ImportBatchTable } from '../db/schema';
import type { Selectable } from 'kysely';
import { WorkbenchFailure } from '../failure';
import { allKinds } from './kinds/index';
import type { SnapshotRow } from './kind';
import { automaticBackup } from '../admin/backups';
import { writeImportAudit } from './audit-sync';
import { holdTownships } from './commit';
import { writeTransaction } from '../db/retry';
import { importStore, type ImportStore } from './store';
import { decodeSnapshot } from './snapshots';

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

async function getBatch(store: ImportStore, batchId: number): Promise<BatchRow> {
  const batch = await store.get<BatchRow>('select * from import_batches where id = ?', [batchId]);
  if (!batch) throw new WorkbenchFailure('BATCH_NOT_FOUND', { batchId });
  return batch;
}

/** The kind of an import batch (who may undo it depends on it), or null when there is no such batch. */
export async function batchKind(ctx: EngineContext, batchId: number): Promise<string | null> {
  const row = await importStore(ctx.wdb).get<{ kind: string }>('select kind from import_batches where id = ?', [batchId]);
  return row?.kind ?? null;
}

/** A batch belongs to the actor's scope when its township does; a batch of several townships, to the county's. */
function batchInScope(ctx: EngineContext, batch: BatchRow): boolean {
  return ctx.scope.townships === null || (batch.township_code !== null && ctx.scope.has(batch.township_code));
}

/** A batch the actor may look at or undo; another township's is refused as if it were a record of it. */
async function batchOfScope(ctx: EngineContext, store: ImportStore, batchId: number): Promise<BatchRow> {
  const batch = await getBatch(store, batchId);
  if (!batchInScope(ctx, batch)) ctx.scope.require(batch.township_code ?? ctx.county.code);
  return batch;
}

export async function listBatches(ctx: EngineContext): Promise<BatchView[]> {
  const rows = await importStore(ctx.wdb).all<BatchRow>('select * from import_batches order by id desc');
  return rows.filter((b) => batchInScope(ctx, b)).map((b) => toView(ctx, b));
}

interface ChangeRow { entity: string; entity_id: number; action: 'create' | 'update'; before_json: string | null; after_json: string }

/**
 * Undoes a batch: records it created are removed, records it updated get their previous values back.
 * Refused when a later applied batch changed any of the same records (that one must be undone first).
 */
export async function undoBatch(ctx: EngineContext, batchId: number): Promise<{ batchId: number; undone: true }> {
  // Checked before the backup (a clear refusal costs nothing) and again under the write lock, where
  // another process's (or seat's) import may have changed the same records in between.
  const refuse = async (store: ImportStore) => {
    const batch = await batchOfScope(ctx, store, batchId);
    if (batch.status === 'undone') throw new WorkbenchFailure('BATCH_ALREADY_UNDONE', { batchId });
    const later = await store.get<{ later: number | null }>(`select max(c2.batch_id) as later from import_changes c1
        join import_changes c2 on c2.entity = c1.entity and c2.entity_id = c1.entity_id and c2.batch_id > c1.batch_id
        join import_batches b on b.id = c2.batch_id and b.status = 'applied'
        where c1.batch_id = ?`, [batchId]);
    if (later?.later !== null && later?.later !== undefined) throw new WorkbenchFailure('UNDO_BLOCKED', { later: later.later });
    return batch;
  };
  const batch = await refuse(importStore(ctx.wdb));

  const tables: Record<string, string> = Object.assign({}, ...allKinds().map((k) => k.entityTables));
  const backup = await automaticBackup(ctx.engine, 'before-undo');
  try {
    // One transaction: on SQLite BEGIN IMMEDIATE takes the write lock before the checks are read again; on
    // PostgreSQL the batch's township (or the county) is held as an import of it would hold it.
    // On PostgreSQL an undo that lost a race with another seat's import (a deadlock) runs again (retry.ts).
    await writeTransaction(ctx.wdb, async (trx) => {
      const store = importStore(ctx.wdb, trx);
      await holdTownships(ctx, trx, batch.township_code === null ? null : [batch.township_code], batch.month ?? null, new Set());
      await refuse(store);
      const changes = await store.all<ChangeRow>('select * from import_changes where batch_id = ? order by id desc', [batchId]);
      // Records are addressed by the key the change recorded (store.whereKey): the id of every table with
      // one; attendance rows by their rowid on SQLite, by placement and month on PostgreSQL.
      for (const change of changes) {
        const table = tables[change.entity];
        if (!table) throw new Error(`no table for entity ${change.entity}`);
        const where = store.whereKey(table, Number(change.entity_id));
        if (change.action === 'create') {
          try {
            await store.run(`delete from ${table} where ${where.sql}`, where.params);
          } catch (error) {
            if (store.isForeignKeyViolation(error)) {
              const after = JSON.parse(change.after_json) as { name?: string };
              // A bank's answer that a re-issue relies on (issue 12) says so in its own words.
              if (change.entity === 'payment_return') throw new WorkbenchFailure('RETURN_UNDO_REISSUED', { name: after.name ?? '' });
              throw new WorkbenchFailure('UNDO_REFERENCED', { name: after.name ?? String(change.entity_id) });
            }
            throw error;
          }
        } else {
          const before = JSON.parse(change.before_json ?? '{}') as Record<string, unknown>;
          const allowed = await store.columnsOf(table);
          const names = Object.keys(before).filter((k) => k !== 'id' && allowed.has(k));
          await store.run(`update ${table} set ${names.map((n) => `${n} = ?`).join(', ')} where ${where.sql}`, [...names.map((n) => before[n]), ...where.params]);
        }
      }
      await store.run("update import_batches set status = 'undone' where id = ?", [batchId]);
      await writeImportAudit(store, { username: ctx.actor.username, entity: 'import_batch', entityId: batchId, action: 'undo', before: { status: 'applied', changes: changes.length }, after: { status: 'undone', backup } });
    }, { unique: true, failure: 'IMPORT_CONFLICT' });
  } catch (error) {
    // The database refuses to change attendance of an approved township-month (migration 002_payroll).
    if ((error as Error).message === 'MONTH_LOCKED') throw new WorkbenchFailure('MONTH_LOCKED', { month: batch.month ?? '' });
    throw error;
  }
  return { batchId, undone: true };
}

async function snapshotOf(store: ImportStore, batchId: number): Promise<SnapshotRow[]> {
  const row = await store.get<{ rows_gz: Buffer }>('select rows_gz from import_snapshots where batch_id = ?', [batchId]);
  return row ? decodeSnapshot(row.rows_gz) : [];
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
export async function compareBatch(ctx: EngineContext, batchId: number): Promise<BatchComparison> {
  const store = importStore(ctx.wdb);
  const batch = await batchOfScope(ctx, store, batchId);
  const previous = await store.get<BatchRow>(`select * from import_batches where kind = ? and township_code is not distinct from ? and id < ? and status = 'applied'
      order by id desc limit 1`, [batch.kind, batch.township_code, batchId]);
  const current = await snapshotOf(store, batchId);
  const before = new Map(previous ? (await snapshotOf(store, previous.id)).map((r) => [r.key, r]) : []);
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
