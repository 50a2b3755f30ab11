// Placing a person on a post, in the engine: reads what the pure rules (shared/domain/eligibility.ts) need —
// the person, the post, the year's policy, the placements of the person, the post and the household — runs
// them, and writes in the caller's transaction. The 上岗安置 screen and the placements import both come
// through here, so a row from a township file meets exactly the rules a clerk meets on screen.
import type { Kysely, Transaction } from 'kysely';
import type { Database, NewPlacement, NewPost, PersonRow, PostRow, PlacementRow } from '../db/schema';
import { checkPlacement, type OtherPlacement, type PlacementCheck } from '../../../shared/domain/eligibility';
import { isIsoDate } from '../../../shared/domain/dates';
import { lastDayOnPost, overlaps, defaultAgreementEnd } from '../../../shared/domain/placement';
import { checkPostQuota, defaultEmployingUnit, isPostType, POST_TYPES } from '../../../shared/domain/posts';
import { workbenchError, type ErrorCode, type WorkbenchError } from '../../../shared/domain/errors';
import { parseIdNumber } from '../../../shared/domain/id-number';
import { formatYuan } from '../../../shared/domain/money';
import type { TownshipPlan, YearPolicy } from '../../../shared/domain/policy';
import { WorkbenchFailure } from '../failure';
import { findPersonByIdNumber, getPerson } from '../people/repository';
import { getPost, insertPost, listPosts, postCountsByTownship } from './posts-repository';
import { getPolicy, listTownshipPlans } from './policies-repository';
import { insertPlacement, placementsOfHousehold, placementsOfPerson, placementsOfPost, type PlacementDetail } from './placements-repository';

type Db = Kysely<Database> | Transaction<Database>;

/** A placement as the rules see it: its period, the holder's name, the post's village and type. */
export type PlacedPeriod = Pick<PlacementDetail, 'id' | 'name' | 'startDate' | 'agreementEndDate' | 'exitDate' | 'villageCode' | 'postType'>;

/**
 * What placing reads and writes. The database (the 上岗安置 screen, one person at a time) or an import's
 * ledger in memory (placing-ledger.ts: loaded once per file, so 200 rows are not 3,000 queries); the rules
 * below are the same for both.
 */
export interface PlacingLedger {
  personByIdNumber(idNumber: string): Promise<PersonRow | undefined>;
  policy(year: number): Promise<YearPolicy | null>;
  /** The year's posts of a township, by village then id. */
  postsOf(year: number, townshipCode: string): Promise<PostRow[]>;
  /** The person's placements by start date. */
  placementsOfPerson(personId: number): Promise<PlacedPeriod[]>;
  /** The post's holders by start date then id. */
  placementsOfPost(postId: number): Promise<PlacedPeriod[]>;
  placementsOfHousehold(householdNo: string, exceptPersonId: number): Promise<PlacedPeriod[]>;
  townshipPlans(year: number): Promise<TownshipPlan[]>;
  postCountsByTownship(year: number): Promise<Map<string, number>>;
  insertPost(post: Omit<NewPost, 'id' | 'created_at'>): Promise<PostRow>;
  /** Takes back a post inserted for a row that was then refused. */
  deletePost(post: PostRow): Promise<void>;
  insertPlacement(placement: Omit<NewPlacement, 'id' | 'created_at'>, person: PersonRow, post: PostRow): Promise<PlacementRow>;
}

/** The ledger as the database holds it, read and written in the caller's transaction. */
export function databaseLedger(db: Db): PlacingLedger {
  return {
    personByIdNumber: (idNumber) => findPersonByIdNumber(db, idNumber),
    policy: (year) => getPolicy(db, year),
    postsOf: (year, townshipCode) => listPosts(db, year, [townshipCode]),
    placementsOfPerson: (personId) => placementsOfPerson(db, personId),
    placementsOfPost: (postId) => placementsOfPost(db, postId),
    placementsOfHousehold: (householdNo, exceptPersonId) => placementsOfHousehold(db, householdNo, exceptPersonId),
    townshipPlans: (year) => listTownshipPlans(db, year),
    postCountsByTownship: (year) => postCountsByTownship(db, year),
    insertPost: (post) => insertPost(db, post),
    deletePost: async (post) => { await db.deleteFrom('posts').where('id', '=', post.id).execute(); },
    insertPlacement: (placement) => insertPlacement(db, placement),
  };
}

const ledgerOf = (source: Db | PlacingLedger): PlacingLedger => ('selectFrom' in source ? databaseLedger(source) : source);

/** Names of divisions for messages; the engine context provides it. */
export interface DivisionNames {
  townshipNameOf(code: string): string;
  villageNameOf(code: string): string;
}

/** A refusal whose Chinese message the rules composed already (one finding or several, joined). */
export class Refusal extends WorkbenchFailure {
  constructor(errors: readonly WorkbenchError[], details?: unknown) {
    super(errors[0]!.code as ErrorCode, {}, details);
    this.message = errors.map((e) => e.message).join('；');
  }
}

