// `init --demo`: fills the reference county with its demo people, then its 2021 and 2022 public-welfare posts
// and placements with the township plans they imply, then the payroll months (attendance, approvals) and the
// 2022 employment ledger, services and trainings (both read the placements).
import type { EngineContext } from '../context';
import { personColumns } from '../people/repository';
import { listPolicies } from '../posts/policies-repository';
import { demoPeople, DEMO_PEOPLE } from './people';
import { seedDemoEmployment, type DemoEmploymentCounts } from './employment';
import { demoPosts, type DemoPerson } from './placements';
import { seedDemoPayroll } from './payroll';
import { seedDemoPayments } from './payments';
import { requireSqlite, type PostgresStore } from '../db/database';
import { initCountyDatabase } from '../county-setup';
import { createContext } from '../context';
import { replacePostgresContents } from '../db/copy-store';

/**
 * The demo on PostgreSQL: built by the same seeders in a SQLite database in memory (their driver statements
 * are what makes them fast), then every row copied into the PostgreSQL store, replacing its fresh county.
 */
async function seedDemoThroughSqlite(ctx: EngineContext, target: PostgresStore, options: { people?: number }): Promise<DemoCounts> {
  const memory = await initCountyDatabase(':memory:', ctx.county.code);
  try {
    const counts = await seedDemo(await createContext(memory, ctx.actor), options);
    if (memory.dialect !== 'sqlite') throw new Error('an in-memory database is SQLite');
    await replacePostgresContents(memory, target);
    return counts;
  } finally {
    await memory.close();
  }
}

export interface DemoCounts {
  people: number; households: number; posts: number; placements: number; attendance: number; approvedLines: number;
  employment: DemoEmploymentCounts | null;
  payments: { batches: number; failed: number; reissued: number } | null;
}

export async function seedDemo(ctx: EngineContext, options: { people?: number } = {}): Promise<DemoCounts> {
  if (ctx.wdb.dialect === 'postgres') return seedDemoThroughSqlite(ctx, ctx.wdb, options);
  const villages = ctx.townships.flatMap((t) => t.villages.map((v) => ({ townshipCode: t.code, villageCode: v.code })));
  const people = demoPeople(villages, { people: options.people });
  const sqlite = requireSqlite(ctx.wdb, '示范数据');
  // The driver's prepared statements in one transaction: ~10× faster than building thousands of kysely queries.
  const columns = Object.keys(personColumns(people[0]!));
  const insert = sqlite.prepare(`insert into people (${columns.join(',')}) values (${columns.map((c) => '@' + c).join(',')})`);
  sqlite.transaction(() => {
    for (const person of people) insert.run(personColumns(person));
  })();

  const policies = await listPolicies(ctx.wdb.db);
  const p2021 = policies.find((p) => p.year === 2021);
  const p2022 = policies.find((p) => p.year === 2022);
  if (!p2021 || !p2022) throw new Error('the demo needs the reference county\'s 2021 and 2022 policies');
  const rows = sqlite.prepare('select id, birth_date birthDate, category, labour_ability labourAbility, household_no householdNo, township_code townshipCode, village_code villageCode from people order by id').all() as DemoPerson[];
  const villageNames = new Map(ctx.townships.flatMap((t) => t.villages.map((v) => [v.code, v.name] as const)));
  const demo = demoPosts(rows, { 2021: p2021, 2022: p2022 }, villageNames);

  const insertPost = sqlite.prepare('insert into posts (year, township_code, village_code, post_type, employing_unit) values (?, ?, ?, ?, ?)');
  const insertPlacement = sqlite.prepare(`insert into placements (person_id, post_id, start_date, agreement_end_date, subsidy_fen, exit_date, exit_reason, replaces_placement_id, confirmed_warnings)
    values (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const insertPlan = sqlite.prepare('insert into township_plans (year, township_code, planned_posts, employment_target) values (?, ?, ?, null)');
  sqlite.transaction(() => {
    const postIds = new Map<number, number>();
    for (const post of demo.posts) {
      postIds.set(post.key, Number(insertPost.run(post.year, post.townshipCode, post.villageCode, post.postType, post.employingUnit).lastInsertRowid));
    }
    const placementIds = new Map<number, number>();
    for (const p of demo.placements) {
      const id = insertPlacement.run(p.personId, postIds.get(p.postKey), p.startDate, p.agreementEndDate, p.subsidyFen, p.exitDate, p.exitReason,
        p.replacesKey === null ? null : placementIds.get(p.replacesKey), p.confirmedWarnings.length ? JSON.stringify(p.confirmedWarnings) : null).lastInsertRowid;
      placementIds.set(p.key, Number(id));
    }
    // Each township's plan is what it developed: the county's plan shared out the way the posts fell.
    const plans = new Map<string, number>();
    for (const post of demo.posts) plans.set(`${post.year}|${post.townshipCode}`, (plans.get(`${post.year}|${post.townshipCode}`) ?? 0) + 1);
    for (const [key, n] of plans) {
      const [year, township] = key.split('|');
      insertPlan.run(Number(year), township, n);
    }
  })();
  // After posts and placements: attendance for 2022-03 to 2022-07, the months up to 2022-06 approved.
  const payroll = await seedDemoPayroll(ctx);
  // After the approvals: payment batches for 2022-03 to 2022-05 with the bank's answers and re-issues.
  const payments = payroll.approvedLines > 0 ? await seedDemoPayments(ctx) : null;
  // The employment ledger reads the placements too. Its published figures (4,019 employed) belong to the
  // reference county's 9,236 people; a resized demo (benchmarks) has no ledger.
  const employment = people.length === DEMO_PEOPLE ? seedDemoEmployment(ctx) : null;
  return { people: people.length, households: new Set(people.map((p) => p.householdNo)).size, posts: demo.posts.length, placements: demo.placements.length, ...payroll, payments, employment };
}
