// 考勤与补贴发放 in the engine: the month's payroll (computed for open township-months, frozen for approved
// ones), attendance entry, the township-month lifecycle with its backup and lock, and adjustments.
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema';
import { narrowedTo, type EngineContext } from '../context';
import type { ChannelOutput } from '../../../shared/contract/schemas';
import { maskIdNumber } from '../../../shared/domain/id-number';
import { EDITORS, whoCan } from '../../../shared/contract/access';
import { maskCardNumber } from '../../../shared/domain/person';
import { formatYuan, yuanInWords } from '../../../shared/domain/money';
import { computePayroll, isListedInMonth, sumLines, totalsBy, type MoneyTotals, type PayrollAnomaly, type PayrollLine } from '../../../shared/domain/payroll';
import { PAYROLL_STATUS, PAYROLL_TRANSITIONS, checkTransition, editRefusal, mayEditPayroll, type PayrollAction, type PayrollStatus } from '../../../shared/domain/payroll-lifecycle';
import { isMonth, monthsBetween } from '../../../shared/domain/month';
import { WorkbenchFailure } from '../failure';
import { writeAudit } from '../admin/audit-repository';
import { automaticBackup } from '../admin/backups';
import { linePayments, liveBatchHolding } from '../payments/line-state';
import { lockTownshipMonths } from '../db/locks';
import { writeTransaction } from '../db/retry';
import {
  attendanceOf, attendanceVersions, deleteFrozenLines, freezeLines, frozenLines, insertAdjustment, payrollPolicies, placementTownships,
  listAdjustments, readPayrollPlacements, saveAttendance, saveTownshipMonth, townshipMonthState, townshipMonthStates, type TownshipMonthRow,
} from './repository';

export interface TownshipMonth extends TownshipMonthRow {
  name: string;
  totals: MoneyTotals;
  anomalies: number;
}

export interface PayrollMonth {
  month: string;
  lines: PayrollLine[];
  totals: MoneyTotals;
  anomalies: PayrollAnomaly[];
  townships: TownshipMonth[];
}

export function requireMonth(month: string): void {
  if (!isMonth(month)) throw new WorkbenchFailure('BAD_MONTH', { value: month });
}

const where = (ctx: EngineContext, month: string, townshipCode: string) => ({ month, township: ctx.divisions.townshipNameOf(townshipCode) });

/**
 * The month's payroll for the actor's townships: approved township-months show their frozen lines, the
 * others are computed from today's attendance. Anomalies are computed for all (they explain, never pay).
 * `db` is the approval's write transaction when the lines it freezes are computed (so nothing entered
 * between the computing and the freezing can be left out).
 */
export async function payrollMonth(ctx: EngineContext, month: string, db: Kysely<Database> | Transaction<Database> = ctx.wdb.db): Promise<PayrollMonth> {
  requireMonth(month);
  const scope = ctx.scope.codes();
  const [policies, placements, states] = await Promise.all([
    payrollPolicies(db), readPayrollPlacements(db, month, ctx.scope.townships), townshipMonthStates(db, [month]),
  ]);
  const computed = computePayroll(month, placements, policies);
  const approved = scope.filter((code) => states.get(`${month}|${code}`)?.status === PAYROLL_STATUS.APPROVED);
  const frozen = await frozenLines(db, month, approved);

  const byTownship = new Map<string, PayrollLine[]>(scope.map((code) => [code, []]));
  for (const line of computed.lines) if (!approved.includes(line.townshipCode)) byTownship.get(line.townshipCode)?.push(line);
  for (const line of frozen) byTownship.get(line.townshipCode)?.push(line);

  const townships: TownshipMonth[] = scope.map((code) => {
    const state = states.get(`${month}|${code}`);
    return {
      townshipCode: code, name: ctx.divisions.townshipNameOf(code), status: state?.status ?? PAYROLL_STATUS.OPEN,
      submittedBy: state?.submittedBy ?? null, submittedAt: state?.submittedAt ?? null, approvedBy: state?.approvedBy ?? null,
      approvedAt: state?.approvedAt ?? null, returnedReason: state?.returnedReason ?? null,
      totals: sumLines(byTownship.get(code)!), anomalies: computed.anomalies.filter((a) => a.townshipCode === code).length,
    };
  });
  const lines = scope.flatMap((code) => byTownship.get(code)!);
  return { month, lines, totals: sumLines(lines), anomalies: computed.anomalies, townships };
}

async function requireEditable(ctx: EngineContext, month: string, townshipCode: string, db: Kysely<Database> | Transaction<Database> = ctx.wdb.db): Promise<void> {
  ctx.scope.require(townshipCode);
  const refusal = editRefusal(await townshipMonthState(db, month, townshipCode), where(ctx, month, townshipCode));
  if (refusal) throw WorkbenchFailure.from(refusal);
}

