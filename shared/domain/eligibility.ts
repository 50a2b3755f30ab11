// Who may be placed on a public-welfare post, and when (SPEC §3, issue 5): every rule checked and explained
// in Chinese, as a list a clerk can read (pass / warn / refuse). Pure: the engine reads the person, the post,
// the policy and the existing placements, this decides. The importer and the 上岗安置 screen both call it.
import { messageFor, workbenchError, type ErrorCode, type WorkbenchError } from './errors';
import { isIsoDate } from './dates';
import { ageOn } from './id-number';
import { defaultAgreementEnd, lastDayOnPost, overlaps, paidWindow, vacantFrom, type PlacementPeriod } from './placement';
import { isExitReason, EXIT_REASONS } from './posts';
import type { YearPolicy } from './policy';

/** Categories a post is for (SPEC §2 default): the poverty-alleviated and those monitored against relapse. */
export const ELIGIBLE_CATEGORIES: readonly string[] = ['脱贫户', '防返贫监测对象'];
/** A post needs someone who can work. */
export const INELIGIBLE_ABILITIES: readonly string[] = ['丧失劳动力', '无劳动力'];

export interface CandidatePerson {
  name: string;
  category: string;
  labourAbility: string;
  birthDate: string;
  villageCode: string;
  householdNo: string | null;
}

export interface OtherPlacement extends PlacementPeriod {
  /** The holder's name, for messages. */
  name: string;
}

export interface PlacementRequest {
  person: CandidatePerson;
  post: { year: number; villageCode: string };
  /** The policy of the post's year; null when the year has none. */
  policy: YearPolicy | null;
  startDate: string;
  /** Omitted: the policy's default for the start date. */
  agreementEndDate?: string;
  /** The person's other placements (any year). */
  personPlacements: readonly OtherPlacement[];
  /** Everyone's placements on this post. */
  postPlacements: readonly OtherPlacement[];
  /** Placements of the person's household members (not the person). */
  householdPlacements: readonly OtherPlacement[];
  villageName(code: string): string;
}

export type RuleOutcome = 'pass' | 'warn' | 'refuse';

export interface RuleCheck {
  /** What was checked, as the screen labels it. */
  rule: string;
  outcome: RuleOutcome;
  /** Set for warn and refuse. */
  code?: ErrorCode;
  message: string;
}

export interface PlacementCheck {
  checks: RuleCheck[];
  refusals: WorkbenchError[];
  /** Warnings need the clerk's confirmation before the placement is saved. */
  warnings: WorkbenchError[];
  /** The agreement end that would be stored (requested or derived); null when the dates are unusable. */
  agreementEndDate: string | null;
  /** The latest agreement end the policy allows for this start. */
  maxAgreementEndDate: string | null;
  ageOnStart: number | null;
}

/** Why this person cannot hold a post at all, whatever the date (category, labour ability); null when they can. */
export function ineligibilityReason(category: string, labourAbility: string): string | null {
  if (!ELIGIBLE_CATEGORIES.includes(category)) return `人员类别为“${category}”，公益岗位安置${ELIGIBLE_CATEGORIES.join('、')}`;
  if (INELIGIBLE_ABILITIES.includes(labourAbility)) return `劳动能力为“${labourAbility}”，不能胜任岗位`;
  return null;
}

/** Age band on the start date: refuse under the minimum and from the refusal age, warn from the warning age. */
export function ageOutcome(policy: Pick<YearPolicy, 'minAge' | 'warnAge' | 'refuseAge'>, age: number): { outcome: RuleOutcome; error?: WorkbenchError } {
  if (age < policy.minAge) return { outcome: 'refuse', error: workbenchError('NOT_ELIGIBLE', { reason: `上岗时${age}岁，未满${policy.minAge}岁` }) };
  if (age >= policy.refuseAge) return { outcome: 'refuse', error: workbenchError('NOT_ELIGIBLE', { reason: `上岗时${age}岁，已满${policy.refuseAge}岁，不得安排公益岗位` }) };
  if (age >= policy.warnAge) return { outcome: 'warn', error: workbenchError('AGE_CONFIRM', { age, warnAge: policy.warnAge, refuseAge: policy.refuseAge }) };
  return { outcome: 'pass' };
}

