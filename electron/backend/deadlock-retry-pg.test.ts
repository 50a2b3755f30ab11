// On PostgreSQL two seats' transactions run side by side, and PostgreSQL ends one of two that wait for each
// other (a deadlock, 40P01). Two clerks' attendance entries of one township-month both hold it shared: they
// write their rows in one order (by placement), so they queue instead of deadlocking; an entry that does
// meet a deadlock (with another writer's order) must run again (db/retry.ts), not reach the clerk as an
// error. Only in unit-pg (SQLite runs one write transaction at a time and never deadlocks).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { dispatch } from './dispatch';
import { createContext, type EngineContext } from './context';
import { openDatabase, type PostgresStore } from './db/database';
import { createTempDb, type TempDb } from './testing/temp-db';
import { insertPlacements } from './testing/payroll-fixture';
import { queryRows } from './testing/store-sql';

const MONTH = '2022-05';

describe('attendance entries of one month meeting other writers of the same rows, on PostgreSQL', () => {
  let temp: TempDb;
  let second: PostgresStore;
  let gateDb: PostgresStore;
  let a: EngineContext;
  let b: EngineContext;
  let placed: Awaited<ReturnType<typeof insertPlacements>>;
  const entries = (days: number) => placed.map((p) => ({ placementId: p.placementId, attendedDays: days }));
  const daysStored = async () => (await queryRows<{ attended_days: number }>(temp.ctx.wdb, 'select distinct attended_days from attendance where month = ?', [MONTH]))
    .map((r) => Number(r.attended_days));
  const deadlocks = async (client: pg.PoolClient) => Number((await client.query('select deadlocks from pg_stat_database where datname = current_database()')).rows[0].deadlocks);
  /** Sessions of this database waiting for a lock of this kind (advisory: the month's; transactionid: a row another holds). */
  const waiting = async (client: pg.PoolClient, locktype: string) => Number((await client.query(
    'select count(*) n from pg_locks where locktype = $1 and not granted and pid in (select pid from pg_stat_activity where datname = current_database())', [locktype])).rows[0].n);

  beforeAll(async () => {
    temp = await createTempDb({ store: 'postgres' });
    placed = await insertPlacements(temp.ctx, Array.from({ length: 6 }, (_, i) => ({ name: `考勤${i}`, townshipIndex: 0 })));
    a = { ...temp.ctx, actor: { username: 'clerk-a', role: 'admin', townships: null } };
    // The second seat's sessions look for a deadlock only after 5 s of waiting (PostgreSQL's default is 1 s):
    // the forced deadlock below is then certain to be complete when this seat looks, however busy the machine.
    gateDb = await openDatabase(temp.file) as PostgresStore;
    await gateDb.pool.query(`alter database "${new URL(temp.file).pathname.slice(1)}" set deadlock_timeout = '5s'`);
    second = await openDatabase(temp.file) as PostgresStore;
    b = { ...await createContext(second), actor: { username: 'clerk-b', role: 'admin', townships: null } };
    const first = await dispatch(a, 'payroll.setAttendance', { month: MONTH, entries: entries(10) });
    expect(first.ok, JSON.stringify(first)).toBe(true);
  });
  afterAll(async () => { await gateDb.close(); await second.close(); await temp.cleanup(); });

  it('two entries of the same rows in opposite orders, let go at once: both are saved, whole', async () => {
    // Both entries are held at the month's lock until both wait for it, then let go at once: written in the
    // order given they would each take their first rows and wait for each other's.
    const gate = await gateDb.pool.connect();
    try {
      await gate.query('begin');
      await gate.query('select pg_advisory_xact_lock(hashtextextended($1, 0))', [`payroll-month:${MONTH}:${placed[0]!.townshipCode}`]);
      const saves = Promise.all([
        dispatch(a, 'payroll.setAttendance', { month: MONTH, entries: entries(20) }),
        dispatch(b, 'payroll.setAttendance', { month: MONTH, entries: entries(21).reverse() }),
      ]);
      await expect.poll(() => waiting(gate, 'advisory'), { timeout: 60_000 }).toBe(2);
      await gate.query('commit');
      const results = await saves;
      expect(results.map((r) => r.ok), JSON.stringify(results.filter((r) => !r.ok))).toEqual([true, true]);
    } finally {
      gate.release();
    }
    // Whichever ran last wrote all of its rows: never a mixture of the two entries.
    const days = await daysStored();
    expect(days).toHaveLength(1);
    expect([20, 21]).toContain(days[0]);
  });

  it('an entry PostgreSQL ends in a deadlock runs again and is saved', async () => {
    // Another writer (this test's own session) holds the last row, waits until the entry has written the rows
    // before it and waits for that one, then asks for the entry's first row: a deadlock. This session never
    // looks for deadlocks (60 s) and the entry's looks after 5 s: PostgreSQL ends the entry's transaction.
    const [first, last] = [placed[0]!.placementId, placed.at(-1)!.placementId].sort((x, y) => x - y);
    const gate = await gateDb.pool.connect();
    try {
      const deadlocksBefore = await deadlocks(gate);
      await gate.query('begin');
      await gate.query("set local deadlock_timeout = '60s'");
      await gate.query('update attendance set attended_days = attended_days where month = $1 and placement_id = $2', [MONTH, last]);
      const save = dispatch(b, 'payroll.setAttendance', { month: MONTH, entries: entries(22) });
      await expect.poll(() => waiting(gate, 'transactionid'), { timeout: 60_000 }).toBe(1);
      // Granted only once the entry's transaction has ended (it cannot commit while it waits for `last`).
      await gate.query('update attendance set attended_days = attended_days where month = $1 and placement_id = $2', [MONTH, first]);
      await gate.query('commit');
      const result = await save;
      expect(result.ok, JSON.stringify(result)).toBe(true);
      await expect.poll(() => deadlocks(gate), { timeout: 60_000 }).toBe(deadlocksBefore + 1);
    } finally {
      gate.release();
    }
    expect(await daysStored()).toEqual([22]);
  });
});