async function placementsById(ctx: EngineContext, ids: readonly number[]) {
  const rows = ids.length === 0 ? [] : await ctx.wdb.db.selectFrom('placements').select(['id', 'start_date', 'exit_date'])
    .where('id', 'in', [...ids]).execute();
  return new Map(rows.map((r) => [r.id, r]));
}

/** version: the row's version as the grid loaded it (null: no attendance then); left out, not checked. */
export interface AttendanceEntry { placementId: number; attendedDays: number | null; version?: number | null }

/**
 * Enters attendance (null removes the row). All or nothing; refused in a submitted or approved
 * township-month, and refused (STALE_VERSION) where someone else changed the same line since it was loaded.
 */
export async function setAttendance(ctx: EngineContext, month: string, entries: readonly AttendanceEntry[]): Promise<void> {
  requireMonth(month);
  if (!mayEditPayroll(ctx.actor.role)) throw new WorkbenchFailure('FORBIDDEN', { who: whoCan(EDITORS) });
  const ids = entries.map((e) => e.placementId);
  const [townshipOf, placements] = await Promise.all([placementTownships(ctx.wdb.db, ids), placementsById(ctx, ids)]);
  for (const township of new Set(townshipOf.values())) await requireEditable(ctx, month, township);
  for (const entry of entries) {
    const placement = placements.get(entry.placementId);
    if (!placement) throw new WorkbenchFailure('NOT_FOUND');
    if (!isListedInMonth(placement.start_date, placement.exit_date, month)) throw new WorkbenchFailure('NOT_ON_POST', { month });
  }
  // Two clerks' entries of one month hold it shared and may update the same rows at once. Written in one
  // order (by placement) the second waits for the first row the first holds instead of taking another the
  // first still needs: on PostgreSQL two entries cannot deadlock. (Others may still meet an entry in another
  // order, an attendance import for one: the one PostgreSQL ends as a deadlock runs again, db/retry.ts.)
  const inOrder = [...entries].sort((x, y) => x.placementId - y.placementId);
  await writeTransaction(ctx.wdb, async (trx) => {
    // Checked again inside the write, under the township-months' lock: an approval that ran in between has
    // frozen the month, and this entry must not slip in after its lines were computed.
    const townships = [...new Set(townshipOf.values())];
    await lockTownshipMonths(trx, townships.map((townshipCode) => ({ month, townshipCode })), 'shared');
    for (const township of townships) await requireEditable(ctx, month, township, trx);
    const changes: { placementId: number; before: number | null; after: number | null }[] = [];
    for (const entry of inOrder) {
      const stored = await attendanceOf(trx, month, entry.placementId);
      const before = stored?.attendedDays ?? null;
      if (before === entry.attendedDays) continue;
      if (entry.version !== undefined && entry.version !== (stored?.version ?? null)) throw new WorkbenchFailure('STALE_VERSION');
      if (!(await saveAttendance(trx, month, entry.placementId, entry.attendedDays, null, entry.version))) throw new WorkbenchFailure('STALE_VERSION');
      changes.push({ placementId: entry.placementId, before, after: entry.attendedDays });
    }
    if (changes.length > 0) await writeAudit(trx, { username: ctx.actor.username, entity: 'attendance', entityId: month, action: 'update', after: changes });
  });
}

export interface TransitionInput { month: string; townshipCode: string; action: PayrollAction; reason?: string }

// One transition at a time in this engine: an approval's backup and freeze must not interleave with another
// (two reviewers clicking at once would otherwise write the same backup file and race for the lines).
let transitions: Promise<unknown> = Promise.resolve();

/** Moves a township-month along its life: 提交, 审核通过 (backup, then freeze and lock), 退回, 重新打开. */
export function transitionPayroll(ctx: EngineContext, input: TransitionInput): Promise<PayrollStatus> {
  const run = transitions.then(() => transitionNow(ctx, input));
  transitions = run.catch(() => undefined);
  return run;
}

