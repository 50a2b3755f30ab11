// The demo county's public-welfare posts (卢龙县's published figures): 2021's 2,227 posts and placements
// (9 months, 600.00, ended with the year) and 2022's 2,434 (10 months, 650.00), filled by eligible people of
// the post's own village, one per household, most under 65 and some 65–69 with the warning confirmed, and a
// few exits during 2022 — each on the last day of a month, replaced from the first of the next — so that
// every paid month of 2022 but July has exactly 2,434 people on post for the whole month (2,434 × 650.00 =
// 1,582,100.00). In July (the open month) a few holders leave mid-month and are replaced from the next day:
// part months, whose 应发 is the standard scaled to the days on post. Pure and deterministic: the seed
// writes what this returns.
import { ageOutcome, ELIGIBLE_CATEGORIES, INELIGIBLE_ABILITIES } from '../../../shared/domain/eligibility';
import { defaultAgreementEnd, paidWindow } from '../../../shared/domain/placement';
import { addDays } from '../../../shared/domain/dates';
import { ageOn } from '../../../shared/domain/id-number';
import { addMonths, lastDayOf } from '../../../shared/domain/month';
import { AGREEMENT_EXPIRED, defaultEmployingUnit, type ExitReason, type PostType } from '../../../shared/domain/posts';
import type { YearPolicy } from '../../../shared/domain/policy';
import { DemoRandom } from './random';

export interface DemoPerson {
  id: number;
  birthDate: string;
  category: string;
  labourAbility: string;
  householdNo: string | null;
  townshipCode: string;
  villageCode: string;
}

export interface DemoPost { key: number; year: number; townshipCode: string; villageCode: string; postType: PostType; employingUnit: string }

export interface DemoPlacement {
  key: number;
  personId: number;
  postKey: number;
  startDate: string;
  agreementEndDate: string;
  subsidyFen: number;
  exitDate: string | null;
  exitReason: string | null;
  replacesKey: number | null;
  confirmedWarnings: string[];
}

export interface DemoPosts { posts: DemoPost[]; placements: DemoPlacement[] }

const POST_TYPE_WEIGHTS: readonly (readonly [PostType, number])[] = [
  ['保洁', 34], ['护林', 14], ['道路养护', 12], ['村务协管', 10], ['河道巡查', 8], ['治安巡逻', 8],
  ['水利设施管护', 6], ['养老服务', 6], ['其他', 2],
];
const EXIT_WEIGHTS: readonly (readonly [ExitReason, number])[] = [
  ['外出务工', 50], ['本人申请', 25], ['不再符合条件', 10], ['考核不合格', 7], ['死亡', 5], ['其他', 3],
];
/** Share of 2022's first holders aged 65–69 on the start date (the county counts them as 就业困难人员). */
const SHARE_65_PLUS = 0.06;
export const DEMO_EXITS_2022 = 60;
/** Mid-month exits in the open month, each replaced from the next day: the part months of the demo. */
export const DEMO_PART_MONTH = { month: '2022-07', exits: 6 } as const;

const ageOf = (person: DemoPerson, date: string): number => ageOn(person.birthDate, date);

function canHoldPost(p: DemoPerson): boolean {
  return ELIGIBLE_CATEGORIES.includes(p.category) && !INELIGIBLE_ABILITIES.includes(p.labourAbility);
}

