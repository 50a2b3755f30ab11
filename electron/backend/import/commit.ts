// Committing a dry run: an automatic backup first, then one write transaction (BEGIN IMMEDIATE: another
// process's import waits for it) in which the rows are judged again on the ledger as it now is and the
// batch, every accepted row, the record of each change (for undo), the file's snapshot (for 与上次对比)
// and an audit entry are written — all of it or, on any failure, nothing.
import zlib from 'node:zlib';
import type { EngineContext } from '../context';
import { automaticBackup } from '../admin/backups';
import { WorkbenchFailure } from '../failure';
import { writeAuditSync } from './audit-sync';
import { judge, readFile, type Analysis, type ImportRequest } from './analyse';
import { requireSqlite } from '../db/database';

export interface CommitResult { analysis: Analysis; batchId: number | null; backup: string | null }

/** A batch is recorded only when some row was accepted: a file whose rows were all refused changed nothing. */
function nothingToRecord(analysis: Analysis): boolean {
  const { created, updated, unchanged } = analysis.counts;
  return created + updated + unchanged === 0;
}

export async function commitImport(ctx: EngineContext, request: ImportRequest): Promise<CommitResult> {
  const read = await readFile(ctx, request);
  const preview = await judge(ctx, read, request);
  if (preview.missing.length > 0) throw new WorkbenchFailure('COLUMN_MISSING', { columns: preview.missing.join('、') });
  if (preview.alreadyImported || !preview.evaluation || nothingToRecord(preview)) return { analysis: preview, batchId: preview.alreadyImported?.batchId ?? null, backup: null };

  const backup = await automaticBackup(ctx.engine, 'before-import');
  const sqlite = requireSqlite(ctx.wdb, '批量导入');
  // A kysely transaction, so a kind that writes through the async engine (placements) can await inside it;
  // the driver statements below run on the same connection, inside the same transaction.
  const written = await ctx.wdb.db.transaction().execute(async (trx): Promise<{ analysis: Analysis; batchId: number | null }> => {
    // Judged again under the write lock: a row another process changed since the preview is merged with
    // that change, not overwritten with what the preview read. (Placements judge again inside apply.)
    const analysis = preview.kind.judgesAgainOnApply ? preview : await judge(ctx, read, request);
    const { counts, evaluation, kind } = analysis;
    if (analysis.alreadyImported || !evaluation || nothingToRecord(analysis)) return { analysis, batchId: analysis.alreadyImported?.batchId ?? null };
    const batchId = Number(sqlite.prepare(`insert into import_batches
      (file_name, sha256, kind, month, township_code, created_by, rows, created, updated, unchanged, rejected, warnings, status)
      values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'applied')`).run(
      analysis.fileName, analysis.sha256, kind.name, request.month ?? null, evaluation.townshipCode, ctx.actor.username,
      counts.rows, counts.created, counts.updated, counts.unchanged, counts.rejected, counts.warnings,
    ).lastInsertRowid);
    await evaluation.apply(sqlite, batchId, trx);
    sqlite.prepare('insert into import_snapshots (batch_id, rows_gz) values (?, ?)')
      .run(batchId, zlib.gzipSync(JSON.stringify(evaluation.snapshot()), { level: 3 }));
    writeAuditSync(sqlite, {
      username: ctx.actor.username, entity: 'import_batch', entityId: batchId, action: 'import',
      after: { fileName: analysis.fileName, sha256: analysis.sha256, kind: kind.name, sheet: analysis.sheet.name, ...counts, backup },
    });
    return { analysis, batchId };
  });
  return { ...written, backup };
}
