// Write transactions that lose a race on PostgreSQL run again (issue 16). Seats' transactions there run side
// by side, and PostgreSQL ends one of two that wait for each other (deadlock, 40P01) or cannot both be
// serialised (40001): the loser wrote nothing, and run again it reads what the winner committed and decides
// on that — as the second of two seats on SQLite does (its transactions run one at a time and never lose).
// A unique violation (23505) is such a race too where a transaction checks that a record is new and then
// inserts it (two imports registering the same person): run again, its check finds the record. That one is
// retried only where the caller says so, since elsewhere it is a bug that must show as one.
import type { Transaction } from 'kysely';
import type { ErrorCode } from '../../../shared/domain/errors';
import { WorkbenchFailure } from '../failure';
import type { Database } from './schema';
import type { WorkbenchDb } from './database';

/** How many times a write is tried in all before the user is told another seat is in the way. */
export const WRITE_ATTEMPTS = 5;

/**
 * The pause (ms) before the next attempt after the `lost`-th lost race: 20–100 ms at random, doubled after
 * each further loss (at most 1.5 s in all over five attempts). Run again at once, the loser of a deadlock can
 * take its first row while the winner is still midway and deadlock with it again, and again: under load CI
 * saw one entry lose three times in a row. Waiting lets the winner commit first; the randomness keeps two
 * losers from meeting in step again; the doubling gives a busy machine more time.
 */
export function retryPause(lost: number, random: () => number = Math.random): number {
  return Math.round((20 + 80 * random()) * 2 ** (lost - 1));
}

const LOST_RACE = new Set(['40001', '40P01']);

export interface RetryOptions {
  /** Also run again on a unique violation (a check-then-insert that another seat's insert overtook). */
  unique?: boolean;
  /** The refusal once every attempt lost (default WRITE_CONFLICT). */
  failure?: ErrorCode;
}

/** A PostgreSQL error that says the transaction lost a race with another and may simply run again. */
export function lostRace(error: unknown, unique = false): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (LOST_RACE.has(code) || (unique && code === '23505'));
}

/** A unique constraint refused a row, on either store (SQLite's driver code, PostgreSQL's SQLSTATE). */
export function uniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

/**
 * Runs `attempt` (all of a write: its transaction, and whatever must be read again before it) and, on
 * PostgreSQL, again after a short pause (retryPause) while it loses a race, at most WRITE_ATTEMPTS times in
 * all; then a coded refusal.
 * `attempt` gets its number (0 first), so what the first run consumed can be made again for the next.
 */
export async function retryLostRaces<T>(wdb: WorkbenchDb, attempt: (n: number) => Promise<T>, options: RetryOptions = {}): Promise<T> {
  for (let n = 0; ; n++) {
    try {
      return await attempt(n);
    } catch (error) {
      if (wdb.dialect !== 'postgres' || !lostRace(error, options.unique)) throw error;
      if (n + 1 >= WRITE_ATTEMPTS) {
        // The last loss kept as the cause: a unique violation that no retry resolves would be a bug, not a race.
        const failure = new WorkbenchFailure(options.failure ?? 'WRITE_CONFLICT');
        failure.cause = error;
        throw failure;
      }
      await new Promise((resolve) => setTimeout(resolve, retryPause(n + 1)));
    }
  }
}

/** One write transaction, run again on PostgreSQL while it loses a race with another seat's (retryLostRaces). */
export function writeTransaction<T>(wdb: WorkbenchDb, work: (trx: Transaction<Database>) => Promise<T>, options: RetryOptions = {}): Promise<T> {
  return retryLostRaces(wdb, () => wdb.db.transaction().execute(work), options);
}
