// Committing a dry run: an automatic backup first, then one write transaction (on SQLite BEGIN IMMEDIATE:
// another process's import waits for it; on PostgreSQL the townships written are held) in which the batch, every accepted row, the record of each change (for
// undo), the file's snapshot (for 与上次对比) and an audit entry are written — all of it or, on any failure,
// nothing. What is written is decided on the rows it overwrites: the dry run's verdicts are used only when
// nothing was written to the database since they were reached (the store's signature); otherwise the rows are
// judged again under the write lock (no lost update between two imports, or an import and an undo).
import type { Transaction } from 'kysely';
import type { EngineContext } from '../context';
import type { Database } from '../db/schema';
import { automaticBackup } from '../admin/backups';
import { WorkbenchFailure } from '../failure';
import { lockKeys, lockTownshipMonths } from '../db/locks';
import { retryLostRaces } from '../db/retry';
import { writeImportAudit } from './audit-sync';
import { judge, readAndJudge, type Analysis, type ImportRequest, type ReadFile } from './analyse';
import type { KindEvaluation } from './kind';
import { encodeSnapshotAside } from './snapshots';
import { importStore } from './store';

export interface CommitResult { analysis: Analysis; batchId: number | null; backup: string | null }

/** A dry run's result, kept with the upload so a commit (or an error report) right after it reads nothing again. */
export interface DryRun {
  /** What the dry run was asked (kind, sheet, mapping, month) and by whom: a commit must ask the same. */
  key: string;
  /** The database's signature before the file was read: its verdicts hold while it is unchanged. */
  signature: string;
  read: ReadFile;
  analysis: Analysis;
}

export function dryRunKey(ctx: EngineContext, request: ImportRequest): string {
  return JSON.stringify([ctx.actor.username, request.kind, request.sheet ?? null, request.mapping ?? null, request.month ?? null]);
}

/** Reads the file and judges every row (writes nothing). */
export async function dryRun(ctx: EngineContext, request: ImportRequest): Promise<DryRun> {
  const signature = await importStore(ctx.wdb).signature();
  const { read, analysis } = await readAndJudge(ctx, request);
  return { key: dryRunKey(ctx, request), signature, read, analysis };
}

/** A kept dry run when it answers this request on the database as it still is; else null. */
export async function stillValid(ctx: EngineContext, request: ImportRequest, kept: DryRun | undefined): Promise<DryRun | null> {
  return kept && kept.key === dryRunKey(ctx, request) && kept.signature === await importStore(ctx.wdb).signature() ? kept : null;
}

/** A batch is recorded only when some row was accepted: a file whose rows were all refused changed nothing. */
function nothingToRecord(analysis: Analysis): boolean {
  const { created, updated, unchanged } = analysis.counts;
  return created + updated + unchanged === 0;
}

/** Townships an import holds one by one; more than this and it holds the county. */
const MAX_TOWNSHIP_LOCKS = 64;

/**
 * On PostgreSQL, where seats' transactions run side by side, what an import (or an undo) writes is held
 * until it commits: each township its rows write (an advisory lock `import:<code>`, exclusive) under the
 * county's lock `import:*` held shared — so imports of different townships run side by side and two of the
 * same township one after the other — or, when the townships are not known (a bank return, a county-wide
 * file), the county's lock exclusive. An attendance file also holds its township-months as attendance
 * entry does (shared), so an approval waits for it and it for an approval. Keys already held are skipped;
 * a later set (after judging again) is taken in sorted order, and a deadlock with another seat is ended
 * by PostgreSQL (one of them fails, nothing written). Nothing to do on SQLite (one writer at a time).
 */
export async function holdTownships(ctx: EngineContext, trx: Transaction<Database>, townships: readonly string[] | null, month: string | null, held: Set<string>): Promise<void> {
  const county = townships === null || townships.length > MAX_TOWNSHIP_LOCKS;
  // An attendance file's months, of its townships or (not known) of every township of the county.
  const months = async (codes: readonly string[]) => {
    const fresh = codes.filter((t) => !held.has(`month:${t}`));
    await lockTownshipMonths(trx, fresh.map((townshipCode) => ({ month: month!, townshipCode })), 'shared');
    for (const t of fresh) held.add(`month:${t}`);
  };
  const take = async (keys: string[], mode: 'exclusive' | 'shared') => {
    const fresh = keys.filter((k) => !held.has(`${mode}:${k}`));
    await lockKeys(trx, fresh, mode);
    for (const k of fresh) held.add(`${mode}:${k}`);
  };
  if (county || held.has('exclusive:import:*')) {
    await take(['import:*'], 'exclusive');
    if (month) await months(county ? ctx.townships.map((t) => t.code) : townships);
    return;
  }
  await take(['import:*'], 'shared');
  await take(townships.map((t) => `import:${t}`), 'exclusive');
  if (month) await months(townships);
}

