// Committing a dry run: an automatic backup first, then one write transaction (BEGIN IMMEDIATE: another
// process's import waits for it) in which the batch, every accepted row, the record of each change (for
// undo), the file's snapshot (for 与上次对比) and an audit entry are written — all of it or, on any failure,
// nothing. What is written is decided on the rows it overwrites: the dry run's verdicts are used only when
// nothing was written to the database since they were reached (ledgerSignature); otherwise the rows are
// judged again under the write lock (no lost update between two imports, or an import and an undo).
import type { EngineContext } from '../context';
import { automaticBackup } from '../admin/backups';
import { WorkbenchFailure } from '../failure';
import { writeAuditSync } from './audit-sync';
import { judge, readFile, type Analysis, type ImportRequest, type ReadFile } from './analyse';
import { encodeSnapshot } from './snapshots';
import { dataSignature, requireSqlite } from '../db/database';

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
  const signature = dataSignature(requireSqlite(ctx.wdb, '批量导入'));
  const read = await readFile(ctx, request);
  return { key: dryRunKey(ctx, request), signature, read, analysis: await judge(ctx, read, request) };
}

/** A kept dry run when it answers this request on the database as it still is; else null. */
export function stillValid(ctx: EngineContext, request: ImportRequest, kept: DryRun | undefined): DryRun | null {
  return kept && kept.key === dryRunKey(ctx, request) && kept.signature === dataSignature(requireSqlite(ctx.wdb, '批量导入')) ? kept : null;
}

/** A batch is recorded only when some row was accepted: a file whose rows were all refused changed nothing. */
function nothingToRecord(analysis: Analysis): boolean {
  const { created, updated, unchanged } = analysis.counts;
  return created + updated + unchanged === 0;
}

export async function commitImport(ctx: EngineContext, request: ImportRequest, kept?: DryRun): Promise<CommitResult> {
  const sqlite = requireSqlite(ctx.wdb, '批量导入');
  const dry = stillValid(ctx, request, kept) ?? await dryRun(ctx, request);
  const preview = dry.analysis;
  if (preview.missing.length > 0) throw new WorkbenchFailure('COLUMN_MISSING', { columns: preview.missing.join('、') });
  if (preview.alreadyImported || !preview.evaluation || nothingToRecord(preview)) return { analysis: preview, batchId: preview.alreadyImported?.batchId ?? null, backup: null };

  const backup = await automaticBackup(ctx.engine, 'before-import');
  // A kysely transaction, so the commit can await the snapshot's compression inside it; the driver
  // statements below run on the same connection, inside the same transaction.
  const written = await ctx.wdb.db.transaction().execute(async (trx): Promise<{ analysis: Analysis; batchId: number | null }> => {
    // Under the write lock: the dry run's verdicts stand if nothing was written since it began; else the rows
    // are judged again on the ledger as it now is.
    const analysis = dataSignature(sqlite) === dry.signature ? preview : await judge(ctx, dry.read, request);
    // The rows as read are judged now: a commit consumes its dry run, and 100,000 rows need not stay in
    // memory while they are written.
    dry.read.dataRows = [];
    const { counts, evaluation, kind } = analysis;
    if (analysis.alreadyImported || !evaluation || nothingToRecord(analysis)) return { analysis, batchId: analysis.alreadyImported?.batchId ?? null };
    const batchId = Number(sqlite.prepare(`insert into import_batches
      (file_name, sha256, kind, month, township_code, created_by, rows, created, updated, unchanged, rejected, warnings, status)
      values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'applied')`).run(
      analysis.fileName, analysis.sha256, kind.name, request.month ?? null, evaluation.townshipCode, ctx.actor.username,
      counts.rows, counts.created, counts.updated, counts.unchanged, counts.rejected, counts.warnings,
    ).lastInsertRowid);
    await evaluation.apply(sqlite, batchId, trx);
    sqlite.prepare('insert into import_snapshots (batch_id, rows_gz) values (?, ?)').run(batchId, encodeSnapshot(evaluation.snapshot()));
    writeAuditSync(sqlite, {
      username: ctx.actor.username, entity: 'import_batch', entityId: batchId, action: 'import',
      after: { fileName: analysis.fileName, sha256: analysis.sha256, kind: kind.name, sheet: analysis.sheet.name, ...counts, backup },
    });
    return { analysis, batchId };
  });
  return { ...written, backup };
}
