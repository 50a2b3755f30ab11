// The monthly subsidy payroll (补贴发放), as pure rules: one line per placement and month, and the anomalies
// a reviewer must see. Money is integer fen; every division rounds half-up once, in integer arithmetic.
//
// Terms, per line (the columns of R4):
//   应发 payableFen    — the standard for the days the placement was active in the month;
//   扣减 deductionFen  — what absence takes off it (by the year's pay rule);
//   补发/扣回 adjustmentFen — corrections of earlier, locked months booked in this month;
//   实发 netFen        — payableFen − deductionFen + adjustmentFen.
// SPEC §3's "payable by attendance" is payableFen − deductionFen here.
//
// A placement starting or ending inside the month (proration, documented for the clerk in the screen's
// help): the month's standard and required days both scale by active calendar days ÷ calendar days,
//   payableFen   = standard × active ÷ daysInMonth                         (rounded half-up)
//   requiredDays = max(1, policy.requiredDays × active ÷ daysInMonth)      (rounded half-up)
// and attendance is then judged against the scaled required days. Never a full month by default.
// Pay for short attendance is computed from the printed, rounded 应发 (SPEC §3: each scaled figure is rounded
// first), so every R4 line can be checked by hand from what it prints:
//   earned = 应发 × attended ÷ requiredDays                                (rounded half-up)
// Attendance entered for a month after the exit (or outside the placement) pays nothing and is flagged.
// Dates are inclusive: a placement is on post from its start date through its exit date (the last day
// worked) or its agreement end date, whichever comes first.
import { messageFor } from './errors';
import { ageOn } from './id-number';
import { daysInMonth, firstDayOf, inclusiveDays, lastDayOf } from './month';
import type { YearPolicy } from './policy';
import { formatYuan } from './money';
import { ageOutcome, ineligibilityReason } from './eligibility';

export type PayRule = 'prorate' | 'per_day_deduction';

export interface PayrollPolicy extends Pick<YearPolicy, 'year' | 'firstPaidMonth' | 'lastPaidMonth' | 'requiredDays' | 'minAge' | 'warnAge' | 'refuseAge' | 'householdRule'> {
  /** 'prorate': standard × attended ÷ required; 'per_day_deduction': a fixed amount per day absent. */
  payRule: PayRule;
  /** Used by 'per_day_deduction' only. */
  deductionPerDayFen: number;
}

/** Everything the rules need about one placement in one month, read in one query. */
export interface PayrollPlacement {
  placementId: number;
  personId: number;
  name: string;
  idNumber: string;
  cardNumber: string | null;
  townshipCode: string;
  villageCode: string;
  householdNo: string | null;
  category: string;
  labourAbility: string;
  birthDate: string;
  /** The year of the post, whose policy applies. */
  postYear: number;
  startDate: string;
  agreementEndDate: string;
  exitDate: string | null;
  subsidyFen: number;
  /** null: no attendance row for the month. */
  attendedDays: number | null;
  /** Sum of this month's adjustments (补发 positive, 扣回 negative). */
  adjustmentFen: number;
}

export type LineStatus =
  | 'paid'                  // on post, attendance present
  | 'no_attendance'         // on post, no attendance row: listed, pays nothing until entered
  | 'outside_agreement'     // listed (not exited) but the month is outside the agreement: pays nothing
  | 'outside_paid_months'   // the month is outside the year's paid months: pays nothing
  | 'adjustment_only';      // not on post this month, but an adjustment of an earlier month is booked here

export interface PayrollLine {
  placementId: number;
  personId: number;
  name: string;
  idNumber: string;
  cardNumber: string | null;
  townshipCode: string;
  villageCode: string;
  status: LineStatus;
  /** Calendar days on post within the month. */
  activeDays: number;
  daysInMonth: number;
  requiredDays: number;
  attendedDays: number | null;
  payableFen: number;
  deductionFen: number;
  adjustmentFen: number;
  netFen: number;
}

