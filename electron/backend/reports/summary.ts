// 首页: the county (or a clerk's townships) at a glance for a month (issue 11) — posts planned, developed,
// filled and vacant; the month's 实发 and where it stands with the bank (only what the bank confirmed counts as
// paid, this month and this year); employed against the target;
// 131 coverage; training; open anomalies and township-months still to approve; the same per township.
// The figures come from the same code as the reports (R1, R2, R4, R5), so 首页 and the files agree;
// `workbench summary` prints exactly this.
import { dataSignature } from '../db/database';
import { sql } from 'kysely';
import type { EngineContext } from '../context';
import { payrollMonth } from '../payroll/payroll';
import { listPolicies } from '../posts/policies-repository';
import { employmentFacts } from './registry';
import { confirmedByMonth, moneyWithBank, yearConfirmedFen } from '../payments/month-money';
import { noMoney } from '../../../shared/domain/payments';
import { splitTransfer } from '../../../shared/domain/transfer';
import { lastDayOf, monthsBetween } from '../../../shared/domain/month';
import { r1Figures, r5Figures } from '../../../shared/domain/reports/employment-reports';
import { rateBasisPoints } from '../../../shared/domain/employment';
import type { WorkbenchSummary } from '../../../shared/contract/reports';
import { requireMonth } from '../payroll/payroll';
import { localDate } from '../../../shared/domain/dates';

/** The month being worked on: the latest with attendance or a payroll state, not after today; else this month. */
export async function workingMonth(ctx: EngineContext, today: string = localDate()): Promise<string> {
  const current = today.slice(0, 7);
  const [attendance, states] = await Promise.all([
    ctx.wdb.db.selectFrom('attendance').select((eb) => eb.fn.max('month').as('m')).where('month', '<=', current).executeTakeFirst(),
    ctx.wdb.db.selectFrom('payroll_months').select((eb) => eb.fn.max('month').as('m')).where('month', '<=', current).executeTakeFirst(),
  ]);
  const latest = [attendance?.m, states?.m].filter((m): m is string => typeof m === 'string').sort().at(-1);
  return latest ?? current;
}

/**
 * Whether the database has changed (equal signatures mean the same data, so a summary computed for them can be
 * given again): on SQLite the database's data signature; on PostgreSQL the server's write-ahead
 * log position moves with every write of any connection (a little more often than needed, never less).
 */
async function storeSignature(ctx: EngineContext): Promise<string> {
  const wdb = ctx.wdb;
  if (wdb.dialect === 'postgres') {
    const { rows } = await sql<{ lsn: string }>`select pg_current_wal_insert_lsn()::text as lsn`.execute(wdb.db);
    return rows[0]?.lsn ?? '';
  }
  return dataSignature(wdb.sqlite);
}

const summaries = new WeakMap<object, Map<string, { signature: string; summary: WorkbenchSummary }>>();

/** 首页's figures, computed once per month, scope and state of the data (switching months back is instant). */
export async function workbenchSummary(ctx: EngineContext, requested?: string): Promise<WorkbenchSummary> {
  const month = requested ?? await workingMonth(ctx);
  requireMonth(month);
  const key = `${month}|${ctx.scope.townships?.join(',') ?? '*'}`;
  const cache = summaries.get(ctx.wdb) ?? new Map<string, { signature: string; summary: WorkbenchSummary }>();
  summaries.set(ctx.wdb, cache);
  const signature = await storeSignature(ctx);
  const hit = cache.get(key);
  if (hit && hit.signature === signature) return hit.summary;
  const summary = await computeSummary(ctx, month);
  // Computing reads only; a signature taken before it still describes the data it read.
  cache.set(key, { signature, summary });
  return summary;
}

