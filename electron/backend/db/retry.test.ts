// The retry of write transactions that lose a race on PostgreSQL (retry.ts): which errors are run again,
// how many times, and the coded refusal after the last attempt.
import { describe, expect, it } from 'vitest';
import { WorkbenchFailure } from '../failure';
import type { WorkbenchDb } from './database';
import { WRITE_ATTEMPTS, retryLostRaces, retryPause } from './retry';

const postgres = { dialect: 'postgres' } as WorkbenchDb;
const sqlite = { dialect: 'sqlite' } as WorkbenchDb;
const pgError = (code: string) => Object.assign(new Error(`pg ${code}`), { code });

/** An attempt that fails with these errors in turn, then answers 'done'. */
function failing(...errors: Error[]) {
  const seen: number[] = [];
  return { seen, attempt: async (n: number) => { seen.push(n); const error = errors[n]; if (error) throw error; return 'done'; } };
}

describe('retryLostRaces', () => {
  it('runs a deadlocked or unserialisable transaction again, and the next attempt decides', async () => {
    const run = failing(pgError('40P01'), pgError('40001'));
    await expect(retryLostRaces(postgres, run.attempt)).resolves.toBe('done');
    expect(run.seen).toEqual([0, 1, 2]);
  });

  it('gives up after WRITE_ATTEMPTS with the coded refusal the caller names', async () => {
    const run = failing(...Array.from({ length: WRITE_ATTEMPTS }, () => pgError('23505')));
    const refused = await retryLostRaces(postgres, run.attempt, { unique: true, failure: 'IMPORT_CONFLICT' }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(WorkbenchFailure);
    expect((refused as WorkbenchFailure).code).toBe('IMPORT_CONFLICT');
    expect((refused as WorkbenchFailure).message).toContain('另一位录入员');
    expect(run.seen).toHaveLength(WRITE_ATTEMPTS);
    expect(((refused as Error).cause as { code: string }).code).toBe('23505');
    await expect(retryLostRaces(postgres, failing(...Array.from({ length: WRITE_ATTEMPTS }, () => pgError('40P01'))).attempt)).rejects.toMatchObject({ code: 'WRITE_CONFLICT' });
  });

  it('pauses 20–100 ms at random before the second attempt, twice that before each further one', () => {
    expect([retryPause(1, () => 0), retryPause(1, () => 1)]).toEqual([20, 100]);
    expect([1, 2, 3, 4].map((lost) => retryPause(lost, () => 0.5))).toEqual([60, 120, 240, 480]);
  });

  it('a unique violation is run again only where the caller asked; other errors and SQLite never are', async () => {
    for (const [wdb, error, options] of [[postgres, pgError('23505'), {}], [postgres, pgError('23503'), { unique: true }], [postgres, new Error('bug'), {}], [sqlite, pgError('40P01'), {}]] as const) {
      const run = failing(error);
      await expect(retryLostRaces(wdb, run.attempt, options)).rejects.toBe(error);
      expect(run.seen).toEqual([0]);
    }
  });
});