export const PAYROLL_ANOMALY_CODES = [
  'PAY_DAYS_OVER', 'PAY_DAYS_ABOVE_REQUIRED', 'PAY_TWO_PLACEMENTS', 'PAY_CARD_MISSING', 'PAY_CARD_DUPLICATE', 'PAY_NOT_ELIGIBLE',
  'PAY_AGE_OUTSIDE', 'PAY_HOUSEHOLD_DUPLICATE', 'PAY_OUTSIDE_AGREEMENT', 'PAY_OUTSIDE_PAID_MONTHS',
  'PAY_NO_ATTENDANCE', 'PAY_NET_NEGATIVE', 'PAY_ATTENDANCE_AFTER_EXIT',
] as const;
export type PayrollAnomalyCode = (typeof PAYROLL_ANOMALY_CODES)[number];

/** Short headings for the anomalies panel; each anomaly's full sentence comes from errors.ts. */
export const PAYROLL_ANOMALY_TITLES: Record<PayrollAnomalyCode, string> = {
  PAY_NO_ATTENDANCE: '在岗无考勤', PAY_DAYS_OVER: '出勤天数超过在岗天数', PAY_DAYS_ABOVE_REQUIRED: '出勤多于应出勤', PAY_TWO_PLACEMENTS: '一人多岗', PAY_CARD_MISSING: '缺少卡号',
  PAY_CARD_DUPLICATE: '卡号重复', PAY_NOT_ELIGIBLE: '不符合上岗条件', PAY_AGE_OUTSIDE: '年龄超出范围', PAY_HOUSEHOLD_DUPLICATE: '一户多岗',
  PAY_OUTSIDE_AGREEMENT: '协议期外', PAY_OUTSIDE_PAID_MONTHS: '非发放月份', PAY_NET_NEGATIVE: '实发为负数',
  PAY_ATTENDANCE_AFTER_EXIT: '退岗后仍有考勤',
};

export interface PayrollAnomaly {
  code: PayrollAnomalyCode;
  personId: number;
  placementId: number;
  townshipCode: string;
  message: string;
}

export interface MoneyTotals {
  lines: number;
  payableFen: number;
  deductionFen: number;
  adjustmentFen: number;
  netFen: number;
}

export interface PayrollResult {
  month: string;
  lines: PayrollLine[];
  totals: MoneyTotals;
  anomalies: PayrollAnomaly[];
}

/** round(numerator ÷ denominator) half-up, for non-negative safe integers, without floating point. */
export function divideRoundHalfUp(numerator: number, denominator: number): number {
  if (!Number.isSafeInteger(numerator) || !Number.isSafeInteger(denominator) || numerator < 0 || denominator <= 0) {
    throw new RangeError(`divideRoundHalfUp needs non-negative safe integers, got ${numerator} / ${denominator}`);
  }
  const twice = numerator * 2 + denominator;
  if (!Number.isSafeInteger(twice)) throw new RangeError(`amount too large: ${numerator}`);
  return Math.floor(twice / (denominator * 2));
}

/** The month's bounds, worked out once per payroll rather than once per line. */
interface MonthFrame { month: string; first: string; last: string; days: number }

function frameOf(month: string): MonthFrame {
  return { month, first: firstDayOf(month), last: lastDayOf(month), days: daysInMonth(month) };
}

function listedIn(frame: MonthFrame, startDate: string, exitDate: string | null): boolean {
  return startDate <= frame.last && (exitDate === null || exitDate >= frame.first);
}

/** SPEC's line filter: started on or before the month's last day and not exited before its first. */
export function isListedInMonth(startDate: string, exitDate: string | null, month: string): boolean {
  return listedIn(frameOf(month), startDate, exitDate);
}

interface ActiveWindow { listed: boolean; from: string; to: string; days: number }

function activeWindow(p: PayrollPlacement, frame: MonthFrame): ActiveWindow {
  const from = p.startDate > frame.first ? p.startDate : frame.first;
  let to = frame.last;
  if (p.agreementEndDate < to) to = p.agreementEndDate;
  if (p.exitDate !== null && p.exitDate < to) to = p.exitDate;
  return { listed: listedIn(frame, p.startDate, p.exitDate), from, to, days: inclusiveDays(from, to) };
}

type Anomalies = PayrollAnomaly[];

function flag(anomalies: Anomalies, code: PayrollAnomalyCode, p: PayrollPlacement, params: Record<string, string | number>): void {
  anomalies.push({ code, personId: p.personId, placementId: p.placementId, townshipCode: p.townshipCode, message: messageFor(code, { name: p.name, ...params }) });
}

