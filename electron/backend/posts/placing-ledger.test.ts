// The import's placing ledger in memory against the database: the same rows, placed in the same order,
// come out the same — outcome, codes, warnings, the post each takes (an existing one, or a new one), the
// placement it follows, the dates and subsidy stored — on the demo county's people, posts and placements.
import { queryNumber, queryRows } from '../testing/store-sql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTempDb, type TempDb } from '../testing/temp-db';
import { placeImportedRow, type PlacementRowInput, type PlacementRowOutcome } from './placing';
import { MemoryPlacingLedger } from './placing-ledger';
import { importStore } from '../import/store';

describe('placing an import’s rows in memory', () => {
  let temp: TempDb;
  beforeAll(async () => { temp = await createTempDb({ demo: true }); });
  afterAll(async () => { await temp.cleanup(); });

  it('gives every row what the database gives it', async () => {
    // Room for a few new posts in one township, none in the others: some rows make posts, some meet the plan.
    const township = temp.ctx.townships[0]!;
    await queryRows(temp.ctx.wdb, 'update year_policies set planned_posts = planned_posts + 6 where year = 2022');
    await queryRows(temp.ctx.wdb, 'update township_plans set planned_posts = planned_posts + 6 where year = 2022 and township_code = ?', [township.code]);
    const people = await queryRows<{ id_number: string; name: string; township_code: string; village_code: string }>(temp.ctx.wdb,
      'select id_number, name, township_code, village_code from people where township_code in (?, ?) order by household_no, id limit 90', [township.code, temp.ctx.townships[1]!.code]);
    const types = ['保洁', '护林', '保洁', '道路维护']; // 道路维护 is not a post type
    const rows: PlacementRowInput[] = people.map((p, i) => ({
      idNumber: p.id_number, name: i % 17 === 5 ? '别人' : p.name, townshipCode: p.township_code, villageCode: p.village_code, postType: types[i % types.length]!,
      startDate: ['2022-03-01', '2022-07-01', '2023-02-01', '2022-11-15'][i % 4]!, agreementEndDate: i % 5 === 0 ? '2022-09-30' : undefined, subsidyFen: i % 7 === 0 ? 60000 : 65000,
    }));
    // Everyone again from October: some take a post whose holder's agreement ended in September (补岗).
    rows.push(...rows.slice(0, people.length).map((r) => ({ ...r, postType: '保洁', startDate: '2022-10-01', agreementEndDate: undefined })));

    const maxId = (table: string) => queryNumber(temp.ctx.wdb, `select coalesce(max(id), 0) n from ${table}`);
    const [maxPost, maxPlacement] = [await maxId('posts'), await maxId('placements')];
    const summarise = (outcomes: PlacementRowOutcome[]) => {
      const newPosts = new Map<number, string>();
      const newPlacements = new Map<number, string>();
      return outcomes.map((o) => {
        const base = { outcome: o.outcome, warnings: o.warnings.map((w) => w.code) };
        if (o.outcome === 'rejected') return { ...base, errors: o.errors.map((e) => `${e.code}:${e.message}`) };
        if (o.outcome === 'unchanged') return { ...base, placement: o.placementId > maxPlacement ? newPlacements.get(o.placementId) : o.placementId };
        if (o.postCreated) newPosts.set(o.postCreated.id, `new post ${newPosts.size} ${o.postCreated.village_code} ${o.postCreated.post_type}`);
        const p = o.placement;
        newPlacements.set(p.id, `new placement ${newPlacements.size}`);
        return {
          ...base, post: p.post_id > maxPost ? newPosts.get(p.post_id) : p.post_id,
          replaces: p.replaces_placement_id !== null && p.replaces_placement_id > maxPlacement ? newPlacements.get(p.replaces_placement_id) : p.replaces_placement_id,
          person: p.person_id, start: p.start_date, end: p.agreement_end_date, subsidy: p.subsidy_fen, confirmed: p.confirmed_warnings,
        };
      });
    };

    const fromDatabase: PlacementRowOutcome[] = [];
    const rollback = new Error('dry run');
    await temp.ctx.wdb.db.transaction().execute(async (trx) => {
      for (const row of rows) fromDatabase.push(await placeImportedRow(trx, temp.ctx.divisions, row));
      throw rollback;
    }).catch((error: unknown) => { if (error !== rollback) throw error; });

    const ledger = await MemoryPlacingLedger.load(importStore(temp.ctx.wdb), rows.map((r) => r.idNumber), [2022, 2023]);
    const inMemory: PlacementRowOutcome[] = [];
    for (const row of rows) inMemory.push(await placeImportedRow(ledger, temp.ctx.divisions, row));

    const expected = summarise(fromDatabase);
    expect(summarise(inMemory)).toEqual(expected);
    // The case mix this test relies on is there.
    const outcomes = new Set(expected.map((o) => o.outcome));
    expect(outcomes).toEqual(new Set(['created', 'rejected', 'unchanged']));
    const codes = new Set(expected.flatMap((o) => ('errors' in o ? o.errors!.map((e) => e.split(':')[0]) : [])));
    for (const code of ['NAME_MISMATCH', 'POLICY_MISSING', 'POST_OVER_PLAN']) expect(codes).toContain(code);
    expect(expected.some((o) => 'post' in o && String(o.post).startsWith('new post'))).toBe(true);
    // A post taken again after its holder's agreement ended, following that placement (补岗).
    expect(expected.some((o) => 'replaces' in o && o.replaces !== null)).toBe(true);
  });
});
