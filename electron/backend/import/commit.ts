// Committing a dry run: an automatic backup first, then one transaction that writes the batch, every
// accepted row, the record of each change (for undo), the file's snapshot (for 与上次对比) and an audit
// entry — all of it or, on any failure, nothing.
import zlib from 'node:zlib';
import type { EngineContext } from '../context';
import { automaticBackup } from '../admin/backups';
import { WorkbenchFailure } from '../failure';
import { writeAuditSync } from './audit-sync';
import { analyse, type Analysis, type ImportRequest } from './analyse';

export interface CommitResult { analysis: Analysis; batchId: number | null; backup: string | null }

export async function commitImport(ctx: EngineContext, request: ImportRequest): Promise<CommitResult> {
  return writeAnalysis(ctx, await analyse(ctx, request), request.month ?? null);
}

/** The write step of a commit: backup, then the batch in one transaction. */
export async function writeAnalysis(ctx: EngineContext, analysis: Analysis, month: string | null): Promise<CommitResult> {
  if (analysis.missing.length > 0) throw new WorkbenchFailure('COLUMN_MISSING', { columns: analysis.missing.join('、') });
  if (analysis.alreadyImported || !analysis.evaluation) return { analysis, batchId: analysis.alreadyImported?.batchId ?? null, backup: null };

  const backup = await automaticBackup(ctx.engine, 'before-import');
  const { counts, evaluation, kind } = analysis;
  const sqlite = ctx.wdb.sqlite;
  // A kysely transaction, so a kind that writes through the async engine (placements) can await inside it;
  // the driver statements below run on the same connection, inside the same transaction.
  const batchId = await ctx.wdb.db.transaction().execute(async (trx): Promise<number> => {
    const batchId = Number(sqlite.prepare(`insert into import_batches
      (file_name, sha256, kind, month, township_code, created_by, rows, created, updated, unchanged, rejected, warnings, status)
      values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'applied')`).run(
      analysis.fileName, analysis.sha256, kind.name, month, evaluation.townshipCode, ctx.actor.username,
      counts.rows, counts.created, counts.updated, counts.unchanged, counts.rejected, counts.warnings,
    ).lastInsertRowid);
    await evaluation.apply(sqlite, batchId, trx);
    sqlite.prepare('insert into import_snapshots (batch_id, rows_gz) values (?, ?)')
      .run(batchId, zlib.gzipSync(JSON.stringify(evaluation.snapshot()), { level: 3 }));
    writeAuditSync(sqlite, {
      username: ctx.actor.username, entity: 'import_batch', entityId: batchId, action: 'import',
      after: { fileName: analysis.fileName, sha256: analysis.sha256, kind: kind.name, sheet: analysis.sheet.name, ...counts, backup },
    });
    return batchId;
  });
  return { analysis, batchId, backup };
}
