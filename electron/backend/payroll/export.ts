// R4 乡村公益性岗位补贴发放明细表 (through the one report renderer) and the bank's transfer list. Every export
// goes into the audit log (SPEC §8).
import type { EngineContext } from '../context';
import { bankTransfers, buildR4, type R4Township } from '../../../shared/domain/reports/r4-payroll';
import type { ReportModel } from '../../../shared/domain/reports/report-model';
import { buildR2, type R2Township } from '../../../shared/domain/reports/r2-posts-monthly';
import { ageOn } from '../../../shared/domain/id-number';
import { firstDayOf, lastDayOf, monthsBetween } from '../../../shared/domain/month';
import { bankListWorkbook } from './bank-list';
import { readPayrollPlacements } from './repository';
import { writeAudit } from '../admin/audit-repository';
import { payrollMonth } from './payroll';
import { exportReport, reportingUnit } from '../reports/r3';
import { localDate } from '../../../shared/domain/dates';
import { PAYROLL_STATUS } from '../../../shared/domain/payroll-lifecycle';

async function payrollTownships(ctx: EngineContext, month: string): Promise<R4Township[]> {
  const payroll = await payrollMonth(ctx, month);
  return payroll.townships.map((t) => ({
    code: t.townshipCode, name: t.name, status: t.status, lines: payroll.lines.filter((l) => l.townshipCode === t.townshipCode),
  }));
}

export async function r4Model(ctx: EngineContext, month: string, preparedOn: string = localDate()): Promise<ReportModel> {
  return buildR4({
    countyName: ctx.county.name, unit: reportingUnit(ctx), month, preparedOn, townships: await payrollTownships(ctx, month),
    villageNameOf: (code) => ctx.divisions.villageNameOf(code),
  });
}

/** R2: posts and people from the placements; money from the month's payroll (frozen where approved). */
export async function r2Model(ctx: EngineContext, month: string, preparedOn: string = localDate()): Promise<ReportModel> {
  const db = ctx.wdb.db;
  const year = Number(month.slice(0, 4));
  const [payroll, placements, plans, posts] = await Promise.all([
    payrollMonth(ctx, month),
    readPayrollPlacements(db, month, ctx.scope.townships),
    db.selectFrom('township_plans').select(['township_code', 'planned_posts']).where('year', '=', year).execute(),
    db.selectFrom('posts').select(['township_code', (eb) => eb.fn.countAll<number>().as('n')]).where('year', '=', year).groupBy('township_code').execute(),
  ]);
  const paidThisYear = new Map<string, number>();
  for (const m of monthsBetween(`${year}-01`, month)) {
    const p = m === month ? payroll : await payrollMonth(ctx, m);
    for (const t of p.townships) paidThisYear.set(t.townshipCode, (paidThisYear.get(t.townshipCode) ?? 0) + t.totals.netFen);
  }
  const [first, last] = [firstDayOf(month), lastDayOf(month)];
  const townships: R2Township[] = payroll.townships.map((t) => {
    // On post: listed in the month and inside the agreement for at least one day of it.
    const here = placements.filter((p) => p.townshipCode === t.townshipCode && p.startDate <= last && (p.exitDate ?? '9999') >= first && p.agreementEndDate >= first);
    const lines = payroll.lines.filter((l) => l.townshipCode === t.townshipCode && l.netFen > 0);
    return {
      name: t.name,
      plannedPosts: plans.find((p) => p.township_code === t.townshipCode)?.planned_posts ?? null,
      posts: Number(posts.find((p) => p.township_code === t.townshipCode)?.n ?? 0),
      onPost: here.length,
      aged65: here.filter((p) => ageOn(p.birthDate, last) >= 65).length,
      started: here.filter((p) => p.startDate >= first).length,
      exited: here.filter((p) => p.exitDate !== null && p.exitDate <= last).length,
      paidPeople: lines.length,
      paidFen: lines.reduce((n, l) => n + l.netFen, 0),
      paidThisYearFen: paidThisYear.get(t.townshipCode) ?? 0,
    };
  });
  return buildR2({ countyName: ctx.county.name, unit: reportingUnit(ctx), month, preparedOn, townships, allApproved: payroll.townships.every((t) => t.status === PAYROLL_STATUS.APPROVED) });
}

async function bankList(ctx: EngineContext, month: string): Promise<{ fileName: string; buffer: Buffer; rows: number }> {
  const transfers = bankTransfers(await payrollTownships(ctx, month));
  const fileName = `代发清单_${month}.xlsx`;
  const buffer = await bankListWorkbook(transfers);
  const totalFen = transfers.reduce((sum, t) => sum + t.amountFen, 0);
  await writeAudit(ctx.wdb.db, { username: ctx.actor.username, entity: 'report', entityId: 'bank', action: 'export', after: { month, fileName, rows: transfers.length, totalFen } });
  return { fileName, buffer, rows: transfers.length };
}

export type PayrollReportFile = { fileName: string; buffer: Buffer; rows: number };

/** R2, R4 or the bank's list for a month, rendered and audited. */
export async function payrollReportFile(ctx: EngineContext, month: string, kind: 'R2' | 'R4' | 'bank'): Promise<PayrollReportFile> {
  if (kind === 'R2') return exportReport(ctx, 'R2', await r2Model(ctx, month), { month });
  return kind === 'R4' ? exportReport(ctx, 'R4', await r4Model(ctx, month), { month }) : bankList(ctx, month);
}
