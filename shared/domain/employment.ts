// The employment ledger (就业台账) of one year: who counts as a labourer, what a row shows once public-welfare
// posts are taken into account, how a clerk's entry is validated, and the cross-record checks.
import { ageOn } from './id-number';
import { workbenchError, type WorkbenchError } from './errors';
import type { YearPolicy } from './policy';
import { formatYuan } from './money';
import { addDays } from './dates';

export const EMPLOYMENT_STATUSES = ['已就业', '未就业', '无劳动能力'] as const;
export type EmploymentStatus = (typeof EMPLOYMENT_STATUSES)[number];

export const EMPLOYMENT_FORMS = ['省外务工', '省内县外务工', '县内务工', '公益岗位', '就业帮扶车间', '自主创业', '灵活就业'] as const;
export type EmploymentForm = (typeof EMPLOYMENT_FORMS)[number];

/** Forms that take a person out of the county: they cannot be at a village post in the same months. */
export const AWAY_FORMS: readonly EmploymentForm[] = ['省外务工', '省内县外务工'];

export const POST_FORM: EmploymentForm = '公益岗位';

/** Common reasons a labourer is not working, offered in the grid (free text is kept too). */
export const NOT_EMPLOYED_REASONS = ['照料家庭', '身体原因', '缺乏技能', '在校学生', '年龄偏大', '无合适岗位', '其他'] as const;

/** Labour abilities that make a person of working age a labourer (劳动力); 丧失劳动力 and 无劳动力 do not. */
export const LABOURER_ABILITIES = ['普通劳动力', '技能劳动力', '弱劳动力或半劳动力'] as const;

/** The day a person's age is taken for a year's ledger: the last day of the year (the age reached that year). */
export function referenceDateOf(year: number): string {
  return `${year}-12-31`;
}

/**
 * A labourer (脱贫劳动力) of a year: of working age on the year's reference date — from the policy's minimum
 * age (16) up to the year before its warning age (65, so 16–64) — with labour ability 普通/技能/弱劳动力或半劳动力.
 * Anyone on a public-welfare post that year is also a labourer, whatever the age: they work (SPEC §1 counts
 * people of 65+ who can still work as 就业困难人员 placed on posts), so the posts always sit inside the ledger.
 */
export function isLabourer(person: { birthDate: string; labourAbility: string }, year: number, policy: Pick<YearPolicy, 'minAge' | 'warnAge'>, onPost = false): boolean {
  if (onPost) return true;
  const age = ageOn(person.birthDate, referenceDateOf(year));
  return age >= policy.minAge && age < policy.warnAge && (LABOURER_ABILITIES as readonly string[]).includes(person.labourAbility);
}

// ---- months -----------------------------------------------------------------------------------------

/** '2022-03' → 3 when it is a month of the year, otherwise null. */
export function monthIndexIn(month: string, year: number): number | null {
  const match = /^(\d{4})-(\d{2})$/.exec(month);
  if (!match || Number(match[1]) !== year) return null;
  const m = Number(match[2]);
  return m >= 1 && m <= 12 ? m : null;
}

/** Normalises what a clerk types for a month (2022-3, 2022.03, 2022年3月, 202203) to YYYY-MM; null if it is not one. */
export function parseMonth(raw: string): string | null {
  const text = raw.trim().replace(/[\uFF10-\uFF19]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0));
  const match = /^(\d{4})\s*(?:[-./年]\s*(\d{1,2})\s*月?|(\d{2}))$/.exec(text);
  if (!match) return null;
  const m = Number(match[2] ?? match[3]);
  if (m < 1 || m > 12) return null;
  return `${match[1]}-${String(m).padStart(2, '0')}`;
}

/** An inclusive span of month numbers within one year; `to` may pass 12 when a clerk's entry runs past the year. */
export interface MonthSpan { from: number; to: number }

export function spansOverlap(a: MonthSpan, b: MonthSpan): boolean {
  return a.from <= b.to && b.from <= a.to;
}

/** 3..12 → "3月至12月"; one month → "3月". */
export function describeSpan(span: MonthSpan): string {
  return span.from === span.to ? `${span.from}月` : `${span.from}月至${span.to}月`;
}

/** The months a record says the person worked in the year: from its start month for its months worked. */
export function recordSpan(record: Pick<EmploymentInput, 'startMonth' | 'monthsWorked'>, year: number): MonthSpan | null {
  // Without a start month the work could be any time of the year.
  const from = record.startMonth ? monthIndexIn(record.startMonth, year) : 1;
  if (from === null) return null;
  const months = record.monthsWorked ?? (record.startMonth ? 13 - from : 12);
  if (months <= 0) return null;
  return { from, to: from + months - 1 };
}

