// 代发批次与回盘 (issue 12): numbered payment batches of approved payroll lines, the bank's answer per line
// from its return file, and the database's own guard that a payroll line is never in two live sends that
// are not failed, nor reopened (its frozen line deleted) while a live batch holds it.
// Frozen: never edit a migration that has shipped; add the next one.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createTable('payment_batches')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('batch_no', 'text', (c) => c.notNull().unique())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('已生成','已报送银行','已回盘','作废')`))
    .addColumn('line_count', 'integer', (c) => c.notNull())
    .addColumn('total_fen', 'integer', (c) => c.notNull())
    .addColumn('townships', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('sent_by', 'text')
    .addColumn('sent_at', 'text')
    .addColumn('returned_at', 'text')
    .addColumn('voided_by', 'text')
    .addColumn('voided_at', 'text')
    .addColumn('void_reason', 'text')
    .addUniqueConstraint('payment_batches_month_seq', ['month', 'seq'])
    .execute();

  await db.schema.createTable('payment_lines')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('batch_id', 'integer', (c) => c.notNull().references('payment_batches.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    // The payroll line sent: its month and placement (payroll_lines' own key, which survives a reopening).
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('placement_id', 'integer', (c) => c.notNull().references('placements.id'))
    .addColumn('person_id', 'integer', (c) => c.notNull().references('people.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('id_number', 'text', (c) => c.notNull())
    .addColumn('card_number', 'text', (c) => c.notNull())
    .addColumn('township_code', 'text', (c) => c.notNull())
    .addColumn('village_code', 'text', (c) => c.notNull())
    .addColumn('amount_fen', 'integer', (c) => c.notNull().check(sql`amount_fen > 0`))
    .addColumn('remark', 'text', (c) => c.notNull().defaultTo(''))
    // A re-issue points at the return row of the failed send: undoing that return is then refused.
    .addColumn('retry_of_return_id', 'integer', (c) => c.references('payment_returns.id'))
    .addUniqueConstraint('payment_lines_batch_seq', ['batch_id', 'seq'])
    .execute();
  await db.schema.createIndex('payment_lines_line').on('payment_lines').columns(['month', 'placement_id']).execute();
  await db.schema.createIndex('payment_lines_person').on('payment_lines').column('person_id').execute();

  await db.schema.createTable('payment_returns')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('line_id', 'integer', (c) => c.notNull().unique().references('payment_lines.id'))
    .addColumn('batch_id', 'integer', (c) => c.notNull().references('payment_batches.id'))
    .addColumn('result', 'text', (c) => c.notNull().check(sql`result in ('成功','失败')`))
    .addColumn('reason', 'text')
    .addColumn('import_batch_id', 'integer', (c) => c.references('import_batches.id'))
    .addColumn('row', 'integer')
    .addColumn('retry_marked_by', 'text')
    .addColumn('retry_marked_at', 'text')
    .execute();
  await db.schema.createIndex('payment_returns_batch').on('payment_returns').column('batch_id').execute();

  // Never twice: a new send of a payroll line while an earlier live send of it is not failed is refused.
  await sql`CREATE TRIGGER payment_lines_once BEFORE INSERT ON payment_lines WHEN EXISTS (
      SELECT 1 FROM payment_lines l JOIN payment_batches b ON b.id = l.batch_id
      LEFT JOIN payment_returns r ON r.line_id = l.id
      WHERE l.month = NEW.month AND l.placement_id = NEW.placement_id AND b.status <> '作废' AND (r.result IS NULL OR r.result <> '失败'))
    BEGIN SELECT RAISE(ABORT, 'PAYMENT_TWICE'); END`.execute(db);
  // A reopening deletes the frozen lines: refused while a live batch holds one of them.
  await sql`CREATE TRIGGER payroll_lines_in_batch BEFORE DELETE ON payroll_lines WHEN EXISTS (
      SELECT 1 FROM payment_lines l JOIN payment_batches b ON b.id = l.batch_id
      WHERE l.month = OLD.month AND l.placement_id = OLD.placement_id AND b.status <> '作废')
    BEGIN SELECT RAISE(ABORT, 'PAYMENT_BATCH_LIVE'); END`.execute(db);
  // The bank answers a batch once per line, and never a voided batch.
  await sql`CREATE TRIGGER payment_returns_live BEFORE INSERT ON payment_returns WHEN
      (SELECT status FROM payment_batches WHERE id = NEW.batch_id) = '作废'
      OR (SELECT batch_id FROM payment_lines WHERE id = NEW.line_id) <> NEW.batch_id
    BEGIN SELECT RAISE(ABORT, 'RETURN_BATCH_VOIDED'); END`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only');
}