/** The earned part of the payable amount, by the year's pay rule. */
function earnedFen(policy: PayrollPolicy, attended: number, required: number, payableFen: number): number {
  if (attended >= required) return payableFen;
  if (policy.payRule === 'per_day_deduction') return Math.max(0, payableFen - policy.deductionPerDayFen * (required - attended));
  // From the printed 应发 (already rounded to the fen), so 应发 × attended ÷ required by hand gives the same fen.
  return divideRoundHalfUp(payableFen * attended, required);
}

/** One line, built as a single literal (one object shape: a payroll builds thousands of them). */
function makeLine(p: PayrollPlacement, frame: MonthFrame, status: LineStatus, activeDays: number, requiredDays: number, payableFen: number, deductionFen: number): PayrollLine {
  return {
    placementId: p.placementId, personId: p.personId, name: p.name, idNumber: p.idNumber, cardNumber: p.cardNumber,
    townshipCode: p.townshipCode, villageCode: p.villageCode, status, activeDays, daysInMonth: frame.days, requiredDays,
    attendedDays: p.attendedDays, payableFen, deductionFen, adjustmentFen: p.adjustmentFen, netFen: payableFen - deductionFen + p.adjustmentFen,
  };
}

function lineFor(frame: MonthFrame, p: PayrollPlacement, window: ActiveWindow, policy: PayrollPolicy | undefined, anomalies: Anomalies): PayrollLine {
  const { month, days: monthDays } = frame;
  const nothing = (status: LineStatus, activeDays: number, requiredDays: number) => makeLine(p, frame, status, activeDays, requiredDays, 0, 0);

  if (!window.listed) return nothing('adjustment_only', 0, 0);

  if (!policy || month < policy.firstPaidMonth || month > policy.lastPaidMonth) {
    flag(anomalies, 'PAY_OUTSIDE_PAID_MONTHS', p, {
      month, year: p.postYear, first: policy?.firstPaidMonth ?? '—', last: policy?.lastPaidMonth ?? '—',
    });
    return nothing('outside_paid_months', window.days, 0);
  }
  if (window.days === 0) {
    flag(anomalies, 'PAY_OUTSIDE_AGREEMENT', p, { month, start: p.startDate, end: p.exitDate && p.exitDate < p.agreementEndDate ? p.exitDate : p.agreementEndDate });
    return nothing('outside_agreement', 0, 0);
  }

  const full = window.days === monthDays;
  const requiredDays = full ? policy.requiredDays : Math.max(1, divideRoundHalfUp(policy.requiredDays * window.days, monthDays));
  const payableFen = full ? p.subsidyFen : divideRoundHalfUp(p.subsidyFen * window.days, monthDays);

  const reason = ineligibilityReason(p.category, p.labourAbility);
  if (reason) flag(anomalies, 'PAY_NOT_ELIGIBLE', p, { reason });
  const age = ageOn(p.birthDate, p.startDate);
  // The placement rules' age band, judged again: a birth date corrected after placing shows up here.
  if (ageOutcome(policy, age).outcome === 'refuse') flag(anomalies, 'PAY_AGE_OUTSIDE', p, { age, min: policy.minAge, max: policy.refuseAge - 1 });

  if (p.attendedDays === null) {
    flag(anomalies, 'PAY_NO_ATTENDANCE', p, { month });
    return nothing('no_attendance', window.days, requiredDays);
  }
  if (p.attendedDays > window.days) flag(anomalies, 'PAY_DAYS_OVER', p, { attended: p.attendedDays, days: window.days });
  // 25 of 22 is paid as a full month: never without a word (a typo for 15 looks the same).
  else if (p.attendedDays > requiredDays) flag(anomalies, 'PAY_DAYS_ABOVE_REQUIRED', p, { attended: p.attendedDays, required: requiredDays });

  const earned = earnedFen(policy, p.attendedDays, requiredDays, payableFen);
  return makeLine(p, frame, 'paid', window.days, requiredDays, payableFen, payableFen - earned);
}

export function sumLines(lines: readonly PayrollLine[]): MoneyTotals {
  const totals: MoneyTotals = { lines: lines.length, payableFen: 0, deductionFen: 0, adjustmentFen: 0, netFen: 0 };
  for (const line of lines) {
    totals.payableFen += line.payableFen;
    totals.deductionFen += line.deductionFen;
    totals.adjustmentFen += line.adjustmentFen;
    totals.netFen += line.netFen;
  }
  return totals;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string | null): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    if (k === null || k === '') continue;
    const group = groups.get(k);
    if (group) group.push(item); else groups.set(k, [item]);
  }
  return groups;
}