// ---- public-welfare posts ----------------------------------------------------------------------------

/** A placement as the ledger sees it. Dates are YYYY-MM-DD. */
export interface PostPlacement {
  startDate: string;
  agreementEndDate: string;
  exitDate: string | null;
  employingUnit: string;
  subsidyFen: number;
}

/**
 * The months of the year a placement covers: from its start to its exit date, and never past its agreement
 * end (a placement whose agreement has run out is over even when nobody recorded an exit). Null when it does
 * not touch the year.
 */
export function placementSpan(placement: PostPlacement, year: number): MonthSpan | null {
  const yearStart = `${year}-01-01`;
  const yearEnd = `${year}-12-31`;
  const end = placement.exitDate && placement.exitDate < placement.agreementEndDate ? placement.exitDate : placement.agreementEndDate;
  if (placement.startDate > yearEnd || end < yearStart || end < placement.startDate) return null;
  const from = placement.startDate < yearStart ? 1 : Number(placement.startDate.slice(5, 7));
  const to = end > yearEnd ? 12 : Number(end.slice(5, 7));
  return { from, to };
}

/** All post months of a person in the year as one span (first to last month; a replacement gap is ignored). */
export function postSpanOf(placements: readonly PostPlacement[], year: number): MonthSpan | null {
  let span: MonthSpan | null = null;
  for (const placement of placements) {
    const s = placementSpan(placement, year);
    if (!s) continue;
    span = span ? { from: Math.min(span.from, s.from), to: Math.max(span.to, s.to) } : s;
  }
  return span;
}

// ---- the record ---------------------------------------------------------------------------------------

/** What a clerk enters for a labourer and a year (or an import row carries). Money in fen. */
export interface EmploymentInput {
  status: EmploymentStatus;
  form: EmploymentForm | null;
  destinationProvince: string | null;
  destinationCity: string | null;
  employer: string | null;
  /** YYYY-MM */
  startMonth: string | null;
  monthsWorked: number | null;
  avgIncomeFen: number | null;
  wantsWork: boolean | null;
  reasonNotEmployed: string | null;
}

export const EMPTY_EMPLOYMENT: EmploymentInput = {
  status: '未就业', form: null, destinationProvince: null, destinationCity: null, employer: null,
  startMonth: null, monthsWorked: null, avgIncomeFen: null, wantsWork: null, reasonNotEmployed: null,
};

/** Where a row's values come from: entered by a clerk, derived from a post, or nothing recorded yet. */
export type RowSource = 'entered' | 'post' | 'none';

export interface EffectiveEmployment extends EmploymentInput {
  source: RowSource;
  /** The post months of the year (held now or earlier in the year): no other form may claim them. */
  postSpan: MonthSpan | null;
  /** On a post on the ledger's date: shown as employed in 公益岗位. */
  onPost: boolean;
  /** Other work beside the row's own, in words: a second form outside the post months, or a post left earlier. */
  otherWork: string | null;
}

/** A placement is active on a date from its start until its exit, and never past its agreement end. */
export function placementActiveOn(placement: PostPlacement, date: string): boolean {
  return placement.startDate <= date && (placement.exitDate === null || placement.exitDate >= date) && placement.agreementEndDate >= date;
}

/**
 * The row the ledger shows as of `onDate` (the ledger's date: today, or the last day of a past year).
 * A person on a post that day is employed in form 公益岗位 without anyone typing it: status, form, start
 * month and months come from the post; income, employer and destination from the clerk's entry when it is
 * a 公益岗位 entry, else from the post (its subsidy and employing unit). Someone who left a post earlier in
 * the year shows what the clerk recorded since (the post months stay reserved for the checks).
 */