export function demoPosts(people: readonly DemoPerson[], policies: { 2021: YearPolicy; 2022: YearPolicy }, villageNames: ReadonlyMap<string, string>, seed = 5494): DemoPosts {
  const random = new DemoRandom(seed);
  const p2022 = policies[2022];
  const p2021 = policies[2021];
  const start2022 = paidWindow(p2022).first;
  const start2021 = paidWindow(p2021).first;

  // One candidate per household: someone under 65 on the start date where the household has one.
  const byHousehold = new Map<string, { young: DemoPerson[]; old: DemoPerson[] }>();
  for (const person of people) {
    if (!canHoldPost(person) || !person.householdNo) continue;
    const outcome = ageOutcome(p2022, ageOf(person, start2022)).outcome;
    if (outcome === 'refuse') continue;
    const entry = byHousehold.get(person.householdNo) ?? { young: [], old: [] };
    (outcome === 'pass' ? entry.young : entry.old).push(person);
    byHousehold.set(person.householdNo, entry);
  }
  const households = [...byHousehold.entries()].map(([no, e]) => ({ no, ...e, order: random.next() })).sort((a, b) => a.order - b.order);
  const withYoung = households.filter((h) => h.young.length > 0);
  const onlyOld = households.filter((h) => h.young.length === 0);
  const oldCount = Math.min(onlyOld.length, Math.round(p2022.plannedPosts * SHARE_65_PLUS));
  const chosen = [
    ...onlyOld.slice(0, oldCount).map((h) => random.pick(h.old)),
    ...withYoung.slice(0, p2022.plannedPosts - oldCount).map((h) => random.pick(h.young)),
  ];
  if (chosen.length < p2022.plannedPosts) throw new Error(`demo: only ${chosen.length} eligible households for ${p2022.plannedPosts} posts`);
  const usedHouseholds = new Set(chosen.map((p) => p.householdNo));
  // Replacements come from households not yet on a post, in the same village where possible.
  const reserve = withYoung.slice(p2022.plannedPosts - oldCount).map((h) => random.pick(h.young));

  const posts: DemoPost[] = [];
  const placements: DemoPlacement[] = [];
  const newPost = (year: number, person: DemoPerson, postType: PostType): DemoPost => {
    const post = { key: posts.length + 1, year, townshipCode: person.townshipCode, villageCode: person.villageCode, postType, employingUnit: defaultEmployingUnit(villageNames.get(person.villageCode) ?? '') };
    posts.push(post);
    return post;
  };
  const place = (person: DemoPerson, post: DemoPost, policy: YearPolicy, startDate: string, replacesKey: number | null): DemoPlacement => {
    const warnings: string[] = [];
    if (ageOutcome(policy, ageOf(person, startDate)).outcome === 'warn') warnings.push('AGE_CONFIRM');
    if (person.villageCode !== post.villageCode) warnings.push('VILLAGE_MISMATCH');
    const placement = {
      key: placements.length + 1, personId: person.id, postKey: post.key, startDate, agreementEndDate: defaultAgreementEnd(policy, startDate),
      subsidyFen: policy.monthlySubsidyFen, exitDate: null as string | null, exitReason: null as string | null, replacesKey, confirmedWarnings: warnings,
    };
    placements.push(placement);
    return placement;
  };

  // 2021: most of 2022's holders were already on post in 2021 (same village and post type); all ended with the year.
  const typeOf = new Map(chosen.map((person) => [person.id, random.weighted(POST_TYPE_WEIGHTS)]));
  const holders2021 = chosen.filter((person) => ageOutcome(p2021, ageOf(person, start2021)).outcome !== 'refuse').slice(0, p2021.plannedPosts);
  if (holders2021.length < p2021.plannedPosts) throw new Error('demo: too few holders for 2021');
  for (const person of holders2021) {
    const placement = place(person, newPost(2021, person, typeOf.get(person.id)!), p2021, start2021, null);
    placement.exitDate = placement.agreementEndDate;
    placement.exitReason = AGREEMENT_EXPIRED;
  }

  // 2022: every post filled from the first paid day.
  const first2022 = chosen.map((person) => place(person, newPost(2022, person, typeOf.get(person.id)!), p2022, start2022, null));

  // A few exits on the last day of a month, each replaced from the first of the next.
  const exitMonths = [];
  for (let m = p2022.firstPaidMonth; m < p2022.lastPaidMonth; m = addMonths(m, 1)) exitMonths.push(m);
  const leaving = first2022.map((p) => ({ p, order: random.next() })).sort((a, b) => a.order - b.order).slice(0, DEMO_EXITS_2022).map((x) => x.p);
  for (const holder of leaving) {
    const month = random.pick(exitMonths);
    holder.exitDate = lastDayOf(month);
    holder.exitReason = random.weighted(EXIT_WEIGHTS);
    const post = posts[holder.postKey - 1]!;
    const startDate = addDays(holder.exitDate, 1);
    const sameVillage = reserve.findIndex((p) => p.villageCode === post.villageCode && !usedHouseholds.has(p.householdNo) && ageOutcome(p2022, ageOf(p, startDate)).outcome === 'pass');
    const index = sameVillage >= 0 ? sameVillage : reserve.findIndex((p) => p.townshipCode === post.townshipCode && !usedHouseholds.has(p.householdNo) && ageOutcome(p2022, ageOf(p, startDate)).outcome === 'pass');
    if (index < 0) throw new Error('demo: no replacement available');
    const [replacement] = reserve.splice(index, 1);
    usedHouseholds.add(replacement!.householdNo);
    place(replacement!, post, p2022, startDate, holder.key);
  }
  // Part months: a few holders still on post leave in the middle of July; their successors start the next day.
  // A random of its own, so the exits above (and everything seeded from them) stay as they were.
  const partRandom = new DemoRandom(seed + 7);
  const stillOn = first2022.filter((p) => p.exitDate === null).map((p) => ({ p, order: partRandom.next() })).sort((a, b) => a.order - b.order).map((x) => x.p);
  for (const holder of stillOn.slice(0, DEMO_PART_MONTH.exits)) {
    holder.exitDate = `${DEMO_PART_MONTH.month}-${String(partRandom.int(8, 22)).padStart(2, '0')}`;
    holder.exitReason = partRandom.weighted(EXIT_WEIGHTS);
    const post = posts[holder.postKey - 1]!;
    const startDate = addDays(holder.exitDate, 1);
    const index = reserve.findIndex((p) => p.townshipCode === post.townshipCode && !usedHouseholds.has(p.householdNo) && ageOutcome(p2022, ageOf(p, startDate)).outcome === 'pass');
    if (index < 0) throw new Error('demo: no replacement available');
    const [replacement] = reserve.splice(index, 1);
    usedHouseholds.add(replacement!.householdNo);
    place(replacement!, post, p2022, startDate, holder.key);
  }
  return { posts, placements };
}
