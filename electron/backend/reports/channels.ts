// 报表: the city reports, 报表中心 and 首页: the channels this feature serves, with who may call each and its
// township scope. Every report goes through the one registry (registry.ts), whichever channel asks for it.
import { registerChannels } from '../registry';
import { MANAGERS } from '../../../shared/contract/access';
import type { EngineContext } from '../context';
import { buildReport } from './registry';
import { exportReport, sinceLastExport } from './exports';
import { readReportSettings, saveReportSettings, type ReportSettings } from './settings';
import { workbenchSummary } from './summary';
import { writeAudit } from '../admin/audit-repository';
import { REPORTS, type ReportId } from '../../../shared/domain/reports/catalogue';

/** A report as a file for the window (base64) with its figures and what changed since its last export. */
async function reportFile(ctx: EngineContext, report: ReportId, month: string) {
  const file = await exportReport(ctx, report, month);
  return { report, fileName: file.model.fileName, base64: file.buffer.toString('base64'), rows: file.figures.lines, figures: file.figures, since: file.since };
}

/** `reports.files` (the files of R1…R5 or all): R3 comes with the 公示 roster, R4 with the bank's 代发清单. */
const FILES_OF: Record<'R1' | 'R2' | 'R3' | 'R4' | 'R5' | 'all', readonly ReportId[]> = {
  R1: ['R1'], R2: ['R2'], R3: ['R3', 'PUBLIC'], R4: ['R4', 'BANK'], R5: ['R5'], all: REPORTS.map((r) => r.id),
};

async function saveSettings(ctx: EngineContext, settings: ReportSettings): Promise<ReportSettings> {
  const before = await readReportSettings(ctx.wdb.db);
  await saveReportSettings(ctx.wdb.db, settings);
  await writeAudit(ctx.wdb.db, { username: ctx.actor.username, entity: 'report_settings', entityId: null, action: 'update', before, after: settings });
  return readReportSettings(ctx.wdb.db);
}

export const reportsChannels = registerChannels({
  'reports.preview': { access: MANAGERS, scope: 'scoped', handler: async (ctx, input) => {
    const built = await buildReport(ctx, input.report, input.month);
    return { report: input.report, fileName: built.model.fileName, figures: built.figures, sheets: built.model.sheets, since: await sinceLastExport(ctx, input.report, input.month, built.model) };
  } },
  'reports.export': { access: MANAGERS, scope: 'scoped', handler: (ctx, input) => reportFile(ctx, input.report, input.month) },
  'reports.settings': { access: 'any', scope: 'county', handler: (ctx) => readReportSettings(ctx.wdb.db) },
  'reports.saveSettings': { access: MANAGERS, scope: 'county', handler: (ctx, input) => saveSettings(ctx, input) },
  'reports.summary': { access: 'any', scope: 'scoped', handler: (ctx, input) => workbenchSummary(ctx, input.month) },
  // The channels the screens and scripts had before the registry: the same reports, through it.
  'reports.employment': { access: MANAGERS, scope: 'scoped', handler: (ctx, input) => reportFile(ctx, input.report, input.month) },
  'reports.r3': { access: MANAGERS, scope: 'scoped', handler: (ctx, input) => reportFile(ctx, input.version === 'public' ? 'PUBLIC' : 'R3', input.month) },
  'reports.files': { access: MANAGERS, scope: 'scoped', handler: async (ctx, input) => {
    const files = [];
    for (const id of FILES_OF[input.report]) files.push(await reportFile(ctx, id, input.month));
    return { files: files.map(({ fileName, base64, rows }) => ({ fileName, base64, rows })) };
  } },
});
