// Employment ledger, 131 services, trainings and targets: reading and writing their rows.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database, EmploymentRecordRow } from '../db/schema';
import type { EmploymentForm, EmploymentInput, EmploymentStatus } from '../../../shared/domain/employment';
import type { ServiceInput, ServiceKind } from '../../../shared/domain/services';

type Db = Kysely<Database> | Transaction<Database>;

export function toEmploymentInput(row: EmploymentRecordRow): EmploymentInput {
  return {
    status: row.status as EmploymentStatus,
    form: row.form as EmploymentForm | null,
    destinationProvince: row.destination,
    destinationCity: row.destination_city,
    employer: row.employer,
    startMonth: row.start_month,
    monthsWorked: row.months_worked,
    avgIncomeFen: row.avg_income_fen,
    wantsWork: row.wants_work === null ? null : row.wants_work === 1,
    reasonNotEmployed: row.reason_not_employed,
  };
}

export function employmentColumns(input: EmploymentInput) {
  return {
    status: input.status,
    form: input.form,
    destination: input.destinationProvince,
    destination_city: input.destinationCity,
    employer: input.employer,
    start_month: input.startMonth,
    months_worked: input.monthsWorked,
    avg_income_fen: input.avgIncomeFen,
    wants_work: input.wantsWork === null ? null : input.wantsWork ? 1 : 0,
    reason_not_employed: input.reasonNotEmployed,
    updated_at: new Date().toISOString(),
  };
}

export async function getEmploymentRecord(db: Db, personId: number, year: number): Promise<EmploymentRecordRow | undefined> {
  return db.selectFrom('employment_records').selectAll().where('person_id', '=', personId).where('year', '=', year).executeTakeFirst();
}

/**
 * Creates or replaces the record of a person for a year (one per person and year). With `expectedVersion`
 * the replacement happens only over that version (null: only if there is no record yet); otherwise nothing
 * is written and undefined comes back. The comparison is in the statement itself, so two sessions racing
 * cannot both pass it (on PostgreSQL the second waits for the first's row and then sees the new version).
 */
export async function upsertEmploymentRecord(db: Db, personId: number, year: number, input: EmploymentInput, expectedVersion?: number | null): Promise<EmploymentRecordRow | undefined> {
  const columns = employmentColumns(input);
  return db.insertInto('employment_records').values({ person_id: personId, year, ...columns })
    .onConflict((oc) => {
      if (expectedVersion === undefined) return oc.columns(['person_id', 'year']).doUpdateSet(columns);
      const update = oc.columns(['person_id', 'year']).doUpdateSet({ ...columns, version: (expectedVersion ?? 0) + 1 });
      return expectedVersion === null ? update.where(sql<boolean>`1 = 0`) : update.where('employment_records.version', '=', expectedVersion);
    })
    .returningAll().executeTakeFirst();
}

export async function insertService(db: Db, input: ServiceInput, createdBy: string) {
  return db.insertInto('services').values({
    person_id: input.personId, date: input.date, kind: input.kind, employer: input.employer, post: input.post, note: input.note, created_by: createdBy,
  }).returningAll().executeTakeFirstOrThrow();
}

export async function getService(db: Db, id: number) {
  return db.selectFrom('services').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function deleteService(db: Db, id: number): Promise<void> {
  await db.deleteFrom('services').where('id', '=', id).execute();
}

export async function listServicesOf(db: Db, personId: number, year: number) {
  return db.selectFrom('services').selectAll().where('person_id', '=', personId)
    .where('date', '>=', `${year}-01-01`).where('date', '<=', `${year}-12-31`).orderBy('date').orderBy('id').execute();
}

export interface YearFacts {
  records: EmploymentRecordRow[];
  placements: { person_id: number; start_date: string; agreement_end_date: string; exit_date: string | null; subsidy_fen: number; employing_unit: string }[];
  services: { id: number; person_id: number; kind: ServiceKind; date: string }[];
  enrolments: { person_id: number; training_id: number; start_date: string; completed: number; certificate: string | null }[];
}

/** Everything recorded about a year, for the ledger to assemble in one pass. */
export async function loadYearFacts(db: Db, year: number): Promise<YearFacts> {
  const [records, placements, services, enrolments] = await Promise.all([
    db.selectFrom('employment_records').selectAll().where('year', '=', year).execute(),
    db.selectFrom('placements').innerJoin('posts', 'posts.id', 'placements.post_id')
      .select(['placements.person_id', 'placements.start_date', 'placements.agreement_end_date', 'placements.exit_date', 'placements.subsidy_fen', 'posts.employing_unit'])
      .where('placements.start_date', '<=', `${year}-12-31`).where('placements.agreement_end_date', '>=', `${year}-01-01`).execute(),
    db.selectFrom('services').select(['id', 'person_id', 'kind', 'date']).where('date', '>=', `${year}-01-01`).where('date', '<=', `${year}-12-31`).execute(),
    db.selectFrom('trainees').innerJoin('trainings', 'trainings.id', 'trainees.training_id')
      .select(['trainees.person_id', 'trainees.training_id', 'trainings.start_date', 'trainees.completed', 'trainees.certificate'])
      .where('trainings.year', '=', year).execute(),
  ]);
  return { records, placements, services, enrolments };
}

export interface YearTargets { county: number | null; townships: Map<string, number | null>; hasPolicy: boolean }

export async function loadTargets(db: Db, year: number): Promise<YearTargets> {
  const policy = await db.selectFrom('year_policies').select('employment_target').where('year', '=', year).executeTakeFirst();
  const plans = await db.selectFrom('township_plans').select(['township_code', 'employment_target']).where('year', '=', year).execute();
  return { county: policy?.employment_target ?? null, townships: new Map(plans.map((p) => [p.township_code, p.employment_target])), hasPolicy: policy !== undefined };
}

/** Sets the county target (on the year policy) and each township's (on its plan row, leaving its post plan alone). */
export async function saveTargets(db: Db, year: number, county: number | null, townships: readonly { code: string; target: number | null }[]): Promise<void> {
  await db.updateTable('year_policies').set({ employment_target: county }).where('year', '=', year).execute();
  for (const t of townships) {
    await db.insertInto('township_plans').values({ year, township_code: t.code, planned_posts: null, employment_target: t.target })
      .onConflict((oc) => oc.columns(['year', 'township_code']).doUpdateSet({ employment_target: t.target })).execute();
  }
}
