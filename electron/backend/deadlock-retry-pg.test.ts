// On PostgreSQL two seats' transactions run side by side, and PostgreSQL ends one of two that wait for each
// other (a deadlock, 40P01). Two clerks' attendance entries of one township-month both hold it shared and
// may update the same rows in opposite orders: the loser must run again (db/retry.ts), not reach the clerk
// as INTERNAL. Only in unit-pg (SQLite runs one write transaction at a time and never deadlocks).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from './dispatch';
import { createContext, type EngineContext } from './context';
import { openDatabase, type PostgresStore } from './db/database';
import { createTempDb, type TempDb } from './testing/temp-db';
import { insertPlacements } from './testing/payroll-fixture';
import { queryRows } from './testing/store-sql';

const MONTH = '2022-05';

describe('two attendance entries of one month updating the same rows in opposite orders, at once', () => {
  let temp: TempDb;
  let second: PostgresStore;
  let gateDb: PostgresStore;
  let a: EngineContext;
  let b: EngineContext;
  let placed: Awaited<ReturnType<typeof insertPlacements>>;

  beforeAll(async () => {
    temp = await createTempDb({ store: 'postgres' });
    placed = await insertPlacements(temp.ctx, Array.from({ length: 6 }, (_, i) => ({ name: `考勤${i}`, townshipIndex: 0 })));
    a = { ...temp.ctx, actor: { username: 'clerk-a', role: 'admin', townships: null } };
    second = await openDatabase(temp.file) as PostgresStore;
    gateDb = await openDatabase(temp.file) as PostgresStore;
    b = { ...await createContext(second), actor: { username: 'clerk-b', role: 'admin', townships: null } };
  });
  afterAll(async () => { await gateDb.close(); await second.close(); await temp.cleanup(); });

  it('both entries are saved (the one PostgreSQL ended runs again) and every row holds the second\'s days', async () => {
    const entries = (days: number) => placed.map((p) => ({ placementId: p.placementId, attendedDays: days }));
    const first = await dispatch(a, 'payroll.setAttendance', { month: MONTH, entries: entries(10) });
    expect(first.ok, JSON.stringify(first)).toBe(true);
    // Both entries are held at the month's lock until both wait for it, then let go at once: each updates
    // its first rows before the other's, and in opposite orders they wait for each other.
    const gate = await gateDb.pool.connect();
    try {
      await gate.query('begin');
      await gate.query('select pg_advisory_xact_lock(hashtextextended($1, 0))', [`payroll-month:${MONTH}:${placed[0]!.townshipCode}`]);
      const saves = Promise.all([
        dispatch(a, 'payroll.setAttendance', { month: MONTH, entries: entries(20) }),
        dispatch(b, 'payroll.setAttendance', { month: MONTH, entries: entries(21).reverse() }),
      ]);
      await expect.poll(async () => Number((await gate.query("select count(*) n from pg_locks where locktype = 'advisory' and not granted and database = (select oid from pg_database where datname = current_database())")).rows[0].n), { timeout: 60_000 }).toBe(2);
      await gate.query('commit');
      const results = await saves;
      expect(results.map((r) => r.ok), JSON.stringify(results.filter((r) => !r.ok))).toEqual([true, true]);
    } finally {
      gate.release();
    }
    // Whichever ran last wrote all of its rows: never a mixture of the two entries.
    const days = await queryRows<{ attended_days: number }>(temp.ctx.wdb, 'select distinct attended_days from attendance where month = ?', [MONTH]);
    expect(days).toHaveLength(1);
    expect([20, 21]).toContain(Number(days[0]!.attended_days));
  });
});
