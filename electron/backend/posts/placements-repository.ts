// Placements (上岗安置): one query shape (placement + person + post) with the filters the screens, the
// payroll, the employment ledger and the reports need — "active in a month", "active on a date",
// "of this person", "on this post", "in this household".
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database, NewPlacement, PlacementRow } from '../db/schema';
import { firstDayOf, lastDayOf } from '../../../shared/domain/month';

type Db = Kysely<Database> | Transaction<Database>;

export interface PlacementDetail {
  id: number;
  personId: number;
  postId: number;
  startDate: string;
  agreementEndDate: string;
  subsidyFen: number;
  exitDate: string | null;
  exitReason: string | null;
  replacesPlacementId: number | null;
  confirmedWarnings: string | null;
  // the person
  name: string;
  idNumber: string;
  sex: '男' | '女';
  birthDate: string;
  phone: string | null;
  cardNumber: string | null;
  bank: string | null;
  category: string;
  labourAbility: string;
  householdNo: string | null;
  personTownshipCode: string;
  personVillageCode: string;
  // the post
  postYear: number;
  postType: string;
  employingUnit: string;
  townshipCode: string;
  villageCode: string;
}

/** The last day on post, in SQL: the exit date when earlier than the agreement end. (A CASE rather than
 * SQLite's two-argument min(), which PostgreSQL spells least(): the same text on both stores.) */
const lastDay = sql<string>`case when pl.exit_date is not null and pl.exit_date < pl.agreement_end_date then pl.exit_date else pl.agreement_end_date end`;

function detailQuery(db: Db) {
  return db.selectFrom('placements as pl')
    .innerJoin('people as pe', 'pe.id', 'pl.person_id')
    .innerJoin('posts as po', 'po.id', 'pl.post_id')
    .select([
      'pl.id', 'pl.person_id as personId', 'pl.post_id as postId', 'pl.start_date as startDate',
      'pl.agreement_end_date as agreementEndDate', 'pl.subsidy_fen as subsidyFen', 'pl.exit_date as exitDate',
      'pl.exit_reason as exitReason', 'pl.replaces_placement_id as replacesPlacementId', 'pl.confirmed_warnings as confirmedWarnings',
      'pe.name', 'pe.id_number as idNumber', 'pe.sex', 'pe.birth_date as birthDate', 'pe.phone', 'pe.card_number as cardNumber',
      'pe.bank', 'pe.category', 'pe.labour_ability as labourAbility', 'pe.household_no as householdNo',
      'pe.township_code as personTownshipCode', 'pe.village_code as personVillageCode',
      'po.year as postYear', 'po.post_type as postType', 'po.employing_unit as employingUnit',
      'po.township_code as townshipCode', 'po.village_code as villageCode',
    ]);
}

type DetailQuery = ReturnType<typeof detailQuery>;

function inTownships(query: DetailQuery, townships: readonly string[] | null): DetailQuery {
  return townships ? query.where('po.township_code', 'in', townships.length ? [...townships] : ['']) : query;
}

const ROSTER_ORDER = (query: DetailQuery) => query.orderBy('po.township_code').orderBy('po.village_code').orderBy('pl.post_id').orderBy('pl.start_date');

/** Placements on post for at least one day between from and to (inclusive), in roster order. */
export async function placementsActiveBetween(db: Db, from: string, to: string, townships: readonly string[] | null = null): Promise<PlacementDetail[]> {
  const query = detailQuery(db).where('pl.start_date', '<=', to).where(lastDay, '>=', from);
  return ROSTER_ORDER(inTownships(query, townships)).execute();
}

/** Placements on post for at least one day of the month (YYYY-MM): the payroll's and R3's rows. */
export async function placementsActiveInMonth(db: Db, month: string, townships: readonly string[] | null = null): Promise<PlacementDetail[]> {
  return placementsActiveBetween(db, firstDayOf(month), lastDayOf(month), townships);
}

/** Placements on post on one day. */
export async function placementsActiveOn(db: Db, date: string, townships: readonly string[] | null = null): Promise<PlacementDetail[]> {
  return placementsActiveBetween(db, date, date, townships);
}

/** The person's placement on post on that day, if any (one post per person makes it at most one). */
export async function activePlacementOfPerson(db: Db, personId: number, date: string): Promise<PlacementDetail | undefined> {
  return detailQuery(db).where('pl.person_id', '=', personId).where('pl.start_date', '<=', date).where(lastDay, '>=', date).executeTakeFirst();
}

export async function getPlacement(db: Db, id: number): Promise<PlacementDetail | undefined> {
  return detailQuery(db).where('pl.id', '=', id).executeTakeFirst();
}

export async function placementsOfPerson(db: Db, personId: number): Promise<PlacementDetail[]> {
  return detailQuery(db).where('pl.person_id', '=', personId).orderBy('pl.start_date').execute();
}

/** The post's holders in order: the chain of 补岗. */
export async function placementsOfPost(db: Db, postId: number): Promise<PlacementDetail[]> {
  return detailQuery(db).where('pl.post_id', '=', postId).orderBy('pl.start_date').orderBy('pl.id').execute();
}

/** Placements of the other members of a household. */
export async function placementsOfHousehold(db: Db, householdNo: string, exceptPersonId: number): Promise<PlacementDetail[]> {
  return detailQuery(db).where('pe.household_no', '=', householdNo).where('pl.person_id', '!=', exceptPersonId).execute();
}

/** Every placement on the year's posts, in roster order. */
export async function placementsOfYear(db: Db, year: number, townships: readonly string[] | null = null): Promise<PlacementDetail[]> {
  return ROSTER_ORDER(inTownships(detailQuery(db).where('po.year', '=', year), townships)).execute();
}

export async function insertPlacement(db: Db, placement: Omit<NewPlacement, 'id' | 'created_at'>): Promise<PlacementRow> {
  return db.insertInto('placements').values(placement).returningAll().executeTakeFirstOrThrow();
}

export async function getPlacementRow(db: Db, id: number): Promise<PlacementRow | undefined> {
  return db.selectFrom('placements').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function recordExit(db: Db, id: number, exitDate: string, reason: string): Promise<PlacementRow> {
  return db.updateTable('placements').set({ exit_date: exitDate, exit_reason: reason }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}