export interface PlaceRequest {
  personId: number;
  postId: number;
  startDate: string;
  /** Omitted: the policy's default for the start date. */
  agreementEndDate?: string;
}

export interface PlacementReview {
  check: PlacementCheck;
  person: PersonRow;
  post: PostRow;
  policy: YearPolicy | null;
}

const asOther = (p: PlacedPeriod): OtherPlacement => ({ name: p.name, startDate: p.startDate, agreementEndDate: p.agreementEndDate, exitDate: p.exitDate });

/** Runs every placement rule for a person and a post; writes nothing. */
export async function reviewPlacement(db: Db, names: DivisionNames, request: PlaceRequest): Promise<PlacementReview> {
  const person = await getPerson(db, request.personId);
  if (!person) throw new WorkbenchFailure('PERSON_NOT_FOUND');
  const post = await getPost(db, request.postId);
  if (!post) throw new WorkbenchFailure('NOT_FOUND');
  return reviewFor(databaseLedger(db), names, person, post, request.startDate, request.agreementEndDate);
}

async function reviewFor(ledger: PlacingLedger, names: DivisionNames, person: PersonRow, post: PostRow, startDate: string, agreementEndDate?: string): Promise<PlacementReview> {
  const policy = await ledger.policy(post.year);
  const [own, onPost, household] = await Promise.all([
    ledger.placementsOfPerson(person.id),
    ledger.placementsOfPost(post.id),
    person.household_no ? ledger.placementsOfHousehold(person.household_no, person.id) : Promise.resolve([]),
  ]);
  const check = checkPlacement({
    person: { name: person.name, category: person.category, labourAbility: person.labour_ability, birthDate: person.birth_date, villageCode: person.village_code, householdNo: person.household_no },
    post: { year: post.year, villageCode: post.village_code },
    policy,
    startDate,
    agreementEndDate,
    personPlacements: own.map(asOther),
    postPlacements: onPost.map(asOther),
    householdPlacements: household.map(asOther),
    villageName: (code) => names.villageNameOf(code),
  });
  return { check, person, post, policy };
}

/** The placement on the post that a new one follows: the latest one that ended before the new start. */
async function predecessorOn(ledger: PlacingLedger, postId: number, startDate: string): Promise<number | null> {
  const earlier = (await ledger.placementsOfPost(postId)).filter((p) => lastDayOnPost(p) < startDate);
  return earlier.length ? earlier[earlier.length - 1]!.id : null;
}

/**
 * Places a person (上岗, or 补岗 when the post had an earlier holder — linked by replaces_placement_id).
 * Refusals throw with every reason; warnings throw CONFIRMATION_REQUIRED unless the caller confirms them,
 * and the confirmed codes are stored on the placement. The subsidy is the policy's standard today, kept
 * by the placement whatever the policy says later. Call inside a transaction; the caller audits.
 */
export async function placePerson(trx: Db, names: DivisionNames, request: PlaceRequest, options: { confirmWarnings: boolean }): Promise<{ placement: PlacementRow; review: PlacementReview }> {
  const review = await reviewPlacement(trx, names, request);
  return { placement: await insertReviewed(databaseLedger(trx), review, request.startDate, options.confirmWarnings), review };
}

async function insertReviewed(ledger: PlacingLedger, review: PlacementReview, startDate: string, confirmWarnings: boolean): Promise<PlacementRow> {
  const { check, person, post, policy } = review;
  if (check.refusals.length > 0) throw new Refusal(check.refusals, { checks: check.checks });
  if (check.warnings.length > 0 && !confirmWarnings) {
    throw new WorkbenchFailure('CONFIRMATION_REQUIRED', { detail: check.warnings.map((w) => w.message).join('；') }, { checks: check.checks });
  }
  return ledger.insertPlacement({
    person_id: person.id,
    post_id: post.id,
    start_date: startDate,
    agreement_end_date: check.agreementEndDate!,
    subsidy_fen: policy!.monthlySubsidyFen,
    exit_date: null,
    exit_reason: null,
    replaces_placement_id: await predecessorOn(ledger, post.id, startDate),
    confirmed_warnings: check.warnings.length ? JSON.stringify(check.warnings.map((w) => w.code)) : null,
  }, person, post);
}

/** How many more posts the township and the county may develop in a year; null when the plans allow it. */
export async function quotaError(source: Db | PlacingLedger, names: DivisionNames, year: number, townshipCode: string, adding = 1): Promise<WorkbenchError | null> {
  const ledger = ledgerOf(source);
  const policy = await ledger.policy(year);
  if (!policy) return workbenchError('POLICY_MISSING', { year });
  const plans = await ledger.townshipPlans(year);
  const counts = await ledger.postCountsByTownship(year);
  return checkPostQuota({
    year,
    townshipName: names.townshipNameOf(townshipCode),
    townshipPlan: plans.find((p) => p.townshipCode === townshipCode)?.plannedPosts ?? null,
    townshipDeveloped: counts.get(townshipCode) ?? 0,
    countyPlan: policy.plannedPosts,
    countyDeveloped: [...counts.values()].reduce((a, b) => a + b, 0),
  }, adding);
}

