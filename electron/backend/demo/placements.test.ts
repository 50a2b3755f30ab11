// Demo invariants: the demo county's posts and placements obey the policy and the rules, and give the
// payroll its arithmetic (2,434 on post every paid month of 2022, 2,227 in 2021).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTempDb, type TempDb } from '../testing/temp-db';
import { monthsBetween } from '../../../shared/domain/month';
import { ageOn } from '../../../shared/domain/id-number';
import { ELIGIBLE_CATEGORIES, INELIGIBLE_ABILITIES } from '../../../shared/domain/eligibility';
import { isActiveOn, overlaps, lastDayOnPost } from '../../../shared/domain/placement';
import { placementsActiveInMonth } from '../posts/placements-repository';
import { addDays } from '../../../shared/domain/dates';
import { DEMO_PART_MONTH } from './placements';
import { requireSqlite } from '../db/database';

interface Row { id: number; person_id: number; post_id: number; start_date: string; agreement_end_date: string; exit_date: string | null; exit_reason: string | null; subsidy_fen: number; replaces_placement_id: number | null; confirmed_warnings: string | null; year: number; birth_date: string; category: string; labour_ability: string; household_no: string; person_village: string; post_village: string }

describe('demo posts and placements', () => {
  let temp: TempDb;
  let rows: Row[];
  const period = (r: Row) => ({ startDate: r.start_date, agreementEndDate: r.agreement_end_date, exitDate: r.exit_date });

  beforeAll(async () => {
    temp = await createTempDb({ demo: true });
    rows = requireSqlite(temp.ctx.wdb, 'test').prepare(`select pl.*, po.year, pe.birth_date, pe.category, pe.labour_ability, pe.household_no,
      pe.village_code person_village, po.village_code post_village from placements pl join posts po on po.id = pl.post_id join people pe on pe.id = pl.person_id`).all() as Row[];
  }, 60_000);
  afterAll(async () => { await temp?.cleanup(); });

  it('has 2,434 posts of 2022 and 2,227 of 2021, within the township plans that sum to the county plan', () => {
    const sqlite = requireSqlite(temp.ctx.wdb, 'test');
    const posts = sqlite.prepare('select year, count(*) n from posts group by year order by year').all();
    expect(posts).toEqual([{ year: 2021, n: 2227 }, { year: 2022, n: 2434 }]);
    const plans = sqlite.prepare('select year, sum(planned_posts) n, count(*) townships from township_plans group by year order by year').all();
    expect(plans).toEqual([{ year: 2021, n: 2227, townships: 12 }, { year: 2022, n: 2434, townships: 12 }]);
  });

  it('fills all 2,434 posts for the whole of every paid month of 2022 but July, at 650.00: 1,582,100.00 a month', async () => {
    for (const month of monthsBetween('2022-03', '2022-12').filter((m) => m !== DEMO_PART_MONTH.month)) {
      const active = await placementsActiveInMonth(temp.ctx.wdb.db, month);
      expect(active.length, month).toBe(2434);
      // Whole months: nobody starts after the 1st or leaves before the last day.
      expect(active.every((p) => p.startDate <= `${month}-01` && lastDayOnPost(p) >= `${month}-28`), month).toBe(true);
      expect(active.reduce((sum, p) => sum + p.subsidyFen, 0)).toBe(158_210_000);
      expect(new Set(active.map((p) => p.postId)).size).toBe(2434);
    }
    expect(await placementsActiveInMonth(temp.ctx.wdb.db, '2022-02')).toHaveLength(0);
    expect(await placementsActiveInMonth(temp.ctx.wdb.db, '2023-01')).toHaveLength(0);
  });

  it('has 2,227 placements of 2021 at 600.00 for April–December, all ended with the year', async () => {
    const of2021 = rows.filter((r) => r.year === 2021);
    expect(of2021).toHaveLength(2227);
    expect(of2021.every((r) => r.start_date === '2021-04-01' && r.agreement_end_date === '2021-12-31' && r.exit_date === '2021-12-31' && r.subsidy_fen === 60000)).toBe(true);
    expect(await placementsActiveInMonth(temp.ctx.wdb.db, '2021-12')).toHaveLength(2227);
  });

  it('has part months in July: a few leave mid-month and are replaced on the same post from the next day', async () => {
    const july = await placementsActiveInMonth(temp.ctx.wdb.db, DEMO_PART_MONTH.month);
    expect(july).toHaveLength(2434 + DEMO_PART_MONTH.exits);
    expect(new Set(july.map((p) => p.postId)).size).toBe(2434);
    const leavers = july.filter((p) => p.exitDate !== null && p.exitDate < '2022-07-31');
    expect(leavers).toHaveLength(DEMO_PART_MONTH.exits);
    for (const leaver of leavers) {
      const successor = july.find((p) => p.postId === leaver.postId && p.id !== leaver.id)!;
      expect(successor.startDate).toBe(addDays(leaver.exitDate!, 1));
    }
  });

  it('has exits during 2022, each on the last day of a month and replaced on the same post from the next day', () => {
    const of2022 = rows.filter((r) => r.year === 2022);
    const exited = of2022.filter((r) => r.exit_date !== null && addDays(r.exit_date, 1).endsWith('-01'));
    const replacements = of2022.filter((r) => r.replaces_placement_id !== null);
    expect(exited.length).toBeGreaterThanOrEqual(30);
    expect(of2022.length).toBe(2434 + replacements.length);
    expect(replacements).toHaveLength(exited.length + DEMO_PART_MONTH.exits);
    for (const exit of exited) {
      expect(addDays(exit.exit_date!, 1).endsWith('-01')).toBe(true);
      const next = replacements.find((r) => r.replaces_placement_id === exit.id)!;
      expect(next.post_id).toBe(exit.post_id);
      expect(next.start_date).toBe(addDays(exit.exit_date!, 1));
      expect(['本人申请', '外出务工', '死亡', '不再符合条件', '考核不合格', '其他']).toContain(exit.exit_reason);
    }
  });

  it('places only eligible people, nobody 70+ on the start date, some 65–69 with the warning confirmed', () => {
    for (const r of rows) {
      expect(ELIGIBLE_CATEGORIES).toContain(r.category);
      expect(INELIGIBLE_ABILITIES).not.toContain(r.labour_ability);
      const age = ageOn(r.birth_date, r.start_date);
      expect(age).toBeGreaterThanOrEqual(16);
      expect(age).toBeLessThan(70);
      expect(age >= 65).toBe((r.confirmed_warnings ?? '').includes('AGE_CONFIRM'));
      expect(r.post_village !== r.person_village).toBe((r.confirmed_warnings ?? '').includes('VILLAGE_MISMATCH'));
    }
    const older2022 = rows.filter((r) => r.year === 2022 && ageOn(r.birth_date, r.start_date) >= 65).length;
    expect(older2022).toBeGreaterThan(50);
    expect(older2022).toBeLessThan(2434 * 0.15);
  });

  it('never has one person in two placements at once, nor two people of a household on post at once', () => {
    const byPerson = new Map<number, Row[]>();
    const byHousehold = new Map<string, Row[]>();
    for (const r of rows) {
      byPerson.set(r.person_id, [...(byPerson.get(r.person_id) ?? []), r]);
      byHousehold.set(r.household_no, [...(byHousehold.get(r.household_no) ?? []), r]);
    }
    for (const group of [...byPerson.values(), ...byHousehold.values()]) {
      for (const a of group) for (const b of group) {
        if (a.id < b.id) expect(overlaps(period(a), b.start_date, lastDayOnPost(period(b))), `${a.id}/${b.id}`).toBe(false);
      }
    }
    expect(rows.filter((r) => isActiveOn(period(r), '2022-06-15'))).toHaveLength(2434);
  });
});
