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