async function transitionNow(ctx: EngineContext, input: TransitionInput): Promise<PayrollStatus> {
  const { month, townshipCode, action } = input;
  const reason = (input.reason ?? '').trim();
  requireMonth(month);
  ctx.scope.require(townshipCode);
  const db = ctx.wdb.db;
  const status = await townshipMonthState(db, month, townshipCode);
  const check = checkTransition(action, status, ctx.actor.role, reason, where(ctx, month, townshipCode));
  if (!check.ok) throw WorkbenchFailure.from(check.error);
  if (action === 'reopen') {
    // Money already on its way to the bank: the batch is voided first, so no line is paid on a changed roster.
    const live = await liveBatchHolding(db, month, townshipCode);
    if (live) throw new WorkbenchFailure('PAYMENT_BATCH_LIVE', { ...where(ctx, month, townshipCode), batchNo: live.batchNo, status: live.status, lines: live.lines });
  }
  const now = new Date().toISOString();
  const who = ctx.actor.username;
  // Checked again inside the write, holding the township-month (PostgreSQL: its advisory lock; SQLite: the
  // one write lock): two reviewers clicking at once must not both move the same month.
  const stillInState = async (trx: Transaction<Database>) => {
    await lockTownshipMonths(trx, [{ month, townshipCode }], 'exclusive');
    if ((await townshipMonthState(trx, month, townshipCode)) !== status) {
      throw new WorkbenchFailure('PAYROLL_STATE', { ...where(ctx, month, townshipCode), status: await townshipMonthState(trx, month, townshipCode), action: PAYROLL_TRANSITIONS[action].label });
    }
  };

  if (action === 'approve') {
    // The backup comes first: an approval that went wrong can be undone by restoring it.
    // One restorable file per approved township-month (named for it, so none replaces another).
    const backup = await automaticBackup(ctx.engine, `before-approval-${month}-${townshipCode}`);
    await writeTransaction(ctx.wdb, async (trx) => {
      await stillInState(trx);
      // Computed inside the write transaction: attendance entered after this point waits for it (or, once
      // it commits, is refused as the month is locked), so the frozen lines are exactly the month's.
      const current = await payrollMonth(narrowedTo(ctx, [townshipCode]), month, trx);
      const before = await trx.selectFrom('payroll_months').selectAll().where('month', '=', month).where('township_code', '=', townshipCode).executeTakeFirst();
      await freezeLines(trx, month, current.lines);
      await saveTownshipMonth(trx, month, townshipCode, {
        status: check.to, submittedBy: before?.submitted_by ?? null, submittedAt: before?.submitted_at ?? null, approvedBy: who, approvedAt: now,
      });
      await writeAudit(trx, {
        username: who, entity: 'payroll_month', entityId: `${month}/${townshipCode}`, action: 'approve', before: { status },
        after: { status: check.to, lines: current.lines.length, netFen: current.totals.netFen, anomalies: current.anomalies.length, backup },
      });
    });
    return check.to;
  }

  await writeTransaction(ctx.wdb, async (trx) => {
    await stillInState(trx);
    let frozen: PayrollLine[] | undefined;
    if (action === 'reopen') {
      // The frozen lines leave the table but not the record: the audit entry keeps every one of them.
      frozen = await frozenLines(trx, month, [townshipCode]);
      await deleteFrozenLines(trx, month, townshipCode);
    }
    await saveTownshipMonth(trx, month, townshipCode, action === 'submit'
      ? { status: check.to, submittedBy: who, submittedAt: now }
      : { status: check.to, returnedReason: `${action === 'reopen' ? '重新打开' : '退回'}：${reason}` });
    await writeAudit(trx, {
      username: who, entity: 'payroll_month', entityId: `${month}/${townshipCode}`, action,
      before: frozen ? { status, lines: frozen } : { status }, after: { status: check.to, reason: reason || undefined },
    });
  });
  return check.to;
}

export interface AdjustmentInput { month: string; placementId: number; kind: '补发' | '扣回'; amountFen: number; correctsMonth: string; reason: string }

/** A correction of an approved month (补发 pays more, 扣回 takes back), booked in a later open month. */
export async function addAdjustment(ctx: EngineContext, input: AdjustmentInput): Promise<number> {
  const { month, placementId, correctsMonth } = input;
  requireMonth(month);
  requireMonth(correctsMonth);
  if (!mayEditPayroll(ctx.actor.role)) throw new WorkbenchFailure('FORBIDDEN', { who: whoCan(EDITORS) });
  const reason = input.reason.trim();
  if (reason === '') throw new WorkbenchFailure('REASON_REQUIRED', { action: input.kind });
  const invalid = (why: string) => new WorkbenchFailure('ADJUSTMENT_INVALID', { reason: why });
  if (!Number.isSafeInteger(input.amountFen) || input.amountFen <= 0) throw invalid('金额应大于0');
  if (correctsMonth >= month) throw invalid('只能在以后的月份更正以前的月份');
  const township = (await placementTownships(ctx.wdb.db, [placementId])).get(placementId);
  if (!township) throw new WorkbenchFailure('NOT_FOUND');
  await requireEditable(ctx, month, township);
  if ((await townshipMonthState(ctx.wdb.db, correctsMonth, township)) !== PAYROLL_STATUS.APPROVED) throw invalid(`${correctsMonth}尚未审核锁定，请直接修改该月考勤`);
  const placement = (await placementsById(ctx, [placementId])).get(placementId)!;
  if (!isListedInMonth(placement.start_date, placement.exit_date, correctsMonth)) throw invalid(`此人${correctsMonth}不在岗`);
  const amountFen = input.kind === '扣回' ? -input.amountFen : input.amountFen;
  return ctx.wdb.db.transaction().execute(async (trx) => {
    const id = await insertAdjustment(trx, { month, placementId, amountFen, reason: `${input.kind}：${reason}`, correctsMonth, createdBy: ctx.actor.username });
    await writeAudit(trx, { username: ctx.actor.username, entity: 'adjustment', entityId: id, action: 'create', after: { month, placementId, amountFen, correctsMonth, reason } });
    return id;
  });
}

