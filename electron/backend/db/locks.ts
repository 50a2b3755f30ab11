// Locks for writes that two users may make at once (issue 16). On SQLite every write transaction already
// runs alone (BEGIN IMMEDIATE takes the one write lock before its first read), so these are no-ops there.
// On PostgreSQL transactions run side by side under READ COMMITTED: an approval, an attendance entry and a
// payment batch of the same township-month take a transaction-scoped advisory lock on it, so the second
// waits for the first to commit and then reads what it wrote. An advisory lock needs no row (an open
// township-month has none in payroll_months) and is released with the transaction whatever happens.
import { PostgresAdapter, sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from './schema';

type Db = Kysely<Database> | Transaction<Database>;

export function isPostgres(db: Db): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/**
 * Holds township-months for the rest of the transaction: `exclusive` for what changes a state or freezes
 * lines (submit, approve, return, reopen, a payment batch), `shared` for what changes attendance (many
 * clerks' entries may go together, never beside an approval). Taken in one sorted order, so two
 * transactions that need the same several months cannot each hold one and wait for the other.
 */
export async function lockTownshipMonths(trx: Transaction<Database>, months: readonly { month: string; townshipCode: string }[], mode: 'exclusive' | 'shared'): Promise<void> {
  await lockKeys(trx, months.map((m) => `payroll-month:${m.month}:${m.townshipCode}`), mode);
}

/** Transaction-scoped advisory locks on named things (PostgreSQL), in sorted order; nothing on SQLite. */
export async function lockKeys(trx: Transaction<Database>, names: readonly string[], mode: 'exclusive' | 'shared'): Promise<void> {
  if (!isPostgres(trx)) return;
  for (const key of [...new Set(names)].sort()) {
    if (mode === 'exclusive') await sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`.execute(trx);
    else await sql`select pg_advisory_xact_lock_shared(hashtextextended(${key}, 0))`.execute(trx);
  }
}
