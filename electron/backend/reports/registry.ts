// The engine side of the one registry of reports (shared/domain/reports/catalogue.ts): each report id's
// builder, which gathers the facts from the database, checks the period rule and hands them to the pure
// builder in shared/domain/reports. The CLI, 报表中心, 考勤发放 and 上岗安置 all come through buildReport.
import type { EngineContext } from '../context';
import { loadLedger, labourerFacts } from '../employment/ledger';
import { payrollMonth } from '../payroll/payroll';
import { readPayrollPlacements } from '../payroll/repository';
import { getPlacement, placementsActiveInMonth } from '../posts/placements-repository';
import { listPolicies } from '../posts/policies-repository';
import { WorkbenchFailure } from '../failure';
import { readReportSettings, type ReportSettings } from './settings';
import { localDate } from '../../../shared/domain/dates';
import { ageOn } from '../../../shared/domain/id-number';
import { firstDayOf, lastDayOf, monthLabel } from '../../../shared/domain/month';
import { periodRefusal, reportEntry, reportFileName, type ReportFigures, type ReportId } from '../../../shared/domain/reports/catalogue';
import { reportingUnitOf, type ReportHead, type ReportModel } from '../../../shared/domain/reports/report-model';
import { buildR1, buildR5, noLedgerWarning, r1Figures, type LabourerFacts } from '../../../shared/domain/reports/employment-reports';
import { buildR2, sumR2, type R2Township } from '../../../shared/domain/reports/r2-posts-monthly';
import { buildR3, type RosterEntry } from '../../../shared/domain/reports/r3-roster';
import { buildBankList, buildR4, splitLines, transferTotals, type R4Township } from '../../../shared/domain/reports/r4-payroll';
import { buildPublicRoster } from '../../../shared/domain/reports/public-roster';
import { PAYROLL_STATUS } from '../../../shared/domain/payroll-lifecycle';
import { confirmedByMonth, moneyWithBank, yearConfirmedFen } from '../payments/month-money';

export interface BuildOptions {
  /** YYYY-MM-DD: the day the report is made (printed in the footer, starts the 公示 period). */
  preparedOn?: string;
  /** YYYY-MM-DD: today, for the period rule (a month after it is refused). */
  today?: string;
  settings?: ReportSettings;
}

export interface BuiltReport { model: ReportModel; figures: ReportFigures }

/** Refuses a month the report makes no sense for (issue 11), with its coded Chinese message. */
export async function checkPeriod(ctx: EngineContext, id: ReportId, month: string, today: string): Promise<void> {
  const policies = await listPolicies(ctx.wdb.db);
  const refusal = periodRefusal(reportEntry(id).period, month, policies, today);
  if (refusal) throw new WorkbenchFailure(refusal.code, refusal.params);
}

function headOf(ctx: EngineContext, month: string, preparedOn: string, settings: ReportSettings): ReportHead {
  return { countyName: ctx.county.name, unit: reportingUnitOf(ctx.county.name, settings.signatures), month, preparedOn, signatures: settings.signatures };
}

// ---- R1 / R5: the employment ledger as of the month's last day ------------------------------------------

/** The ledger's facts as they stood on the month's last day: other work counts once its start month has come. */
function factsAsOf(facts: LabourerFacts, startMonth: string | null, source: string, month: string): LabourerFacts {
  if (source === 'entered' && facts.status === '已就业' && startMonth && startMonth > month) return { ...facts, status: '未就业', form: null };
  return facts;
}

type EmploymentFacts = Awaited<ReturnType<typeof readEmploymentFacts>>;

/** One request (or one `workbench report all`) reads the ledger once for R1 and R5: kept per context. */
const factsOfContext = new WeakMap<EngineContext, Map<string, Promise<EmploymentFacts>>>();

export function employmentFacts(ctx: EngineContext, month: string): Promise<EmploymentFacts> {
  const cache = factsOfContext.get(ctx) ?? new Map<string, Promise<EmploymentFacts>>();
  factsOfContext.set(ctx, cache);
  const cached = cache.get(month) ?? readEmploymentFacts(ctx, month);
  cache.set(month, cached);
  return cached;
}

