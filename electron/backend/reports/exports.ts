// Exporting a report: rendered by the one renderer, recorded in the audit log (SPEC §8) and fingerprinted,
// so that the next time the same report and month would come out different it says so and lists what
// changed (the city already has the old file).
import crypto from 'node:crypto';
import type { EngineContext } from '../context';
import { writeAudit } from '../admin/audit-repository';
import { renderReportWorkbook } from '../excel/report-workbook';
import { buildReport, type BuildOptions, type BuiltReport } from './registry';
import { diffSnapshots, snapshotOf, type ReportChanges, type ReportSnapshot } from '../../../shared/domain/reports/report-diff';
import type { ReportModel } from '../../../shared/domain/reports/report-model';
import type { ReportId } from '../../../shared/domain/reports/catalogue';

/** Since the last export of this report and month: when it was, and what would now differ (null: never exported). */
export interface SinceExport { exportedAt: string; username: string; fileName: string; changes: ReportChanges }

const digestOf = (snapshot: ReportSnapshot) => crypto.createHash('sha256').update(JSON.stringify(snapshot)).digest('hex');

async function lastExport(ctx: EngineContext, id: ReportId, month: string) {
  return ctx.wdb.db.selectFrom('report_exports').selectAll().where('report', '=', id).where('month', '=', month)
    .orderBy('id', 'desc').limit(1).executeTakeFirst();
}

/** The report as it would be now against its last export. */
export async function sinceLastExport(ctx: EngineContext, id: ReportId, month: string, model: ReportModel, snapshot = snapshotOf(model)): Promise<SinceExport | null> {
  const last = await lastExport(ctx, id, month);
  if (!last) return null;
  const headers = new Map(model.sheets.map((s) => [s.name, s.columns.map((c) => c.header)]));
  const changes = last.digest === digestOf(snapshot)
    ? { lines: [], count: 0 }
    : diffSnapshots(JSON.parse(last.snapshot) as ReportSnapshot, snapshot, (sheet) => headers.get(sheet) ?? []);
  return { exportedAt: last.exported_at, username: last.username, fileName: last.file_name, changes };
}

export interface ExportedReport extends BuiltReport { buffer: Buffer; since: SinceExport | null }

export async function exportReport(ctx: EngineContext, id: ReportId, month: string, options: BuildOptions = {}): Promise<ExportedReport> {
  const built = await buildReport(ctx, id, month, options);
  const buffer = await renderReportWorkbook(built.model);
  const snapshot = snapshotOf(built.model);
  const since = await sinceLastExport(ctx, id, month, built.model, snapshot);
  await ctx.wdb.db.insertInto('report_exports').values({
    report: id, month, file_name: built.model.fileName, username: ctx.actor.username, exported_at: new Date().toISOString(),
    digest: digestOf(snapshot), snapshot: JSON.stringify(snapshot),
  }).execute();
  await writeAudit(ctx.wdb.db, {
    username: ctx.actor.username, entity: 'report', entityId: id, action: 'export',
    after: { month, fileName: built.model.fileName, ...built.figures, ...(since && since.changes.count ? { changedSinceLastExport: since.changes.count } : {}) },
  });
  return { ...built, buffer, since };
}