function townshipsOf(evaluation: KindEvaluation | null): readonly string[] | null {
  return evaluation?.townships ?? null;
}

export async function commitImport(ctx: EngineContext, request: ImportRequest, kept?: DryRun): Promise<CommitResult> {
  let dry = await stillValid(ctx, request, kept) ?? await dryRun(ctx, request);
  const preview = dry.analysis;
  if (preview.missing.length > 0) throw new WorkbenchFailure('COLUMN_MISSING', { columns: preview.missing.join('、') });
  if (preview.alreadyImported || !preview.evaluation || nothingToRecord(preview)) return { analysis: preview, batchId: preview.alreadyImported?.batchId ?? null, backup: null };

  const backup = await automaticBackup(ctx.engine, 'before-import');
  // On PostgreSQL a commit that lost a race with another seat's (two townships' files registering the same
  // new person: the second insert meets the first's unique ID number; or two re-judged imports each waiting
  // for the other's township) wrote nothing: it runs again, judging its rows on what the other committed.
  const written = await retryLostRaces(ctx.wdb, async (attempt) => {
    // The first attempt let go of the file's rows once judged: a later one reads the file again.
    if (attempt > 0) dry = await dryRun(ctx, request);
    return writeBatch(ctx, request, dry, backup);
  }, { unique: true, failure: 'IMPORT_CONFLICT' });
  return { ...written, backup };
}

/** The commit's one write transaction: the townships held, the rows judged again if need be, all of it written. */
async function writeBatch(ctx: EngineContext, request: ImportRequest, dry: DryRun, backup: string | null): Promise<{ analysis: Analysis; batchId: number | null }> {
  const preview = dry.analysis;
  // A kysely transaction, so the commit can await the snapshot's compression inside it. The import store
  // runs on its connection: the driver's on SQLite (BEGIN IMMEDIATE: another process's import waits), the
  // transaction's own on PostgreSQL (where the townships written are held first, holdTownships).
  return ctx.wdb.db.transaction().execute(async (trx): Promise<{ analysis: Analysis; batchId: number | null }> => {
    const store = importStore(ctx.wdb, trx);
    const held = new Set<string>();
    const month = request.month ?? null;
    await holdTownships(ctx, trx, townshipsOf(preview.evaluation), month, held);
    // Under the lock: the dry run's verdicts stand if nothing was written since it began; else the rows are
    // judged again on the ledger as it now is (on PostgreSQL reading through this transaction).
    const inTransaction: EngineContext = ctx.wdb.dialect === 'postgres' ? { ...ctx, wdb: { ...ctx.wdb, db: trx } } : ctx;
    const analysis = (await store.signature()) === dry.signature ? preview : await judge(inTransaction, dry.read, request);
    if (analysis !== preview) await holdTownships(ctx, trx, townshipsOf(analysis.evaluation), month, held);
    // The rows as read are judged now: a commit consumes its dry run, and 100,000 rows need not stay in
    // memory while they are written.
    dry.read.dataRows = [];
    const { counts, evaluation, kind } = analysis;
    if (analysis.alreadyImported || !evaluation || nothingToRecord(analysis)) return { analysis, batchId: analysis.alreadyImported?.batchId ?? null };
    const batch = await store.get<{ id: number }>(`insert into import_batches
      (file_name, sha256, kind, month, township_code, created_by, rows, created, updated, unchanged, rejected, warnings, status)
      values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'applied') returning id`, [
      analysis.fileName, analysis.sha256, kind.name, month, evaluation.townshipCode, ctx.actor.username,
      counts.rows, counts.created, counts.updated, counts.unchanged, counts.rejected, counts.warnings,
    ]);
    const batchId = Number(batch!.id);
    // The snapshot is compressed on a worker while the rows are written (its JSON made here first, once the
    // rows as read are let go: the peak of memory is here); its bytes are taken without leaving the transaction.
    const made = evaluation.snapshot();
    const snapshot = Buffer.isBuffer(made) ? { take: () => made } : encodeSnapshotAside(made, counts.created + counts.updated + counts.unchanged);
    await evaluation.apply(store, batchId);
    await store.run('insert into import_snapshots (batch_id, rows_gz) values (?, ?)', [batchId, snapshot.take()]);
    await writeImportAudit(store, {
      username: ctx.actor.username, entity: 'import_batch', entityId: batchId, action: 'import',
      after: { fileName: analysis.fileName, sha256: analysis.sha256, kind: kind.name, sheet: analysis.sheet.name, ...counts, backup },
    });
    return { analysis, batchId };
  });
}