async function readEmploymentFacts(ctx: EngineContext, month: string) {
  const year = Number(month.slice(0, 4));
  const ledger = await loadLedger(ctx, year, { today: lastDayOf(month), withChecks: false });
  const townships = ctx.townships.filter((t) => ctx.scope.has(t.code)).map((t) => ({ code: t.code, name: t.name }));
  const labourers = ledger.entries.map((e) => factsAsOf(labourerFacts(e), e.effective.startMonth, e.effective.source, month));
  const records = await ctx.wdb.db.selectFrom('employment_records').select((eb) => eb.fn.countAll<number>().as('n')).where('year', '=', year).executeTakeFirstOrThrow();
  return { year, townships, labourers, targets: ledger.targets, hasLedger: Number(records.n) > 0 };
}

async function r1(ctx: EngineContext, head: ReportHead): Promise<BuiltReport> {
  const facts = await employmentFacts(ctx, head.month);
  const model = buildR1(head, facts);
  const { total } = r1Figures(facts.townships, facts.labourers, facts.targets, '合计');
  return {
    model,
    figures: {
      report: 'R1', lines: facts.townships.length, employed: total.employed, labourers: total.labourers,
      ...(total.target !== null ? { target: total.target } : {}), ...(total.completionRate !== null ? { completionRate: total.completionRate } : {}),
      ...(facts.hasLedger ? {} : { warnings: [noLedgerWarning(facts.year)] }),
    },
  };
}

async function r5(ctx: EngineContext, head: ReportHead): Promise<BuiltReport> {
  const facts = await employmentFacts(ctx, head.month);
  const sessions = await ctx.wdb.db.selectFrom('trainings').select((eb) => eb.fn.countAll<number>().as('n'))
    .where('year', '=', facts.year).where('start_date', '<=', lastDayOf(head.month)).executeTakeFirstOrThrow();
  const model = buildR5(head, { townships: facts.townships, labourers: facts.labourers, sessions: Number(sessions.n) });
  return { model, figures: { report: 'R5', lines: facts.townships.length } };
}

// ---- R2 / R4 / BANK: the month's payroll, split by the one transfer rule --------------------------------

export async function payrollTownships(ctx: EngineContext, month: string): Promise<R4Township[]> {
  const payroll = await payrollMonth(ctx, month);
  return payroll.townships.map((t) => ({
    code: t.townshipCode, name: t.name, status: t.status, lines: payroll.lines.filter((l) => l.townshipCode === t.townshipCode),
  }));
}

async function r2(ctx: EngineContext, head: ReportHead): Promise<BuiltReport> {
  const db = ctx.wdb.db;
  const month = head.month;
  const year = Number(month.slice(0, 4));
  const scope = ctx.scope.codes();
  const [townships, placements, plans, posts, year2Date] = await Promise.all([
    payrollTownships(ctx, month),
    readPayrollPlacements(db, month, ctx.scope.townships),
    db.selectFrom('township_plans').select(['township_code', 'planned_posts']).where('year', '=', year).execute(),
    db.selectFrom('posts').select(['township_code', (eb) => eb.fn.countAll<number>().as('n')]).where('year', '=', year).groupBy('township_code').execute(),
    confirmedByMonth(db, month, scope),
  ]);
  // R4's own lines (frozen where approved), split by where each stands with the bank.
  const money = await moneyWithBank(db, month, townships);
  const [first, last] = [firstDayOf(month), lastDayOf(month)];
  const rows: R2Township[] = townships.map((t) => {
    // On post: listed in the month and inside the agreement for at least one day of it.
    const here = placements.filter((p) => p.townshipCode === t.code && p.startDate <= last && (p.exitDate ?? '9999') >= first && p.agreementEndDate >= first);
    const m = money.get(t.code)!;
    return {
      name: t.name,
      plannedPosts: plans.find((p) => p.township_code === t.code)?.planned_posts ?? null,
      posts: Number(posts.find((p) => p.township_code === t.code)?.n ?? 0),
      onPost: here.length,
      aged65: here.filter((p) => ageOn(p.birthDate, last) >= 65).length,
      started: here.filter((p) => p.startDate >= first).length,
      exited: here.filter((p) => p.exitDate !== null && p.exitDate <= last).length,
      netFen: m.net.fen, confirmedPeople: m.confirmed.lines, confirmedFen: m.confirmed.fen, awaitingFen: m.awaitingReturn.fen,
      failedFen: m.failed.fen, unsentFen: m.unsent.fen, confirmedThisYearFen: yearConfirmedFen(year2Date.get(t.code)),
      unapprovedFen: t.status === PAYROLL_STATUS.APPROVED ? 0 : m.net.fen,
    };
  });
  const total = sumR2(rows);
  return {
    model: buildR2({ ...head, townships: rows }),
    figures: { report: 'R2', lines: rows.length, totalFen: total.netFen, confirmedFen: total.confirmedFen, awaitingFen: total.awaitingFen, failedFen: total.failedFen, unsentFen: total.unsentFen },
  };
}

