// The same county on both stores (issue 16): the demo county built on SQLite and on PostgreSQL gives the
// same reports R1–R5 (figures and every sheet cell), the same 首页 summary and the same people list; and the
// database's guards hold on PostgreSQL as on SQLite when the engine writes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from './dispatch';
import { createTempDb, type TempDb } from './testing/temp-db';
import type { EngineContext } from './context';
import { queryNumber, queryRows } from './testing/store-sql';

async function ok<T>(ctx: EngineContext, channel: string, input: unknown): Promise<T> {
  const result = await dispatch(ctx, channel, input);
  if (!result.ok) throw new Error(`${channel} refused: ${result.error.code} ${result.error.message}`);
  return result.data as T;
}

const REPORTS = ['R1', 'R2', 'R3', 'R4', 'R5'] as const;

describe('the demo county on SQLite and on PostgreSQL', () => {
  let sqlite: TempDb;
  let postgres: TempDb;

  beforeAll(async () => {
    [sqlite, postgres] = await Promise.all([createTempDb({ demo: true, store: 'sqlite' }), createTempDb({ demo: true, store: 'postgres' })]);
  }, 300_000);
  afterAll(async () => { await sqlite?.cleanup(); await postgres?.cleanup(); });

  it('has the same rows in every table', async () => {
    expect(postgres.ctx.wdb.dialect).toBe('postgres');
    for (const table of ['people', 'posts', 'placements', 'attendance', 'payroll_months', 'payroll_lines', 'payment_batches', 'payment_lines', 'payment_returns', 'employment_records', 'audit_log']) {
      const count = `select count(*) n from ${table}`;
      expect(await queryNumber(postgres.ctx.wdb, count), table).toBe(await queryNumber(sqlite.ctx.wdb, count));
    }
    const fen = "select sum(net_fen) n from payroll_lines where month = '2022-06'";
    expect(await queryNumber(postgres.ctx.wdb, fen)).toBe(await queryNumber(sqlite.ctx.wdb, fen));
    expect(await queryNumber(sqlite.ctx.wdb, fen)).toBeGreaterThan(0);
  });

  it.each(REPORTS)('gives the same %s for 2022-06: figures and every cell', async (report) => {
    const [a, b] = await Promise.all([sqlite, postgres].map((t) => ok<{ figures: unknown; sheets: unknown }>(t.ctx, 'reports.preview', { report, month: '2022-06' })));
    expect(b!.figures).toEqual(a!.figures);
    expect(b!.sheets).toEqual(a!.sheets);
  });

  it('gives the same 首页 summary, payroll month and people list', async () => {
    for (const [channel, input] of [['reports.summary', { month: '2022-06' }], ['payroll.month', { month: '2022-06' }], ['people.list', { ageOn: '2022-06-30' }]] as const) {
      const [a, b] = await Promise.all([sqlite, postgres].map((t) => ok(t.ctx, channel, input)));
      expect(b, channel).toEqual(a);
    }
  });

  it('refuses attendance of an approved month in the engine and in the database, on PostgreSQL too', async () => {
    const ctx = postgres.ctx;
    const [line] = await queryRows<{ placement_id: number }>(ctx.wdb, "select placement_id from payroll_lines where month = '2022-06' limit 1");
    const result = await dispatch(ctx, 'payroll.setAttendance', { month: '2022-06', entries: [{ placementId: line!.placement_id, attendedDays: 1 }] });
    expect(result.ok ? 'accepted' : result.error.code).toBe('MONTH_LOCKED');
    await expect(queryRows(ctx.wdb, "delete from attendance where month = '2022-06' and placement_id = ?", [line!.placement_id])).rejects.toThrow('MONTH_LOCKED');
    await expect(queryRows(ctx.wdb, "delete from payroll_lines where month = '2022-03'")).rejects.toThrow('PAYMENT_BATCH_LIVE');
  });
});