export function effectiveEmployment(stored: EmploymentInput | null, placements: readonly PostPlacement[], year: number, onDate: string): EffectiveEmployment {
  const postSpan = postSpanOf(placements, year);
  const current = placements.filter((p) => placementActiveOn(p, onDate));
  if (current.length === 0) {
    const left = postSpan ? `公益岗位（${describeSpan(postSpan)}，已退岗）` : null;
    return stored
      ? { ...stored, source: 'entered', postSpan, onPost: false, otherWork: left }
      : { ...EMPTY_EMPLOYMENT, source: 'none', postSpan, onPost: false, otherWork: left };
  }
  const span = postSpan!;
  const latest = current.reduce((a, b) => (b.startDate > a.startDate ? b : a));
  const own = stored && stored.form === POST_FORM ? stored : null;
  const other = stored && stored.status === '已就业' && stored.form && stored.form !== POST_FORM ? stored : null;
  const otherSpan = other ? recordSpan(other, year) : null;
  return {
    status: '已就业',
    form: POST_FORM,
    destinationProvince: own?.destinationProvince ?? null,
    destinationCity: own?.destinationCity ?? null,
    employer: own?.employer ?? latest.employingUnit,
    startMonth: `${year}-${String(span.from).padStart(2, '0')}`,
    monthsWorked: span.to - span.from + 1,
    avgIncomeFen: own?.avgIncomeFen ?? latest.subsidyFen,
    wantsWork: stored?.wantsWork ?? null,
    reasonNotEmployed: null,
    source: 'post',
    postSpan: span,
    onPost: true,
    otherWork: other ? `${other.form}${otherSpan ? `（${describeSpan(otherSpan)}）` : ''}` : null,
  };
}

export type EmploymentField = keyof EmploymentInput;
export type EmploymentFieldErrors = Partial<Record<EmploymentField, WorkbenchError>>;

/**
 * Checks one entry before it is saved (grid or import). Errors refuse the entry; warnings are the cross-record
 * checks that still allow it (they then stay on the checks list until someone fixes the data).
 */
export function checkEmploymentInput(input: EmploymentInput, year: number, postSpan: MonthSpan | null, onPost = postSpan !== null): { errors: EmploymentFieldErrors; warnings: EmploymentFieldErrors } {
  const errors: EmploymentFieldErrors = {};
  const warnings: EmploymentFieldErrors = {};
  if (!(EMPLOYMENT_STATUSES as readonly string[]).includes(input.status)) {
    errors.status = workbenchError('BAD_ENUM', { value: input.status, allowed: EMPLOYMENT_STATUSES.join('/') });
  }
  if (input.form !== null && !(EMPLOYMENT_FORMS as readonly string[]).includes(input.form)) {
    errors.form = workbenchError('BAD_ENUM', { value: input.form, allowed: EMPLOYMENT_FORMS.join('/') });
  } else if (input.status === '已就业' && input.form === null) {
    errors.form = workbenchError('EMP_FORM_REQUIRED');
  } else if (input.status !== '已就业' && input.form !== null) {
    errors.form = workbenchError('EMP_FORM_NOT_EMPLOYED', { status: input.status });
  }
  if (input.startMonth !== null && parseMonth(input.startMonth) !== input.startMonth) {
    errors.startMonth = workbenchError('BAD_MONTH', { value: input.startMonth });
  }
  if (input.monthsWorked !== null && (!Number.isInteger(input.monthsWorked) || input.monthsWorked < 0 || input.monthsWorked > 99)) {
    errors.monthsWorked = workbenchError('BAD_NUMBER', { value: String(input.monthsWorked) });
  }
  if (input.avgIncomeFen !== null && (!Number.isSafeInteger(input.avgIncomeFen) || input.avgIncomeFen < 0)) {
    errors.avgIncomeFen = workbenchError('BAD_NUMBER', { value: String(input.avgIncomeFen) });
  }
  if (errors.startMonth || errors.monthsWorked || errors.form || errors.status) return { errors, warnings };

  // A post holder cannot be given a second form for the same months: the post is where they work.
  if (postSpan && input.status === '已就业' && input.form !== POST_FORM) {
    const span = recordSpan(input, year) ?? { from: 1, to: 12 };
    if (spansOverlap(span, postSpan)) {
      errors.form = workbenchError('EMP_POST_CONFLICT', { postMonths: describeSpan(postSpan), form: input.form ?? '', months: describeSpan(span) });
    }
  }
  if (onPost && postSpan && input.status !== '已就业') {
    errors.status = workbenchError('EMP_POST_STATUS', { postMonths: describeSpan(postSpan), status: input.status });
  }
  const beyond = monthsBeyondYear(input, year);
  if (beyond) warnings.monthsWorked = beyond;
  const income = incomeWithoutWork(input);
  if (income) warnings.avgIncomeFen = income;
  // Work outside the province is reported to the city by destination: ask for it when it is missing.
  if (input.status === '已就业' && input.form === '省外务工') {
    if (!input.destinationProvince?.trim()) warnings.destinationProvince = workbenchError('EMP_AWAY_PLACE_MISSING', { field: '务工省份' });
    else if (!input.destinationCity?.trim()) warnings.destinationCity = workbenchError('EMP_AWAY_PLACE_MISSING', { field: '务工市县' });
  }
  return { errors, warnings };
}

