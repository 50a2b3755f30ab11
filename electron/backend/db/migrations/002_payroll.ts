// Payroll: approved lines keep who was paid, to which card, as it was at approval (the roster the bank and
// the auditors saw never changes when a person's record does), and the database itself refuses changes to
// attendance and adjustments of an approved township-month, whoever writes (screen, importer, script).
// Frozen: never edit a migration that has shipped; add the next one.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  for (const [name, type] of [
    ['person_id', 'integer'], ['name', 'text'], ['id_number', 'text'], ['card_number', 'text'],
    ['township_code', 'text'], ['village_code', 'text'], ['status', 'text'], ['active_days', 'integer'],
  ] as const) {
    await db.schema.alterTable('payroll_lines').addColumn(name, type).execute();
  }
  await db.schema.createIndex('payroll_lines_month_township').on('payroll_lines').columns(['month', 'township_code']).execute();
  await db.schema.createIndex('adjustments_month').on('adjustments').columns(['month', 'placement_id']).execute();
  await db.schema.createIndex('attendance_month').on('attendance').column('month').execute();

  const lockedFor = (row: 'NEW' | 'OLD') => `EXISTS (SELECT 1 FROM placements pl JOIN posts po ON po.id = pl.post_id
    JOIN payroll_months pm ON pm.township_code = po.township_code AND pm.month = ${row}.month
    WHERE pl.id = ${row}.placement_id AND pm.status = '已审核')`;
  for (const table of ['attendance', 'adjustments']) {
    await sql.raw(`CREATE TRIGGER ${table}_locked_insert BEFORE INSERT ON ${table} WHEN ${lockedFor('NEW')} BEGIN SELECT RAISE(ABORT, 'MONTH_LOCKED'); END`).execute(db);
    await sql.raw(`CREATE TRIGGER ${table}_locked_update BEFORE UPDATE ON ${table} WHEN ${lockedFor('OLD')} OR ${lockedFor('NEW')} BEGIN SELECT RAISE(ABORT, 'MONTH_LOCKED'); END`).execute(db);
    await sql.raw(`CREATE TRIGGER ${table}_locked_delete BEFORE DELETE ON ${table} WHEN ${lockedFor('OLD')} BEGIN SELECT RAISE(ABORT, 'MONTH_LOCKED'); END`).execute(db);
  }
  // Approved lines are never edited; only an administrator's reopening removes them (recorded in the audit log).
  await sql`CREATE TRIGGER payroll_lines_no_update BEFORE UPDATE ON payroll_lines BEGIN SELECT RAISE(ABORT, 'payroll lines are frozen'); END`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only');
}