async function computeSummary(ctx: EngineContext, month: string): Promise<WorkbenchSummary> {
  const db = ctx.wdb.db;
  const year = Number(month.slice(0, 4));
  const last = lastDayOf(month);
  const scope = ctx.scope.codes();
  const policy = (await listPolicies(db)).find((p) => p.year === year) ?? null;
  const paidMonth = policy !== null && month >= policy.firstPaidMonth && month <= policy.lastPaidMonth;
  const scoped = scope.length ? scope : [''];

  const [plans, posts, filled, payroll, confirmed, facts, sessions, states] = await Promise.all([
    db.selectFrom('township_plans').select(['township_code', 'planned_posts']).where('year', '=', year).execute(),
    db.selectFrom('posts').select(['township_code', (eb) => eb.fn.countAll<number>().as('n')]).where('year', '=', year)
      .where('township_code', 'in', scoped).groupBy('township_code').execute(),
    // A post is filled on the month's last day when a placement on it is on post that day.
    db.selectFrom('posts as po').innerJoin('placements as pl', 'pl.post_id', 'po.id')
      .select(['po.township_code', (eb) => eb.fn.count<number>('po.id').distinct().as('n')])
      .where('po.year', '=', year).where('po.township_code', 'in', scoped)
      .where('pl.start_date', '<=', last).where('pl.agreement_end_date', '>=', last)
      .where((eb) => eb.or([eb('pl.exit_date', 'is', null), eb('pl.exit_date', '>=', last)]))
      .groupBy('po.township_code').execute(),
    paidMonth ? payrollMonth(ctx, month) : null,
    confirmedByMonth(db, month, scope),
    employmentFacts(ctx, month),
    db.selectFrom('trainings').select((eb) => eb.fn.countAll<number>().as('n')).where('year', '=', year).where('start_date', '<=', last).executeTakeFirstOrThrow(),
    policy ? db.selectFrom('payroll_months').select(['month', 'township_code', 'status']).where('month', '>=', policy.firstPaidMonth).where('month', '<=', month).execute() : [],
  ]);

  const approvedIn = new Set(states.filter((s) => s.status === '已审核').map((s) => `${s.month}|${s.township_code}`));
  const paidMonths = policy && month >= policy.firstPaidMonth ? monthsBetween(policy.firstPaidMonth, month < policy.lastPaidMonth ? month : policy.lastPaidMonth) : [];
  const employment = r1Figures(facts.townships, facts.labourers, facts.targets, '合计');
  const services = r5Figures(facts.townships, facts.labourers, month, '合计');
  const statusOf = new Map(payroll?.townships.map((t) => [t.townshipCode, t.status]) ?? []);
  const money = payroll ? await moneyWithBank(db, month, payroll.townships.map((t) => ({ code: t.townshipCode, status: t.status, lines: payroll.lines.filter((l) => l.townshipCode === t.townshipCode) }))) : new Map();

  const townships = scope.map((code) => {
    const lines = payroll?.lines.filter((l) => l.townshipCode === code) ?? [];
    const approved = statusOf.get(code) === '已审核';
    const splits = lines.map((l) => splitTransfer(l, approved));
    const developed = Number(posts.find((p) => p.township_code === code)?.n ?? 0);
    const filledHere = Number(filled.find((p) => p.township_code === code)?.n ?? 0);
    const r1 = employment.rows.find((r) => r.code === code);
    const byMonth = confirmed.get(code);
    const m = money.get(code) ?? noMoney();
    return {
      code, name: ctx.divisions.townshipNameOf(code),
      planned: plans.find((p) => p.township_code === code)?.planned_posts ?? null, developed, filled: filledHere, vacant: Math.max(0, developed - filledHere),
      people: splits.filter((s) => s.transferFen > 0).length,
      netFen: lines.reduce((n, l) => n + l.netFen, 0),
      transferFen: splits.reduce((n, s) => n + s.transferFen, 0),
      confirmedPeople: m.confirmed.lines, confirmedFen: m.confirmed.fen, awaitingFen: m.awaitingReturn.fen, failedFen: m.failed.fen, unsentFen: m.unsent.fen,
      yearConfirmedFen: yearConfirmedFen(byMonth),
      // A month none of whose money has reached the bank has no point on the chart rather than a drop to zero.
      monthly: paidMonths.map((mo) => { const c = byMonth?.get(mo); return { month: mo, confirmedFen: c?.withBank ? c.confirmedFen : null }; }),
      labourers: r1?.labourers ?? 0, employed: r1?.employed ?? 0, target: r1?.target ?? null, rate: r1?.completionRate ?? null,
      anomalies: payroll?.anomalies.filter((a) => a.townshipCode === code).length ?? 0,
      status: paidMonth ? statusOf.get(code) ?? '未提交' : '非发放月份',
      toApprove: paidMonths.filter((m) => !approvedIn.has(`${m}|${code}`)).length,
    };
  });
  const sum = (pick: (t: (typeof townships)[number]) => number) => townships.reduce((n, t) => n + pick(t), 0);
  const developed = sum((t) => t.developed);
  const filledAll = sum((t) => t.filled);
  const countyWide = ctx.scope.townships === null;
  const total = employment.total;
  const withheldFen = payroll ? payroll.lines.reduce((n, l) => n + splitTransfer(l, statusOf.get(l.townshipCode) === '已审核').withheldFen, 0) : 0;
  return {
    month,
    posts: {
      planned: countyWide ? policy?.plannedPosts ?? null : townships.every((t) => t.planned === null) ? null : sum((t) => t.planned ?? 0),
      developed, filled: filledAll, vacant: Math.max(0, developed - filledAll),
    },
    payroll: {
      people: sum((t) => t.people), netFen: sum((t) => t.netFen), transferFen: sum((t) => t.transferFen), withheldFen,
      confirmedPeople: sum((t) => t.confirmedPeople), confirmedFen: sum((t) => t.confirmedFen), awaitingFen: sum((t) => t.awaitingFen),
      failedFen: sum((t) => t.failedFen), unsentFen: sum((t) => t.unsentFen), yearConfirmedFen: sum((t) => t.yearConfirmedFen),
    },
    employment: {
      labourers: total.labourers, employed: total.employed,
      target: countyWide ? total.target : townships.every((t) => t.target === null) ? null : sum((t) => t.target ?? 0),
      rate: countyWide ? total.completionRate : rateBasisPoints(total.employed, sum((t) => t.target ?? 0)),
      hasLedger: facts.hasLedger,
    },
    services: {
      targets: services.total.targets, complete: services.total.complete, rate: services.total.completeRate,
      guidance: services.total.guidance, jobOffers: services.total.jobOffers, trainingReferrals: services.total.trainingReferrals,
    },
    training: { sessions: Number(sessions.n), trainees: services.total.trainees },
    anomalies: sum((t) => t.anomalies),
    toApprove: sum((t) => t.toApprove),
    townships,
  };
}
