// R1 and R5 for a month: the year's ledger turned into report models (pure builders in
// shared/domain/reports), rendered and audited by the one report renderer (handlers/reports.ts).
import type { EngineContext } from '../context';
import { loadLedger, labourerFacts } from '../employment/ledger';
import { buildR1, buildR5, type ReportContext } from '../../../shared/domain/reports/employment-reports';
import type { ReportModel } from '../../../shared/domain/reports/report-model';
import { lastDayOf } from '../../../shared/domain/month';
import { exportReport, reportingUnit } from './r3';
import { localDate } from '../../../shared/domain/dates';

export type EmploymentReport = 'R1' | 'R5';

/**
 * The model of R1 or R5 for a month (YYYY-MM). The ledger is kept per year, so the month picks the year:
 * R1 shows the year's ledger as it stands (the running figure the city compares with the year's target);
 * R5 counts services and training sessions dated up to the month's end.
 */
export async function employmentReportModel(ctx: EngineContext, report: EmploymentReport, month: string, preparedOn: string = localDate()): Promise<ReportModel> {
  const year = Number(month.slice(0, 4));
  const ledger = await loadLedger(ctx, year);
  const context: ReportContext = { countyName: ctx.county.name, unit: reportingUnit(ctx), month, preparedOn };
  const townships = ctx.townships.filter((t) => ctx.scope.has(t.code)).map((t) => ({ code: t.code, name: t.name }));
  const labourers = ledger.entries.map(labourerFacts);
  if (report === 'R1') return buildR1(context, { townships, labourers, targets: ledger.targets });
  const sessions = await ctx.wdb.db.selectFrom('trainings').select((eb) => eb.fn.countAll<number>().as('n'))
    .where('year', '=', year).where('start_date', '<=', lastDayOf(month)).executeTakeFirstOrThrow();
  return buildR5(context, { townships, labourers, sessions: Number(sessions.n) });
}

export async function employmentReportFile(ctx: EngineContext, report: EmploymentReport, month: string) {
  return exportReport(ctx, report, await employmentReportModel(ctx, report, month), { month });
}