/** 锁定情况: the state of every township-month of a year's paid months. */
export async function lockBoard(ctx: EngineContext, year: number): Promise<{ months: string[]; townships: { code: string; name: string; statuses: PayrollStatus[] }[] }> {
  const policy = (await payrollPolicies(ctx.wdb.db)).get(year);
  const months = policy ? monthsBetween(policy.firstPaidMonth, policy.lastPaidMonth) : monthsBetween(`${year}-01`, `${year}-12`);
  const states = await townshipMonthStates(ctx.wdb.db, months);
  return {
    months,
    townships: ctx.scope.codes().map((code) => ({
      code, name: ctx.divisions.townshipNameOf(code),
      statuses: months.map((m) => states.get(`${m}|${code}`)?.status ?? PAYROLL_STATUS.OPEN),
    })),
  };
}

/** The month computed (never approved), as `workbench payroll` prints it (SPEC §6). */
export async function payrollSummary(ctx: EngineContext, month: string): Promise<ChannelOutput<'payroll.compute'>> {
  const payroll = await payrollMonth(ctx, month);
  const netFen = payroll.totals.netFen;
  return {
    month, lines: payroll.lines.length, totalFen: netFen, totalYuan: formatYuan(netFen), totalInWords: yuanInWords(Math.abs(netFen)),
    anomalies: payroll.anomalies.map((a) => ({ code: a.code, personId: a.personId, message: a.message })),
    townships: payroll.townships.map((t) => ({ code: t.townshipCode, name: t.name, status: t.status, lines: t.totals.lines, netFen: t.totals.netFen })),
  };
}

/** The month as the 考勤发放 screen shows it: masked IDs and cards, village and township totals, 大写. */
export async function payrollMonthView(ctx: EngineContext, month: string): Promise<ChannelOutput<'payroll.month'>> {
  const payroll = await payrollMonth(ctx, month);
  const locked = new Set(payroll.townships.filter((t) => t.status === PAYROLL_STATUS.APPROVED).map((t) => t.townshipCode));
  const villageTotals = totalsBy(payroll.lines, (l) => `${l.townshipCode}|${l.villageCode}`);
  const adjustments = await listAdjustments(ctx.wdb.db, month, ctx.scope.townships);
  const payments = await linePayments(ctx.wdb.db, month, payroll.lines, locked);
  const versions = await attendanceVersions(ctx.wdb.db, month, payroll.lines.map((l) => l.placementId));
  return {
    month,
    lines: payroll.lines.map((l) => ({
      placementId: l.placementId, personId: l.personId, name: l.name, idMasked: maskIdNumber(l.idNumber),
      cardMasked: l.cardNumber ? maskCardNumber(l.cardNumber) : '', townshipCode: l.townshipCode,
      townshipName: ctx.divisions.townshipNameOf(l.townshipCode), villageCode: l.villageCode, villageName: ctx.divisions.villageNameOf(l.villageCode),
      status: l.status, locked: locked.has(l.townshipCode), activeDays: l.activeDays, daysInMonth: l.daysInMonth, requiredDays: l.requiredDays,
      attendedDays: l.attendedDays, payableFen: l.payableFen, deductionFen: l.deductionFen, adjustmentFen: l.adjustmentFen, netFen: l.netFen,
      payment: (({ state, reason, batchNo }) => ({ state, reason, batchNo }))(payments.get(l.placementId)!),
      attendanceVersion: versions.get(l.placementId) ?? null,
    })),
    villages: [...villageTotals].map(([key, totals]) => {
      const [townshipCode, villageCode] = key.split('|') as [string, string];
      return { townshipCode, villageCode, villageName: ctx.divisions.villageNameOf(villageCode), totals };
    }),
    townships: payroll.townships.map(({ townshipCode, ...t }) => ({ code: townshipCode, ...t })),
    totals: payroll.totals,
    totalInWords: yuanInWords(payroll.totals.netFen),
    anomalies: payroll.anomalies,
    adjustments: adjustments.map((a) => ({ id: a.id, placementId: a.placementId, name: a.name, amountFen: a.amountFen, reason: a.reason, correctsMonth: a.correctsMonth, createdBy: a.createdBy })),
  };
}
