// Year policy (年度政策): the figures that drive eligibility, payroll and targets for one year.

export interface YearPolicy {
  year: number;
  monthlySubsidyFen: number;
  agreementMonths: number;
  /** YYYY-MM */
  firstPaidMonth: string;
  /** YYYY-MM */
  lastPaidMonth: string;
  plannedPosts: number;
  employmentTarget: number | null;
  requiredDays: number;
  minAge: number;
  /** From this age a placement needs a confirmation that the person can still work. */
  warnAge: number;
  /** From this age a placement is refused (national monitoring flags 70+ on a post). */
  refuseAge: number;
  /** One post per household: 'warn' (default) or 'refuse'. */
  householdRule: 'warn' | 'refuse';
}

export const DEFAULT_AGE_BAND = { minAge: 16, warnAge: 65, refuseAge: 70 } as const;

/** The reference county 卢龙县 (130324): its published figures for 2021 and 2022 (SPEC §1). */
export const REFERENCE_COUNTY_CODE = '130324';

export const REFERENCE_COUNTY_POLICIES: readonly YearPolicy[] = [
  {
    year: 2021, monthlySubsidyFen: 60000, agreementMonths: 9, firstPaidMonth: '2021-04', lastPaidMonth: '2021-12',
    plannedPosts: 2227, employmentTarget: null, requiredDays: 22, ...DEFAULT_AGE_BAND, householdRule: 'warn',
  },
  {
    year: 2022, monthlySubsidyFen: 65000, agreementMonths: 10, firstPaidMonth: '2022-03', lastPaidMonth: '2022-12',
    plannedPosts: 2434, employmentTarget: 3946, requiredDays: 22, ...DEFAULT_AGE_BAND, householdRule: 'warn',
  },
];

export interface TownshipPlan {
  townshipCode: string;
  /** null: the township has no plan of its own (bounded by the county's). */
  plannedPosts: number | null;
  employmentTarget: number | null;
}

const MONTH_TEXT = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** What is wrong with a policy as an administrator entered it; empty when it can be saved. */
export function policyProblems(policy: YearPolicy, townshipPlans: readonly TownshipPlan[] = []): string[] {
  const problems: string[] = [];
  const monthIndex = (m: string) => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7));
  if (!Number.isInteger(policy.year) || policy.year < 2000 || policy.year > 2100) problems.push('年度应为2000到2100之间的年份');
  if (!Number.isSafeInteger(policy.monthlySubsidyFen) || policy.monthlySubsidyFen <= 0) problems.push('月补贴标准应大于0');
  const monthsOk = MONTH_TEXT.test(policy.firstPaidMonth) && MONTH_TEXT.test(policy.lastPaidMonth);
  if (!monthsOk) problems.push('发放月份应为YYYY-MM');
  else {
    if (!policy.firstPaidMonth.startsWith(`${policy.year}-`) || !policy.lastPaidMonth.startsWith(`${policy.year}-`)) problems.push(`发放月份应在${policy.year}年内`);
    if (policy.firstPaidMonth > policy.lastPaidMonth) problems.push('首个发放月份不能晚于最后发放月份');
  }
  const paidMonths = monthsOk ? monthIndex(policy.lastPaidMonth) - monthIndex(policy.firstPaidMonth) + 1 : 12;
  if (!Number.isInteger(policy.agreementMonths) || policy.agreementMonths < 1 || policy.agreementMonths > paidMonths) {
    problems.push(`协议期应为1到${paidMonths}个月（不超过发放月数）`);
  }
  if (!Number.isInteger(policy.plannedPosts) || policy.plannedPosts < 0) problems.push('计划岗位数不能为负数');
  if (policy.employmentTarget !== null && (!Number.isInteger(policy.employmentTarget) || policy.employmentTarget < 0)) problems.push('就业目标不能为负数');
  if (!Number.isInteger(policy.requiredDays) || policy.requiredDays < 1 || policy.requiredDays > 31) problems.push('月应出勤天数应为1到31');
  if (!(policy.minAge >= 0 && policy.minAge < policy.warnAge && policy.warnAge <= policy.refuseAge && policy.refuseAge <= 120)) {
    problems.push('年龄段应满足：最低年龄 < 提醒年龄 ≤ 不得上岗年龄');
  }
  let townshipTotal = 0;
  for (const plan of townshipPlans) {
    if (plan.plannedPosts !== null) {
      if (!Number.isInteger(plan.plannedPosts) || plan.plannedPosts < 0) problems.push('乡镇计划岗位数不能为负数');
      else townshipTotal += plan.plannedPosts;
    }
  }
  if (townshipTotal > policy.plannedPosts) problems.push(`各乡镇计划合计${townshipTotal}个，超过全县计划${policy.plannedPosts}个；全县计划只有管理员能在“设置 → 本县与年度政策”中提高`);
  return problems;
}