async function r4(ctx: EngineContext, head: ReportHead): Promise<BuiltReport> {
  const townships = await payrollTownships(ctx, head.month);
  const model = buildR4({ ...head, townships, villageNameOf: (code) => ctx.divisions.villageNameOf(code) });
  const t = transferTotals(splitLines(townships));
  return { model, figures: { report: 'R4', lines: t.lines, totalFen: t.netFen, transferFen: t.transferFen, withheldFen: t.withheldFen, withheldLines: t.withheldLines } };
}

async function bank(ctx: EngineContext, head: ReportHead): Promise<BuiltReport> {
  const townships = await payrollTownships(ctx, head.month);
  const model = buildBankList({ ...head, townships, villageNameOf: (code) => ctx.divisions.villageNameOf(code) });
  const t = transferTotals(splitLines(townships));
  return { model, figures: { report: 'BANK', lines: t.transferLines, totalFen: t.transferFen } };
}

// ---- R3 / 公示: the people on post in the month ---------------------------------------------------------

async function rosterEntries(ctx: EngineContext, month: string, withPredecessors: boolean): Promise<RosterEntry[]> {
  const placements = await placementsActiveInMonth(ctx.wdb.db, month, ctx.scope.townships);
  const replacedNames = new Map<number, string>();
  if (withPredecessors) {
    for (const p of placements) {
      if (p.replacesPlacementId !== null && !replacedNames.has(p.replacesPlacementId)) {
        replacedNames.set(p.replacesPlacementId, (await getPlacement(ctx.wdb.db, p.replacesPlacementId))?.name ?? '');
      }
    }
  }
  return placements.map((p) => ({
    townshipCode: p.townshipCode,
    townshipName: ctx.divisions.townshipNameOf(p.townshipCode),
    villageName: ctx.divisions.villageNameOf(p.villageCode),
    name: p.name, sex: p.sex, idNumber: p.idNumber, birthDate: p.birthDate, category: p.category, phone: p.phone,
    postType: p.postType, employingUnit: p.employingUnit, startDate: p.startDate, agreementEndDate: p.agreementEndDate,
    exitDate: p.exitDate, exitReason: p.exitReason, subsidyFen: p.subsidyFen, cardNumber: p.cardNumber, bank: p.bank,
    replacesName: p.replacesPlacementId === null ? null : replacedNames.get(p.replacesPlacementId) ?? null,
  }));
}

async function r3(ctx: EngineContext, head: ReportHead): Promise<BuiltReport> {
  const entries = await rosterEntries(ctx, head.month, true);
  return { model: buildR3({ ...head, entries }), figures: { report: 'R3', lines: entries.length } };
}

async function publicRoster(ctx: EngineContext, head: ReportHead, settings: ReportSettings): Promise<BuiltReport> {
  const entries = await rosterEntries(ctx, head.month, false);
  return { model: buildPublicRoster({ ...head, entries, publicity: settings.publicity }), figures: { report: 'PUBLIC', lines: entries.length } };
}

const BUILDERS: Record<ReportId, (ctx: EngineContext, head: ReportHead, settings: ReportSettings) => Promise<BuiltReport>> = {
  R1: r1, R2: r2, R3: r3, R4: r4, R5: r5, PUBLIC: publicRoster, BANK: bank,
};

/** A report of the registry for a month: the period checked, the model built, its file named, its figures. */
export async function buildReport(ctx: EngineContext, id: ReportId, month: string, options: BuildOptions = {}): Promise<BuiltReport> {
  const today = options.today ?? localDate();
  await checkPeriod(ctx, id, month, today);
  const settings = options.settings ?? await readReportSettings(ctx.wdb.db);
  const built = await BUILDERS[id](ctx, headOf(ctx, month, options.preparedOn ?? today, settings), settings);
  built.model.fileName = reportFileName(ctx.county.name, id, month);
  const entry = reportEntry(id);
  if (entry.listsPeople && built.figures.lines === 0) throw new WorkbenchFailure('REPORT_PERIOD_EMPTY', { month: monthLabel(month), title: entry.title });
  return built;
}
