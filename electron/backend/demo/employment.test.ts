import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTempDb, type TempDb } from '../testing/temp-db';
import { apportion, DEMO_EMPLOYED } from './employment';
import { loadLedger } from '../employment/ledger';
import { requireSqlite } from '../db/database';

describe('the demo county 2022 employment ledger', () => {
  let temp: TempDb;
  beforeAll(async () => { temp = await createTempDb({ demo: true }); });
  afterAll(async () => { await temp.cleanup(); });
  const one = <T>(sql: string) => requireSqlite(temp.ctx.wdb, 'test').prepare(sql).get() as T;

  it('has exactly 4,019 employed labourers, everyone on a post among them, in realistic forms', async () => {
    const ledger = await loadLedger(temp.ctx, 2022);
    const employed = ledger.entries.filter((e) => e.effective.status === '已就业');
    expect(employed).toHaveLength(DEMO_EMPLOYED);
    const onPosts = ledger.entries.filter((e) => e.effective.onPost);
    expect(onPosts).toHaveLength(2434);
    expect(onPosts.every((e) => e.effective.form === '公益岗位')).toBe(true);
    const byForm = new Map<string, number>();
    for (const e of employed) byForm.set(e.effective.form!, (byForm.get(e.effective.form!) ?? 0) + 1);
    // Work away from the county is the largest non-post form; every form of SPEC §2 but the posts occurs.
    for (const form of ['省外务工', '省内县外务工', '县内务工', '就业帮扶车间', '自主创业', '灵活就业']) expect(byForm.get(form), form).toBeGreaterThan(0);
    expect((byForm.get('省外务工')! + byForm.get('省内县外务工')!) / (employed.length - onPosts.length)).toBeGreaterThan(0.5);
    expect(ledger.entries.length).toBeGreaterThan(DEMO_EMPLOYED);
    // No demo record trips the cross-checks that mean contradictory data.
    const codes = new Set<string>(ledger.entries.flatMap((e) => e.checks.map((c) => c.code)));
    for (const code of ['EMP_POST_AND_AWAY', 'EMP_MONTHS_BEYOND_YEAR', 'EMP_INCOME_NOT_EMPLOYED']) expect(codes.has(code), code).toBe(false);
  });

  it('gives services to those who want work, runs 12 sessions with 645 trainees, and splits the target over townships', () => {
    expect(one<{ n: number }>("select count(*) n from trainings where year = 2022").n).toBe(12);
    expect(one<{ n: number }>('select count(*) n from trainees').n).toBe(645);
    expect(one<{ n: number }>("select count(*) n from employment_records where wants_work = 1 and person_id not in (select person_id from services)").n).toBe(0);
    expect(one<{ n: number }>("select sum(employment_target) n from township_plans where year = 2022").n).toBe(3946);
    expect(one<{ n: number }>("select count(*) n from township_plans where year = 2022 and employment_target > 0").n).toBe(12);
  });

  it('is the same on every run', async () => {
    const again = await createTempDb({ demo: true });
    const dump = (t: TempDb) => JSON.stringify(requireSqlite(t.ctx.wdb, 'test').prepare('select person_id, status, form, employer, start_month, avg_income_fen, wants_work from employment_records order by person_id').all());
    expect(dump(again)).toBe(dump(temp));
    await again.cleanup();
  });

  it('apportions a total exactly by weights', () => {
    expect(apportion(3946, [1, 1, 1])).toEqual([1316, 1315, 1315]);
    expect(apportion(10, [0, 0])).toEqual([0, 0]);
    expect(apportion(7, [5, 3, 2]).reduce((a, b) => a + b)).toBe(7);
  });
});
