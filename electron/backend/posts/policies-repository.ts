// Year policies (年度政策).
import type { Kysely } from 'kysely';
import type { Database, YearPolicyRow } from '../db/schema';
import type { TownshipPlan, YearPolicy } from '../../../shared/domain/policy';

export function toPolicy(row: YearPolicyRow): YearPolicy {
  return {
    year: row.year, monthlySubsidyFen: row.monthly_subsidy_fen, agreementMonths: row.agreement_months,
    firstPaidMonth: row.first_paid_month, lastPaidMonth: row.last_paid_month, plannedPosts: row.planned_posts,
    employmentTarget: row.employment_target, requiredDays: row.required_days, minAge: row.min_age,
    warnAge: row.warn_age, refuseAge: row.refuse_age, householdRule: row.household_rule,
  };
}

export async function insertPolicy(db: Kysely<Database>, policy: YearPolicy): Promise<void> {
  await db.insertInto('year_policies').values({
    year: policy.year, monthly_subsidy_fen: policy.monthlySubsidyFen, agreement_months: policy.agreementMonths,
    first_paid_month: policy.firstPaidMonth, last_paid_month: policy.lastPaidMonth, planned_posts: policy.plannedPosts,
    employment_target: policy.employmentTarget, required_days: policy.requiredDays, min_age: policy.minAge,
    warn_age: policy.warnAge, refuse_age: policy.refuseAge, household_rule: policy.householdRule, deduction_per_day_fen: null,
  }).execute();
}

export async function listPolicies(db: Kysely<Database>): Promise<YearPolicy[]> {
  const rows = await db.selectFrom('year_policies').selectAll().orderBy('year').execute();
  return rows.map(toPolicy);
}

export async function getPolicy(db: Kysely<Database>, year: number): Promise<YearPolicy | null> {
  const row = await db.selectFrom('year_policies').selectAll().where('year', '=', year).executeTakeFirst();
  return row ? toPolicy(row) : null;
}

/** Creates or replaces a year's figures. Placements keep the subsidy they were made with (subsidy_fen). */
export async function savePolicy(db: Kysely<Database>, policy: YearPolicy): Promise<void> {
  const columns = {
    monthly_subsidy_fen: policy.monthlySubsidyFen, agreement_months: policy.agreementMonths,
    first_paid_month: policy.firstPaidMonth, last_paid_month: policy.lastPaidMonth, planned_posts: policy.plannedPosts,
    employment_target: policy.employmentTarget, required_days: policy.requiredDays, min_age: policy.minAge,
    warn_age: policy.warnAge, refuse_age: policy.refuseAge, household_rule: policy.householdRule,
  };
  await db.insertInto('year_policies').values({ year: policy.year, ...columns, deduction_per_day_fen: null })
    .onConflict((oc) => oc.column('year').doUpdateSet(columns)).execute();
}

export async function listTownshipPlans(db: Kysely<Database>, year: number): Promise<TownshipPlan[]> {
  const rows = await db.selectFrom('township_plans').selectAll().where('year', '=', year).orderBy('township_code').execute();
  return rows.map((r) => ({ townshipCode: r.township_code, plannedPosts: r.planned_posts, employmentTarget: r.employment_target }));
}

export async function saveTownshipPlan(db: Kysely<Database>, year: number, plan: TownshipPlan): Promise<void> {
  const columns = { planned_posts: plan.plannedPosts, employment_target: plan.employmentTarget };
  await db.insertInto('township_plans').values({ year, township_code: plan.townshipCode, ...columns })
    .onConflict((oc) => oc.columns(['year', 'township_code']).doUpdateSet(columns)).execute();
}
