// What each import batch's file said (accepted rows, gzipped JSON), so 与上次对比 can compare a township's
// ledger with the one it sent before, including people who are unchanged or have gone missing.
// Frozen: never edit a migration that has shipped; add the next one.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createTable('import_snapshots')
    .addColumn('batch_id', 'integer', (c) => c.primaryKey().references('import_batches.id'))
    .addColumn('rows_gz', 'blob', (c) => c.notNull())
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only');
}
