// An import's placing ledger in memory: everything the placement rules can ask about a file's rows — its
// people, the years' policies, plans and posts, and the placements of those posts, people and households —
// read once (six statements), then asked and written in memory as the rows are placed in file order. A
// 200-row file was about 15 queries a row, twice (dry run and commit). What the rows placed is written by the
// placements import (kinds/placements.ts) from the ledger's record; ids given here are provisional (above
// every id in the table) and mapped to the real ones as the rows are inserted.
import type { ImportStore } from '../import/store';
import type { NewPlacement, NewPost, PersonRow, PlacementRow, PostRow, YearPolicyRow } from '../db/schema';
import type { TownshipPlan, YearPolicy } from '../../../shared/domain/policy';
import type { PlacedPeriod, PlacingLedger } from './placing';
import { toPolicy } from './policies-repository';

type Period = PlacedPeriod & { personId: number; postId: number; householdNo: string | null };

/** Inserts into a list kept in order (before the first element that sorts after it). */
function insertSorted<T>(list: T[], item: T, after: (a: T, b: T) => boolean): void {
  const at = list.findIndex((x) => after(x, item));
  if (at < 0) list.push(item); else list.splice(at, 0, item);
}

const byStart = (a: Period, b: Period) => a.startDate > b.startDate;
const byStartThenId = (a: Period, b: Period) => a.startDate > b.startDate || (a.startDate === b.startDate && a.id > b.id);

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value); else map.set(key, [value]);
}

export class MemoryPlacingLedger implements PlacingLedger {
  private readonly people = new Map<string, PersonRow>();
  private readonly policies = new Map<number, YearPolicy>();
  private readonly plans = new Map<number, TownshipPlan[]>();
  private readonly posts = new Map<string, PostRow[]>();
  private readonly byPerson = new Map<number, Period[]>();
  private readonly byPost = new Map<number, Period[]>();
  private readonly byHousehold = new Map<string, Period[]>();
  private nextPostId: number;
  private nextPlacementId: number;

  private constructor(nextPostId: number, nextPlacementId: number) {
    this.nextPostId = nextPostId;
    this.nextPlacementId = nextPlacementId;
  }

  /** Loads what placing the rows (ID numbers, start years) can read, through the import's store (either database). */
  static async load(store: ImportStore, idNumbers: readonly string[], years: readonly number[]): Promise<MemoryPlacingLedger> {
    const list = <T>(values: readonly T[]) => [...new Set(values)];
    const yearList = list(years);
    const next = async (table: string) => Number((await store.get<{ n: number }>(`select coalesce(max(id), 0) + 1 as n from ${table}`))!.n);
    const ledger = new MemoryPlacingLedger(await next('posts'), await next('placements'));
    const people = await store.all<PersonRow>('select * from people where id_number in list(?)', [list(idNumbers)]);
    for (const p of people) ledger.people.set(p.id_number, p);
    for (const row of await store.all<YearPolicyRow>('select * from year_policies where year in list(?)', [yearList])) ledger.policies.set(row.year, toPolicy(row));
    for (const row of await store.all<{ year: number; township_code: string; planned_posts: number | null; employment_target: number | null }>(
      'select * from township_plans where year in list(?) order by township_code', [yearList])) {
      push(ledger.plans, row.year, { townshipCode: row.township_code, plannedPosts: row.planned_posts, employmentTarget: row.employment_target });
    }
    for (const post of await store.all<PostRow>('select * from posts where year in list(?) order by township_code, village_code, id', [yearList])) {
      push(ledger.posts, `${post.year}|${post.township_code}`, post);
    }
    const placements = await store.all<Period>(`select pl.id, pl.person_id "personId", pl.post_id "postId", pl.start_date "startDate", pl.agreement_end_date "agreementEndDate",
        pl.exit_date "exitDate", pe.name, pe.household_no "householdNo", po.village_code "villageCode", po.post_type "postType"
      from placements pl join people pe on pe.id = pl.person_id join posts po on po.id = pl.post_id
      where po.year in list(?) or pl.person_id in list(?) or pe.household_no in list(?)
      order by pl.start_date, pl.id`, [yearList, list(people.map((p) => p.id)), list(people.flatMap((p) => (p.household_no ? [p.household_no] : [])))]);
    for (const p of placements) ledger.remember(p);
    return ledger;
  }

  private remember(p: Period): void {
    insertSorted(this.byPerson.get(p.personId) ?? (this.byPerson.set(p.personId, []), this.byPerson.get(p.personId)!), p, byStart);
    insertSorted(this.byPost.get(p.postId) ?? (this.byPost.set(p.postId, []), this.byPost.get(p.postId)!), p, byStartThenId);
    if (p.householdNo) push(this.byHousehold, p.householdNo, p);
  }

  async personByIdNumber(idNumber: string): Promise<PersonRow | undefined> { return this.people.get(idNumber); }
  async policy(year: number): Promise<YearPolicy | null> { return this.policies.get(year) ?? null; }
  async postsOf(year: number, townshipCode: string): Promise<PostRow[]> { return [...(this.posts.get(`${year}|${townshipCode}`) ?? [])]; }
  async placementsOfPerson(personId: number): Promise<PlacedPeriod[]> { return [...(this.byPerson.get(personId) ?? [])]; }
  async placementsOfPost(postId: number): Promise<PlacedPeriod[]> { return [...(this.byPost.get(postId) ?? [])]; }
  async placementsOfHousehold(householdNo: string, exceptPersonId: number): Promise<PlacedPeriod[]> {
    return (this.byHousehold.get(householdNo) ?? []).filter((p) => p.personId !== exceptPersonId);
  }
  async townshipPlans(year: number): Promise<TownshipPlan[]> { return this.plans.get(year) ?? []; }
  async postCountsByTownship(year: number): Promise<Map<string, number>> {
    const counts = new Map<string, number>();
    for (const [key, posts] of this.posts) if (key.startsWith(`${year}|`) && posts.length > 0) counts.set(posts[0]!.township_code, posts.length);
    return counts;
  }

  async insertPost(post: Omit<NewPost, 'id' | 'created_at'>): Promise<PostRow> {
    const row: PostRow = { id: this.nextPostId++, created_at: '', ...post };
    const key = `${row.year}|${row.township_code}`;
    insertSorted(this.posts.get(key) ?? (this.posts.set(key, []), this.posts.get(key)!), row, (a, b) => a.village_code > b.village_code);
    return row;
  }

  async deletePost(post: PostRow): Promise<void> {
    const list = this.posts.get(`${post.year}|${post.township_code}`) ?? [];
    const at = list.indexOf(post);
    if (at >= 0) list.splice(at, 1);
  }

  async insertPlacement(placement: Omit<NewPlacement, 'id' | 'created_at'>, person: PersonRow, post: PostRow): Promise<PlacementRow> {
    const row: PlacementRow = {
      id: this.nextPlacementId++, version: 1, created_at: '', person_id: placement.person_id, post_id: placement.post_id, start_date: placement.start_date,
      agreement_end_date: placement.agreement_end_date, subsidy_fen: placement.subsidy_fen, exit_date: placement.exit_date ?? null,
      exit_reason: placement.exit_reason ?? null, replaces_placement_id: placement.replaces_placement_id ?? null, confirmed_warnings: placement.confirmed_warnings ?? null,
    };
    this.remember({
      id: row.id, personId: person.id, postId: post.id, startDate: row.start_date, agreementEndDate: row.agreement_end_date, exitDate: row.exit_date,
      name: person.name, householdNo: person.household_no, villageCode: post.village_code, postType: post.post_type,
    });
    return row;
  }
}
