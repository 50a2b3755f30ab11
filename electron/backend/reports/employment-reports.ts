// R1 and R5 for a month: the year's ledger turned into report models, then into workbooks.
import type { EngineContext } from '../context';
import { inScope } from '../context';
import { loadLedger, labourerFacts, todayIso } from '../employment/ledger';
import { buildR1, buildR5 } from '../../../shared/domain/employment-reports';
import type { ReportSheetModel } from '../../../shared/domain/report-model';
import { renderReportWorkbook } from '../excel/report-sheet';

export type EmploymentReport = 'R1' | 'R5';

export const REPORT_FILE_NAMES: Record<EmploymentReport, string> = {
  R1: '脱贫劳动力就业情况月报表',
  R5: '131就业服务与技能培训情况表',
};

/**
 * The model of R1 or R5 for a month (YYYY-MM). The ledger is kept per year, so the month picks the year:
 * R1 shows the year's ledger as it stands (the running figure the city compares with the year's target);
 * R5 counts services and training sessions dated up to the month's end.
 */
export async function employmentReportModel(ctx: EngineContext, report: EmploymentReport, month: string): Promise<ReportSheetModel> {
  const year = Number(month.slice(0, 4));
  const ledger = await loadLedger(ctx, year);
  const townships = ctx.townships.filter((t) => inScope(ctx.actor, t.code)).map((t) => ({ code: t.code, name: t.name }));
  const labourers = ledger.entries.map(labourerFacts);
  if (report === 'R1') {
    return buildR1({ countyName: ctx.county.name, month, townships, labourers, targets: ledger.targets });
  }
  const sessions = await ctx.wdb.db.selectFrom('trainings').select((eb) => eb.fn.countAll<number>().as('n'))
    .where('year', '=', year).where('start_date', '<=', `${month}-31`).executeTakeFirstOrThrow();
  return buildR5({ countyName: ctx.county.name, month, townships, labourers, sessions: Number(sessions.n) });
}

export async function employmentReportFile(ctx: EngineContext, report: EmploymentReport, month: string): Promise<{ fileName: string; buffer: Buffer; rows: number }> {
  const model = await employmentReportModel(ctx, report, month);
  const buffer = await renderReportWorkbook([model], todayIso());
  return { fileName: `${report}_${REPORT_FILE_NAMES[report]}_${month}.xlsx`, buffer, rows: model.rows.length };
}
