// The first schema: the whole domain model of SPEC §2, so later work extends it rather than rewrites it.
// Frozen: never edit a migration that has shipped; add the next one.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createTable('meta')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();

  await db.schema.createTable('divisions')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull().check(sql`level in ('county','township','village')`))
    .addColumn('parent_code', 'text', (c) => c.references('divisions.code'))
    .execute();
  await db.schema.createIndex('divisions_parent').on('divisions').column('parent_code').execute();

  await db.schema.createTable('division_aliases')
    .addColumn('alias', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull().references('divisions.code'))
    .addPrimaryKeyConstraint('division_aliases_pk', ['alias', 'code'])
    .execute();

  await db.schema.createTable('users')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('username', 'text', (c) => c.notNull().unique())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('clerk','manager','admin')`))
    .addColumn('password_hash', 'text')
    .addColumn('failed_attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', 'text')
    .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull().defaultTo(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`))
    .execute();

  await db.schema.createTable('user_townships')
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('township_code', 'text', (c) => c.notNull().references('divisions.code'))
    .addPrimaryKeyConstraint('user_townships_pk', ['user_id', 'township_code'])
    .execute();

  await db.schema.createTable('people')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('id_number', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('sex', 'text', (c) => c.notNull().check(sql`sex in ('男','女')`))
    .addColumn('birth_date', 'text', (c) => c.notNull())
    .addColumn('phone', 'text')
    .addColumn('township_code', 'text', (c) => c.notNull().references('divisions.code'))
    .addColumn('village_code', 'text', (c) => c.notNull().references('divisions.code'))
    .addColumn('household_no', 'text')
    .addColumn('relation', 'text')
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('labour_ability', 'text', (c) => c.notNull())
    .addColumn('card_number', 'text')
    .addColumn('bank', 'text')
    .addColumn('remark', 'text')
    .addColumn('name_initials', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull().defaultTo(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('people_township').on('people').columns(['township_code', 'village_code']).execute();
  await db.schema.createIndex('people_household').on('people').column('household_no').execute();

  await db.schema.createTable('year_policies')
    .addColumn('year', 'integer', (c) => c.primaryKey())
    .addColumn('monthly_subsidy_fen', 'integer', (c) => c.notNull().check(sql`monthly_subsidy_fen >= 0`))
    .addColumn('agreement_months', 'integer', (c) => c.notNull())
    .addColumn('first_paid_month', 'text', (c) => c.notNull())
    .addColumn('last_paid_month', 'text', (c) => c.notNull())
    .addColumn('planned_posts', 'integer', (c) => c.notNull())
    .addColumn('employment_target', 'integer')
    .addColumn('required_days', 'integer', (c) => c.notNull().defaultTo(22))
    .addColumn('min_age', 'integer', (c) => c.notNull().defaultTo(16))
    .addColumn('warn_age', 'integer', (c) => c.notNull().defaultTo(65))
    .addColumn('refuse_age', 'integer', (c) => c.notNull().defaultTo(70))
    .addColumn('household_rule', 'text', (c) => c.notNull().defaultTo('warn').check(sql`household_rule in ('warn','refuse')`))
    .addColumn('pay_rule', 'text', (c) => c.notNull().defaultTo('prorate').check(sql`pay_rule in ('prorate','per_day_deduction')`))
    .addColumn('deduction_per_day_fen', 'integer')
    .execute();

  await db.schema.createTable('township_plans')
    .addColumn('year', 'integer', (c) => c.notNull().references('year_policies.year'))
    .addColumn('township_code', 'text', (c) => c.notNull().references('divisions.code'))
    .addColumn('planned_posts', 'integer')
    .addColumn('employment_target', 'integer')
    .addPrimaryKeyConstraint('township_plans_pk', ['year', 'township_code'])
    .execute();

  await db.schema.createTable('posts')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('year', 'integer', (c) => c.notNull().references('year_policies.year'))
    .addColumn('township_code', 'text', (c) => c.notNull().references('divisions.code'))
    .addColumn('village_code', 'text', (c) => c.notNull().references('divisions.code'))
    .addColumn('post_type', 'text', (c) => c.notNull())
    .addColumn('employing_unit', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull().defaultTo(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`))
    .execute();
  await db.schema.createIndex('posts_village').on('posts').columns(['year', 'village_code']).execute();

  await db.schema.createTable('placements')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('person_id', 'integer', (c) => c.notNull().references('people.id'))
    .addColumn('post_id', 'integer', (c) => c.notNull().references('posts.id'))
    .addColumn('start_date', 'text', (c) => c.notNull())
    .addColumn('agreement_end_date', 'text', (c) => c.notNull())
    .addColumn('subsidy_fen', 'integer', (c) => c.notNull().check(sql`subsidy_fen >= 0`))
    .addColumn('exit_date', 'text')
    .addColumn('exit_reason', 'text')
    .addColumn('replaces_placement_id', 'integer', (c) => c.references('placements.id'))
    .addColumn('created_at', 'text', (c) => c.notNull().defaultTo(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`))
    .execute();
  await db.schema.createIndex('placements_person').on('placements').column('person_id').execute();
  await db.schema.createIndex('placements_post').on('placements').column('post_id').execute();

  await db.schema.createTable('attendance')
    .addColumn('placement_id', 'integer', (c) => c.notNull().references('placements.id'))
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('attended_days', 'integer', (c) => c.notNull().check(sql`attended_days >= 0`))
    .addColumn('batch_id', 'integer')
    .addPrimaryKeyConstraint('attendance_pk', ['placement_id', 'month'])
    .execute();

  await db.schema.createTable('payroll_months')
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('township_code', 'text', (c) => c.notNull().references('divisions.code'))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('未提交').check(sql`status in ('未提交','已提交','已审核')`))
    .addColumn('submitted_by', 'text')
    .addColumn('submitted_at', 'text')
    .addColumn('approved_by', 'text')
    .addColumn('approved_at', 'text')
    .addColumn('returned_reason', 'text')
    .addPrimaryKeyConstraint('payroll_months_pk', ['month', 'township_code'])
    .execute();

  await db.schema.createTable('payroll_lines')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('placement_id', 'integer', (c) => c.notNull().references('placements.id'))
    .addColumn('required_days', 'integer', (c) => c.notNull())
    .addColumn('attended_days', 'integer', (c) => c.notNull())
    .addColumn('payable_fen', 'integer', (c) => c.notNull())
    .addColumn('deduction_fen', 'integer', (c) => c.notNull())
    .addColumn('adjustment_fen', 'integer', (c) => c.notNull())
    .addColumn('net_fen', 'integer', (c) => c.notNull())
    .addUniqueConstraint('payroll_lines_unique', ['month', 'placement_id'])
    .execute();

  await db.schema.createTable('adjustments')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('placement_id', 'integer', (c) => c.notNull().references('placements.id'))
    .addColumn('amount_fen', 'integer', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('corrects_month', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull().defaultTo(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`))
    .execute();

  await db.schema.createTable('employment_records')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('person_id', 'integer', (c) => c.notNull().references('people.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('已就业','未就业','无劳动能力')`))
    .addColumn('form', 'text')
    .addColumn('destination', 'text')
    .addColumn('employer', 'text')
    .addColumn('start_month', 'text')
    .addColumn('months_worked', 'integer')
    .addColumn('avg_income_fen', 'integer')
    .addColumn('wants_work', 'integer')
    .addColumn('reason_not_employed', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('employment_person_year', ['person_id', 'year'])
    .execute();

  await db.schema.createTable('services')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('person_id', 'integer', (c) => c.notNull().references('people.id'))
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('guidance','job_offer','training_referral')`))
    .addColumn('employer', 'text')
    .addColumn('post', 'text')
    .addColumn('note', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('services_person').on('services').column('person_id').execute();

  await db.schema.createTable('trainings')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('trade', 'text', (c) => c.notNull())
    .addColumn('start_date', 'text', (c) => c.notNull())
    .addColumn('end_date', 'text', (c) => c.notNull())
    .addColumn('place', 'text')
    .addColumn('organiser', 'text')
    .execute();

  await db.schema.createTable('trainees')
    .addColumn('training_id', 'integer', (c) => c.notNull().references('trainings.id'))
    .addColumn('person_id', 'integer', (c) => c.notNull().references('people.id'))
    .addColumn('completed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('certificate', 'text')
    .addPrimaryKeyConstraint('trainees_pk', ['training_id', 'person_id'])
    .execute();

  await db.schema.createTable('import_batches')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('month', 'text')
    .addColumn('township_code', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull().defaultTo(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`))
    .addColumn('rows', 'integer', (c) => c.notNull())
    .addColumn('created', 'integer', (c) => c.notNull())
    .addColumn('updated', 'integer', (c) => c.notNull())
    .addColumn('unchanged', 'integer', (c) => c.notNull())
    .addColumn('rejected', 'integer', (c) => c.notNull())
    .addColumn('warnings', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('applied','undone')`))
    .execute();
  await db.schema.createIndex('import_batches_sha').on('import_batches').column('sha256').execute();

  await db.schema.createTable('import_changes')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('batch_id', 'integer', (c) => c.notNull().references('import_batches.id'))
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'integer', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('before_json', 'text')
    .addColumn('after_json', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('import_changes_batch').on('import_changes').column('batch_id').execute();
  await db.schema.createIndex('import_changes_entity').on('import_changes').columns(['entity', 'entity_id']).execute();

  await db.schema.createTable('audit_log')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('username', 'text', (c) => c.notNull())
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('before_json', 'text')
    .addColumn('after_json', 'text')
    .execute();
  // Append-only for everyone, administrators included: the database itself refuses edits.
  await sql`CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END`.execute(db);
  await sql`CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only');
}