/** Anomalies that only show across lines: one person twice, one card for two people, one household twice. */
function crossLineAnomalies(placements: readonly PayrollPlacement[], windows: readonly ActiveWindow[], policies: ReadonlyMap<number, PayrollPolicy>, anomalies: Anomalies): void {
  const windowOf = new Map(placements.map((p, i) => [p, windows[i]!]));
  const onPost = placements.filter((p) => windowOf.get(p)!.listed && windowOf.get(p)!.days > 0);

  for (const group of groupBy(onPost, (p) => String(p.personId)).values()) {
    if (group.length < 2) continue;
    // Two placements of one person overlap unless one ended before the other started (a move between posts).
    const spans = group.map((p) => windowOf.get(p)!).sort((a, b) => a.from.localeCompare(b.from));
    const overlap = spans.some((w, i) => i > 0 && w.from <= spans[i - 1]!.to);
    if (overlap) for (const p of group) flag(anomalies, 'PAY_TWO_PLACEMENTS', p, { count: group.length });
  }

  const listed = placements.filter((p) => windowOf.get(p)!.listed || p.adjustmentFen !== 0);
  for (const p of listed) if (!p.cardNumber) flag(anomalies, 'PAY_CARD_MISSING', p, {});
  for (const group of groupBy(listed, (p) => p.cardNumber).values()) {
    const people = new Map(group.map((p) => [p.personId, p]));
    if (people.size < 2) continue;
    for (const p of people.values()) {
      const others = [...people.values()].filter((o) => o.personId !== p.personId).map((o) => o.name).join('、');
      flag(anomalies, 'PAY_CARD_DUPLICATE', p, { other: others });
    }
  }

  for (const group of groupBy(onPost, (p) => p.householdNo).values()) {
    const people = new Map(group.map((p) => [p.personId, p]));
    if (people.size < 2) continue;
    for (const p of people.values()) {
      if (policies.get(p.postYear)?.householdRule !== 'refuse') continue;
      flag(anomalies, 'PAY_HOUSEHOLD_DUPLICATE', p, { household: p.householdNo ?? '', count: people.size });
    }
  }
}

/**
 * The payroll of one month: a line for every placement given (the caller reads those listed in the month
 * and those with an adjustment booked in it), the totals, and every anomaly. Lines keep the caller's order.
 */
export function computePayroll(month: string, placements: readonly PayrollPlacement[], policies: ReadonlyMap<number, PayrollPolicy>): PayrollResult {
  const anomalies: Anomalies = [];
  const frame = frameOf(month);
  const windows = placements.map((p) => activeWindow(p, frame));
  const lines = placements.map((p, i) => lineFor(frame, p, windows[i]!, policies.get(p.postYear), anomalies));
  crossLineAnomalies(placements, windows, policies, anomalies);
  lines.forEach((line, i) => {
    if (line.netFen < 0) flag(anomalies, 'PAY_NET_NEGATIVE', placements[i]!, { net: formatYuan(line.netFen) });
  });
  // Attendance for a month the placement was not on post (after its exit, before its start) pays nothing; it
  // is flagged (SPEC §3) and gets no line unless an adjustment is booked for the placement in this month.
  const keep = placements.map((p, i) => {
    if (windows[i]!.listed || p.attendedDays === null) return true;
    const when = p.exitDate !== null && p.exitDate < frame.first ? `已于${p.exitDate}退岗` : `${p.startDate}才上岗`;
    flag(anomalies, 'PAY_ATTENDANCE_AFTER_EXIT', p, { when, month, days: p.attendedDays });
    return p.adjustmentFen !== 0;
  });
  const keptLines = lines.filter((_line, i) => keep[i]);
  return { month, lines: keptLines, totals: sumLines(keptLines), anomalies };
}

/** Totals per key (township, village…), in first-seen order. */
export function totalsBy(lines: readonly PayrollLine[], key: (line: PayrollLine) => string): Map<string, MoneyTotals> {
  return new Map([...groupBy(lines, key)].map(([k, group]) => [k, sumLines(group)]));
}