// ---- cross-record checks ------------------------------------------------------------------------------

/** Months worked that run past December, or a start month outside the year. */
export function monthsBeyondYear(record: Pick<EmploymentInput, 'startMonth' | 'monthsWorked'>, year: number): WorkbenchError | null {
  if (record.startMonth && monthIndexIn(record.startMonth, year) === null) {
    return workbenchError('EMP_MONTHS_BEYOND_YEAR', { detail: `开始月份${record.startMonth}不在${year}年内` });
  }
  if (record.monthsWorked === null) return null;
  const from = record.startMonth ? monthIndexIn(record.startMonth, year)! : 1;
  if (from + record.monthsWorked - 1 <= 12) return null;
  return workbenchError('EMP_MONTHS_BEYOND_YEAR', { detail: `从${from}月起务工${record.monthsWorked}个月，超过了${year}年12月` });
}

/** Income recorded for someone the same record says is not working. */
export function incomeWithoutWork(record: Pick<EmploymentInput, 'status' | 'avgIncomeFen'>): WorkbenchError | null {
  if (record.status === '已就业' || !record.avgIncomeFen) return null;
  return workbenchError('EMP_INCOME_NOT_EMPLOYED', { status: record.status, income: formatYuan(record.avgIncomeFen) });
}

/** A stored away-from-the-county form whose months overlap the post (e.g. imported before the placement). */
export function postAndAway(stored: EmploymentInput | null, postSpan: MonthSpan | null, year: number): WorkbenchError | null {
  if (!stored || !postSpan || stored.status !== '已就业' || !stored.form || !AWAY_FORMS.includes(stored.form)) return null;
  const span = recordSpan(stored, year) ?? { from: 1, to: 12 };
  if (!spansOverlap(span, postSpan)) return null;
  return workbenchError('EMP_POST_AND_AWAY', { postMonths: describeSpan(postSpan), form: stored.form, months: describeSpan(span) });
}

export const SERVICE_GAP_DAYS = 60;

/**
 * The date the "no service lately" check looks back from: today, or the year's last day for a past year
 * (a closed year is judged as it stood at its end).
 */
export function checkDateFor(year: number, today: string): string {
  const end = referenceDateOf(year);
  return today < end ? today : end;
}

/** Wants work, has none, and nobody served them in the last 60 days up to `onDate`. */
export function noRecentService(row: Pick<EmploymentInput, 'status' | 'wantsWork'>, serviceDates: readonly string[], onDate: string): WorkbenchError | null {
  if (row.status === '已就业' || row.wantsWork !== true) return null;
  const from = addDays(onDate, -SERVICE_GAP_DAYS);
  if (serviceDates.some((d) => d > from && d <= onDate)) return null;
  return workbenchError('EMP_NO_RECENT_SERVICE', { days: SERVICE_GAP_DAYS, from: addDays(onDate, -(SERVICE_GAP_DAYS - 1)), to: onDate });
}

/** Everything the checks need about one labourer. */
export interface CheckSubject {
  stored: EmploymentInput | null;
  effective: EffectiveEmployment;
  serviceDates: readonly string[];
}

/** All cross-record problems of one labourer for the year, each with its code and Chinese explanation. */
export function crossChecks(subject: CheckSubject, year: number, onDate: string): WorkbenchError[] {
  const { stored, effective } = subject;
  const found: (WorkbenchError | null)[] = [
    postAndAway(stored, effective.postSpan, year),
    stored ? monthsBeyondYear(stored, year) : null,
    stored ? incomeWithoutWork(stored) : null,
    noRecentService(effective, subject.serviceDates, onDate),
  ];
  return found.filter((e): e is WorkbenchError => e !== null);
}

// ---- rates --------------------------------------------------------------------------------------------

/**
 * A ratio as hundredths of a percent, rounded half-up in integers: 4019 / 3946 → 10185 (101.85%).
 * Null when there is nothing to divide by.
 */
export function rateBasisPoints(numerator: number, denominator: number): number | null {
  if (!denominator) return null;
  return Math.floor((2 * numerator * 10000 + denominator) / (2 * denominator));
}

/** 10185 → "101.85%"; null → "—". */
export function formatRate(basisPoints: number | null): string {
  if (basisPoints === null) return '—';
  return `${Math.floor(basisPoints / 100)}.${String(basisPoints % 100).padStart(2, '0')}%`;
}
