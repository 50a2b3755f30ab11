// The demo county's payment history: 2022-03..05 sent and answered with a few failures, each month's failures
// re-issued in the next batch, 2022-05's waiting for the 2022-06 batch, 2022-06 approved and not sent.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTempDb, type TempDb } from '../testing/temp-db';
import { paymentFigures } from '../payments/batches';
import { requireSqlite } from '../db/database';

describe('demo payment history', () => {
  let temp: TempDb;
  const all = <T>(sql: string, ...params: unknown[]) => requireSqlite(temp.ctx.wdb, 'test').prepare(sql).all(...params) as T[];
  beforeAll(async () => { temp = await createTempDb({ demo: true }); }, 120_000);
  afterAll(async () => { await temp.cleanup(); });

  it('has one answered batch per month 2022-03..05, each totalling its lines, and none for 2022-06', () => {
    const batches = all<{ batch_no: string; status: string; total_fen: number; line_count: number; sum: number; n: number }>(`select b.batch_no, b.status, b.total_fen, b.line_count,
      (select sum(amount_fen) from payment_lines where batch_id = b.id) sum, (select count(*) from payment_lines where batch_id = b.id) n from payment_batches b order by b.id`);
    expect(batches.map((b) => [b.batch_no, b.status])).toEqual([['202203-01', '已回盘'], ['202204-01', '已回盘'], ['202205-01', '已回盘']]);
    for (const b of batches) expect([b.sum, b.n]).toEqual([b.total_fen, b.line_count]);
  });

  it('re-issues each month\'s failures in the next batch, named as corrections', () => {
    const failures = (batchNo: string) => all<{ id: number; reason: string }>(`select r.id, r.reason from payment_returns r join payment_batches b on b.id = r.batch_id
      where b.batch_no = ? and r.result = '失败'`, batchNo);
    const reissues = (batchNo: string) => all<{ retry_of_return_id: number; remark: string }>(`select l.retry_of_return_id, l.remark from payment_lines l join payment_batches b on b.id = l.batch_id
      where b.batch_no = ? and l.retry_of_return_id is not null`, batchNo);
    for (const [failed, next] of [['202203-01', '202204-01'], ['202204-01', '202205-01']] as const) {
      const f = failures(failed);
      expect(f.length).toBeGreaterThanOrEqual(4);
      expect(f.every((x) => x.reason.length > 0)).toBe(true);
      expect(reissues(next).map((r) => r.retry_of_return_id).sort()).toEqual(f.map((x) => x.id).sort());
      expect(reissues(next).every((r) => r.remark.startsWith(`更正${failed.slice(0, 4)}-${failed.slice(4, 6)}发放；重发`))).toBe(true);
    }
    expect(failures('202205-01').length).toBeGreaterThanOrEqual(4);
  });

  it('counts as paid only what the bank confirmed: 2022-05\'s failures apart, 2022-06 all not yet sent', async () => {
    const may = await paymentFigures(temp.ctx.wdb.db, '2022-05');
    const failed = all<{ n: number; fen: number }>(`select count(*) n, sum(l.amount_fen) fen from payment_returns r join payment_lines l on l.id = r.line_id where r.result = '失败' and l.month = '2022-05'`)[0]!;
    expect(may.failed).toEqual({ lines: failed.n, fen: failed.fen });
    const sendable = all<{ n: number; fen: number }>("select count(*) n, sum(net_fen) fen from payroll_lines where month = ? and net_fen > 0 and card_number is not null and card_number <> ''", '2022-05')[0]!;
    expect(may.confirmed.fen + may.failed.fen).toBe(sendable.fen);
    const june = await paymentFigures(temp.ctx.wdb.db, '2022-06');
    const june6 = all<{ n: number; fen: number }>("select count(*) n, sum(net_fen) fen from payroll_lines where month = ? and net_fen > 0 and card_number is not null and card_number <> ''", '2022-06')[0]!;
    expect(june).toMatchObject({ confirmed: { lines: 0, fen: 0 }, notSent: { lines: june6.n, fen: june6.fen }, failed: { lines: 0, fen: 0 } });
    expect(june.yearConfirmedFen).toBe(may.yearConfirmedFen);
    const march = await paymentFigures(temp.ctx.wdb.db, '2022-03');
    const sendable3 = all<{ fen: number }>("select sum(net_fen) fen from payroll_lines where month = '2022-03' and net_fen > 0 and card_number is not null and card_number <> ''")[0]!;
    expect(march.confirmed.fen).toBe(sendable3.fen); // every 2022-03 failure was paid by its re-issue
  });
});