// ---- The seam for the placements import (SPEC §4, issue 5) -------------------------------------------

/** One row of a township's placements file, after the importer has parsed cells (dates as YYYY-MM-DD). */
export interface PlacementRowInput {
  idNumber: string;
  name: string;
  townshipCode: string;
  villageCode: string;
  postType: string;
  startDate: string;
  /** Omitted or empty: the policy's default. */
  agreementEndDate?: string;
  /** The monthly standard the row states, if any; the policy's standard is what is stored. */
  subsidyFen?: number | null;
}

export type PlacementRowOutcome =
  | { outcome: 'created'; placement: PlacementRow; postCreated: PostRow | null; warnings: WorkbenchError[] }
  | { outcome: 'unchanged'; placementId: number; warnings: WorkbenchError[] }
  | { outcome: 'rejected'; errors: WorkbenchError[]; warnings: WorkbenchError[] };

/**
 * Places the person a row names. The post for (village, type) is a vacant one of the start date's year, or a
 * new one when the village has none and the plans allow it. Codes: ID_* from the ID, PERSON_NOT_FOUND,
 * NAME_MISMATCH, BAD_DATE, BAD_POST_TYPE, NOT_ELIGIBLE, ALREADY_PLACED, POST_OVER_PLAN, … Warnings (65+,
 * household, subsidy) ride along and count as confirmed by committing the batch. A row already in the
 * ledger (same person, start date, village and type) is unchanged, so a re-import changes nothing.
 * Call inside the batch's transaction (roll it back for a dry run); the importer records changes for undo.
 */
export async function placeImportedRow(source: Db | PlacingLedger, names: DivisionNames, row: PlacementRowInput): Promise<PlacementRowOutcome> {
  const ledger = ledgerOf(source);
  const rejected = (...errors: WorkbenchError[]): PlacementRowOutcome => ({ outcome: 'rejected', errors, warnings: [] });
  const id = parseIdNumber(row.idNumber);
  if (!id.ok) return rejected(id.error);
  const person = await ledger.personByIdNumber(id.value);
  if (!person) return rejected(workbenchError('PERSON_NOT_FOUND'));
  if (person.name !== row.name.trim()) return rejected(workbenchError('NAME_MISMATCH', { expected: person.name, actual: row.name.trim() }));
  for (const date of [row.startDate, row.agreementEndDate].filter((d): d is string => Boolean(d))) {
    if (!isIsoDate(date)) return rejected(workbenchError('BAD_DATE', { value: date }));
  }
  if (!isPostType(row.postType)) return rejected(workbenchError('BAD_POST_TYPE', { value: row.postType, allowed: POST_TYPES.join('/') }));

  const year = Number(row.startDate.slice(0, 4));
  const policy = await ledger.policy(year);
  if (!policy) return rejected(workbenchError('POLICY_MISSING', { year }));
  const warnings: WorkbenchError[] = [];
  if (row.subsidyFen != null && row.subsidyFen !== policy.monthlySubsidyFen) {
    warnings.push(workbenchError('SUBSIDY_DIFFERS', { value: formatYuan(row.subsidyFen), year, policy: formatYuan(policy.monthlySubsidyFen) }));
  }

  const villagePosts = (await ledger.postsOf(year, row.townshipCode)).filter((p) => p.village_code === row.villageCode && p.post_type === row.postType);
  const own = await ledger.placementsOfPerson(person.id);
  const same = own.find((p) => p.startDate === row.startDate && p.villageCode === row.villageCode && p.postType === row.postType);
  if (same) return { outcome: 'unchanged', placementId: same.id, warnings };

  const end = row.agreementEndDate || defaultAgreementEnd(policy, row.startDate);
  let post: PostRow | undefined;
  for (const candidate of villagePosts) {
    const holders = await ledger.placementsOfPost(candidate.id);
    if (!holders.some((h) => overlaps(h, row.startDate, end))) { post = candidate; break; }
  }
  let postCreated: PostRow | null = null;
  if (!post) {
    // Refuse on the person before growing the plan's count for nothing.
    const quota = await quotaError(ledger, names, year, row.townshipCode);
    if (quota) return rejected(quota);
    postCreated = await ledger.insertPost({
      year, township_code: row.townshipCode, village_code: row.villageCode, post_type: row.postType,
      employing_unit: defaultEmployingUnit(names.villageNameOf(row.villageCode)),
    });
    post = postCreated;
  }
  const review = await reviewFor(ledger, names, person, post, row.startDate, row.agreementEndDate || undefined);
  if (review.check.refusals.length > 0) {
    // A post made for this row goes again: nothing of a rejected row stays.
    if (postCreated) await ledger.deletePost(postCreated);
    return { outcome: 'rejected', errors: review.check.refusals, warnings: [...review.check.warnings, ...warnings] };
  }
  const placement = await insertReviewed(ledger, review, row.startDate, true);
  return { outcome: 'created', placement, postCreated, warnings: [...review.check.warnings, ...warnings] };
}
