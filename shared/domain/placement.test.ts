import { describe, expect, it } from 'vitest';
import { clampToWindow, defaultAgreementEnd, isActiveInMonth, isActiveOn, lastDayOnPost, vacantFrom } from './placement';
import { addDays, endOfTermFrom, isIsoDate } from './dates';
import { policyProblems, REFERENCE_COUNTY_POLICIES } from './policy';
import { checkPostQuota, defaultEmployingUnit } from './posts';

const POLICY_2022 = REFERENCE_COUNTY_POLICIES.find((p) => p.year === 2022)!;

describe('placement periods', () => {
  const exitedEndOfJune = { startDate: '2022-03-01', agreementEndDate: '2022-12-31', exitDate: '2022-06-30' };
  const replacement = { startDate: '2022-07-01', agreementEndDate: '2022-12-31', exitDate: null };

  it('an exit on the last day of a month: on post that day and that month, not the next', () => {
    expect(lastDayOnPost(exitedEndOfJune)).toBe('2022-06-30');
    expect(isActiveOn(exitedEndOfJune, '2022-06-30')).toBe(true);
    expect(isActiveOn(exitedEndOfJune, '2022-07-01')).toBe(false);
    expect(isActiveInMonth(exitedEndOfJune, '2022-06')).toBe(true);
    expect(isActiveInMonth(exitedEndOfJune, '2022-07')).toBe(false);
  });
  it('the post is vacant from the day after the exit, when the replacement starts', () => {
    expect(vacantFrom(exitedEndOfJune)).toBe('2022-07-01');
    expect(isActiveOn(replacement, vacantFrom(exitedEndOfJune))).toBe(true);
    expect(isActiveInMonth(replacement, '2022-06')).toBe(false);
  });
  it('without an exit the agreement end is the last day; nothing after it', () => {
    const lastYear = { startDate: '2021-04-01', agreementEndDate: '2021-12-31', exitDate: null };
    expect(isActiveInMonth(lastYear, '2021-12')).toBe(true);
    expect(isActiveInMonth(lastYear, '2022-01')).toBe(false);
    expect(isActiveInMonth(lastYear, '2021-03')).toBe(false);
  });
  it('agreement end from the policy, capped at the last paid month', () => {
    expect(defaultAgreementEnd(POLICY_2022, '2022-03-01')).toBe('2022-12-31');
    expect(defaultAgreementEnd({ ...POLICY_2022, agreementMonths: 6 }, '2022-03-01')).toBe('2022-08-31');
    expect(defaultAgreementEnd({ ...POLICY_2022, agreementMonths: 6 }, '2022-08-31')).toBe('2022-12-31');
  });
  it('clamps a date into the year\'s paid window', () => {
    expect(clampToWindow(POLICY_2022, '2026-11-23')).toBe('2022-12-31');
    expect(clampToWindow(POLICY_2022, '2022-01-15')).toBe('2022-03-01');
    expect(clampToWindow(POLICY_2022, '2022-05-15')).toBe('2022-05-15');
  });
});

describe('dates', () => {
  it('knows real dates', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2022-02-29')).toBe(false);
    expect(isIsoDate('2022-13-01')).toBe(false);
    expect(isIsoDate('2022-3-1')).toBe(false);
  });
  it('adds days across months and years', () => {
    expect(addDays('2022-06-30', 1)).toBe('2022-07-01');
    expect(addDays('2022-12-31', 1)).toBe('2023-01-01');
    expect(addDays('2022-03-01', -1)).toBe('2022-02-28');
  });
  it('ends a term the day before the same day months later, rolling short months', () => {
    expect(endOfTermFrom('2022-03-01', 10)).toBe('2022-12-31');
    expect(endOfTermFrom('2022-03-15', 10)).toBe('2023-01-14');
    expect(endOfTermFrom('2021-12-31', 2)).toBe('2022-02-27');
  });
});

describe('posts', () => {
  it('the village committee employs by default', () => {
    expect(defaultEmployingUnit('范庄村委会')).toBe('范庄村委会');
    expect(defaultEmployingUnit('范庄村')).toBe('范庄村民委员会');
    expect(defaultEmployingUnit('城关社区')).toBe('城关社区居民委员会');
  });
  it('a township adds posts within its plan; a township without a plan is bounded by the county\'s', () => {
    const base = { year: 2022, townshipName: '卢龙镇', townshipPlan: 200, townshipDeveloped: 199, countyPlan: 2434, countyDeveloped: 2000 };
    expect(checkPostQuota(base)).toBeNull();
    const full = checkPostQuota({ ...base, townshipDeveloped: 200 });
    expect(full?.code).toBe('POST_OVER_PLAN');
    expect(full?.message).toContain('卢龙镇2022年计划200个公益岗位，已开发200个');
    expect(checkPostQuota({ ...base, townshipPlan: null, countyDeveloped: 2433 })).toBeNull();
    expect(checkPostQuota({ ...base, townshipPlan: null, countyDeveloped: 2434 })?.message).toContain('全县2022年计划2434个');
    expect(checkPostQuota({ ...base, countyDeveloped: 2434 })?.code).toBe('POST_OVER_PLAN');
  });
});

describe('policyProblems', () => {
  it('accepts the reference county\'s policies', () => {
    for (const policy of REFERENCE_COUNTY_POLICIES) expect(policyProblems(policy)).toEqual([]);
  });
  it('names each problem in Chinese', () => {
    expect(policyProblems({ ...POLICY_2022, monthlySubsidyFen: 0 })).toEqual(['月补贴标准应大于0']);
    expect(policyProblems({ ...POLICY_2022, agreementMonths: 11 })).toEqual(['协议期应为1到10个月（不超过发放月数）']);
    expect(policyProblems({ ...POLICY_2022, firstPaidMonth: '2021-12' })).toEqual(['发放月份应在2022年内']);
    expect(policyProblems({ ...POLICY_2022, warnAge: 71 })).toEqual(['年龄段应满足：最低年龄 < 提醒年龄 ≤ 不得上岗年龄']);
    expect(policyProblems(POLICY_2022, [{ townshipCode: 'a', plannedPosts: 2000, employmentTarget: null }, { townshipCode: 'b', plannedPosts: 435, employmentTarget: null }]))
      .toEqual(['各乡镇计划合计2435个，超过全县计划2434个；全县计划只有管理员能在“设置 → 本县与年度政策”中提高']);
  });
});
