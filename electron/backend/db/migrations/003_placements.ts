// Placements remember which warnings the clerk confirmed (AGE_CONFIRM for someone 65+, HOUSEHOLD_PLACED,
// VILLAGE_MISMATCH), so payroll and audits can tell a confirmed case from an overlooked one; and the
// indexes the posts summary and the monthly queries use. Numbered 003: 002 belongs to the payroll work.
// Frozen once shipped.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('placements').addColumn('confirmed_warnings', 'text').execute();
  await db.schema.createIndex('posts_township').on('posts').columns(['year', 'township_code']).execute();
  await db.schema.createIndex('placements_dates').on('placements').columns(['start_date', 'agreement_end_date']).execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only');
}
