// The time rules of a placement (上岗安置), shared by posts, payroll, employment and the reports.
// Dates are inclusive: a person is on post from the start date through the exit date (the last day worked)
// or, without an exit, through the agreement end. The post is vacant from the day after that; a
// replacement (补岗) can start on that day.
import { addDays, endOfTermFrom } from './dates';
import { firstDayOf, lastDayOf } from './month';
import type { YearPolicy } from './policy';

export interface PlacementPeriod {
  startDate: string;
  agreementEndDate: string;
  exitDate: string | null;
}

/** The last day the person is on post. */
export function lastDayOnPost(p: PlacementPeriod): string {
  return p.exitDate !== null && p.exitDate < p.agreementEndDate ? p.exitDate : p.agreementEndDate;
}

/** On post on this day. */
export function isActiveOn(p: PlacementPeriod, date: string): boolean {
  return p.startDate <= date && date <= lastDayOnPost(p);
}

/** On post for at least one day of the month (the placements a month's payroll and roster list). */
export function isActiveInMonth(p: PlacementPeriod, month: string): boolean {
  return overlaps(p, firstDayOf(month), lastDayOf(month));
}

/** On post for at least one day between from and to (inclusive). */
export function overlaps(p: PlacementPeriod, from: string, to: string): boolean {
  return p.startDate <= to && from <= lastDayOnPost(p);
}

/** The first day the post is free again after this placement. */
export function vacantFrom(p: PlacementPeriod): string {
  return addDays(lastDayOnPost(p), 1);
}

/** The first and last day the year's subsidy is paid: the window placements of the year live in. */
export function paidWindow(policy: Pick<YearPolicy, 'firstPaidMonth' | 'lastPaidMonth'>): { first: string; last: string } {
  return { first: firstDayOf(policy.firstPaidMonth), last: lastDayOf(policy.lastPaidMonth) };
}

/**
 * The agreement end the policy gives a placement starting on `startDate`: the agreement months from the start,
 * but never past the year's last paid month (a replacement in July ends with the others in December).
 */
export function defaultAgreementEnd(policy: Pick<YearPolicy, 'agreementMonths' | 'firstPaidMonth' | 'lastPaidMonth'>, startDate: string): string {
  const term = endOfTermFrom(startDate, policy.agreementMonths);
  const last = paidWindow(policy).last;
  return term < last ? term : last;
}

/** The day a date falls on within the year's window: before it → its first day, after it → its last. */
export function clampToWindow(policy: Pick<YearPolicy, 'firstPaidMonth' | 'lastPaidMonth'>, date: string): string {
  const { first, last } = paidWindow(policy);
  return date < first ? first : date > last ? last : date;
}