export function checkPlacement(request: PlacementRequest): PlacementCheck {
  const checks: RuleCheck[] = [];
  const add = (rule: string, outcome: RuleOutcome, error: WorkbenchError | string) => {
    checks.push(typeof error === 'string' ? { rule, outcome, message: error } : { rule, outcome, code: error.code, message: error.message });
  };
  const { person, post, policy, startDate } = request;
  let agreementEndDate: string | null = null;
  let maxAgreementEndDate: string | null = null;
  let ageOnStart: number | null = null;

  // 1. The dates, against the year's policy.
  if (!policy) {
    add('年度政策', 'refuse', workbenchError('POLICY_MISSING', { year: post.year }));
  } else if (!isIsoDate(startDate)) {
    add('上岗日期', 'refuse', workbenchError('BAD_DATE', { value: startDate }));
  } else {
    const window = paidWindow(policy);
    if (startDate < window.first || startDate > window.last) {
      add('上岗日期', 'refuse', workbenchError('PLACEMENT_DATE_OUTSIDE', { date: startDate, year: policy.year, first: policy.firstPaidMonth, last: policy.lastPaidMonth }));
    } else {
      add('上岗日期', 'pass', `${startDate}，在${policy.year}年度发放月份（${policy.firstPaidMonth}至${policy.lastPaidMonth}）内`);
      maxAgreementEndDate = defaultAgreementEnd(policy, startDate);
      const requested = request.agreementEndDate ?? maxAgreementEndDate;
      const params = { date: requested, start: startDate, max: maxAgreementEndDate, year: policy.year, months: policy.agreementMonths, last: policy.lastPaidMonth };
      if (!isIsoDate(requested)) add('协议期', 'refuse', workbenchError('BAD_DATE', { value: requested }));
      else if (requested < startDate || requested > maxAgreementEndDate) add('协议期', 'refuse', workbenchError('AGREEMENT_END_INVALID', params));
      else { agreementEndDate = requested; add('协议期', 'pass', `${startDate}至${requested}`); }
    }
  }

  // 2. Who the person is.
  if (ELIGIBLE_CATEGORIES.includes(person.category)) add('人员类别', 'pass', `${person.category}，符合条件`);
  else add('人员类别', 'refuse', workbenchError('NOT_ELIGIBLE', { reason: ineligibilityReason(person.category, '普通劳动力')! }));
  if (INELIGIBLE_ABILITIES.includes(person.labourAbility)) add('劳动能力', 'refuse', workbenchError('NOT_ELIGIBLE', { reason: ineligibilityReason(ELIGIBLE_CATEGORIES[0]!, person.labourAbility)! }));
  else add('劳动能力', 'pass', `${person.labourAbility}，能胜任岗位`);

  if (policy && isIsoDate(startDate)) {
    ageOnStart = ageOn(person.birthDate, startDate);
    const age = ageOutcome(policy, ageOnStart);
    add('年龄', age.outcome, age.error ?? `上岗时${ageOnStart}岁，在${policy.minAge}至${policy.warnAge - 1}岁之间`);
  }

  // 3. One post per person, one person per post, one post per household — over the new placement's period.
  const periodEnd = agreementEndDate ?? maxAgreementEndDate;
  if (periodEnd && isIsoDate(startDate)) {
    const clash = request.personPlacements.find((p) => overlaps(p, startDate, periodEnd));
    if (clash) add('一人一岗', 'refuse', workbenchError('ALREADY_PLACED'));
    else add('一人一岗', 'pass', '此人在该期间没有其他公益岗位');

    const holder = request.postPlacements.find((p) => overlaps(p, startDate, periodEnd));
    if (holder) add('岗位空缺', 'refuse', workbenchError('POST_OCCUPIED', { name: holder.name, from: holder.startDate, to: lastDayOnPost(holder), vacantFrom: vacantFrom(holder) }));
    else add('岗位空缺', 'pass', `岗位自${startDate}起空缺`);

    const relative = request.householdPlacements.find((p) => overlaps(p, startDate, periodEnd));
    if (relative && policy) {
      add('一户一岗', policy.householdRule === 'refuse' ? 'refuse' : 'warn', workbenchError('HOUSEHOLD_PLACED', { name: relative.name, from: relative.startDate, to: lastDayOnPost(relative) }));
    } else add('一户一岗', 'pass', person.householdNo ? '同户没有其他人在岗' : '未填写户编号，无法核对同户人员');
  }

  // 4. Where the post is.
  if (post.villageCode === person.villageCode) add('岗位所在村', 'pass', `岗位在本人所在的${request.villageName(post.villageCode)}`);
  else add('岗位所在村', 'warn', workbenchError('VILLAGE_MISMATCH', { postVillage: request.villageName(post.villageCode), personVillage: request.villageName(person.villageCode) }));

  const pick = (outcome: RuleOutcome) => checks.filter((c) => c.outcome === outcome && c.code).map((c) => ({ code: c.code!, message: c.message }));
  return { checks, refusals: pick('refuse'), warnings: pick('warn'), agreementEndDate, maxAgreementEndDate, ageOnStart };
}

export interface ExitRequest {
  placement: PlacementPeriod & { exitReason?: string | null };
  exitDate: string;
  reason: string;
}

/** 退岗: the exit date lies within the placement (its last day worked); the reason is one of SPEC §2's. */
export function checkExit({ placement, exitDate, reason }: ExitRequest): WorkbenchError | null {
  if (placement.exitDate !== null) return workbenchError('ALREADY_EXITED', { date: placement.exitDate, reason: placement.exitReason ?? '' });
  if (!isIsoDate(exitDate)) return workbenchError('BAD_DATE', { value: exitDate });
  if (exitDate < placement.startDate || exitDate > placement.agreementEndDate) {
    return workbenchError('EXIT_DATE_INVALID', { date: exitDate, start: placement.startDate, end: placement.agreementEndDate });
  }
  if (!isExitReason(reason)) return workbenchError('BAD_ENUM', { value: reason, allowed: EXIT_REASONS.join('/') });
  return null;
}

/** The confirmation a clerk gives for the warnings, as one line for CONFIRMATION_REQUIRED. */
export function confirmationMessage(warnings: readonly WorkbenchError[]): string {
  return messageFor('CONFIRMATION_REQUIRED', { detail: warnings.map((w) => w.message).join('；') });
}
