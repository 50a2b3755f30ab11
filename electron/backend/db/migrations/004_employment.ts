// Employment ledger (issue 7): the destination city beside the province, and indexes for the year views.
// Numbered 004: 002 (import, payroll) and 003 (placements) come from parallel work. Frozen once shipped.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // employment_records.destination (from 001) holds the province; the city gets its own column.
  await db.schema.alterTable('employment_records').addColumn('destination_city', 'text').execute();
  await db.schema.createIndex('employment_year').on('employment_records').columns(['year', 'person_id']).execute();
  await db.schema.createIndex('services_date').on('services').columns(['date', 'person_id']).execute();
  await db.schema.createIndex('trainings_year').on('trainings').column('year').execute();
  await db.schema.createIndex('trainees_person').on('trainees').column('person_id').execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only');
}
