// Demo payment history (`init --demo`): batches for 2022-03 to 2022-05, each sent and answered by the bank
// with a few realistic failures; the failed lines get a corrected card or a 重发 mark and are re-issued in
// the next month's batch (named as a correction of their month); 2022-05's failures wait for the 2022-06
// batch, which is not made: 2022-06 is approved and not yet sent. Batches go through the engine's own
// createBatch (minus backups, as the demo's approvals); the bank's answers are written as a return import
// would write them. Deterministic (DemoRandom), with fixed dates.
import type { EngineContext } from '../context';
import { DemoRandom } from './random';
import { createBatch, markSent } from '../payments/batches';
import { passesLuhn } from '../../../shared/domain/person';
import { requireSqlite } from '../db/database';

export const DEMO_BATCH_MONTHS = ['2022-03', '2022-04', '2022-05'];

/** What banks write back when a payment cannot be credited, with how often the demo sees each. */
const FAILURES: readonly (readonly [string, number])[] = [
  ['户名与账号不符', 3], ['账户已冻结', 2], ['账号不存在', 2], ['账户已销户', 1], ['卡片已挂失', 1], ['账户状态异常（久悬户）', 1],
];

function correctedCard(random: DemoRandom, old: string): string {
  let body = old.slice(0, 6);
  while (body.length < 18) body += String(random.int(0, 9));
  for (let d = 0; d <= 9; d++) if (passesLuhn(body + d)) return body + d;
  return body + '0';
}

export async function seedDemoPayments(ctx: EngineContext): Promise<{ batches: number; failed: number; reissued: number }> {
  const sqlite = requireSqlite(ctx.wdb, '示范数据');
  const random = new DemoRandom(20220415);
  const answer = sqlite.prepare('insert into payment_returns (line_id, batch_id, result, reason) values (?, ?, ?, ?)');
  let failed = 0;
  let reissued = 0;
  for (const month of DEMO_BATCH_MONTHS) {
    const { batch } = await createBatch(ctx, { month, retryFailed: true }, { demo: true });
    await markSent(ctx, batch.id);
    reissued += batch.reissues;
    const lines = sqlite.prepare('select id, person_id, card_number, retry_of_return_id from payment_lines where batch_id = ? order by seq').all(batch.id) as
      { id: number; person_id: number; card_number: string; retry_of_return_id: number | null }[];
    // A handful of first sends fail (a re-issue to a corrected card goes through).
    const failing = new Set<number>();
    const count = 4 + random.int(0, 3);
    while (failing.size < count) {
      const line = lines[random.int(0, lines.length - 1)]!;
      if (line.retry_of_return_id === null) failing.add(line.id);
    }
    sqlite.transaction(() => {
      for (const line of lines) {
        const reason = failing.has(line.id) ? random.weighted(FAILURES) : null;
        const returnId = Number(answer.run(line.id, batch.id, reason ? '失败' : '成功', reason).lastInsertRowid);
        if (!reason) continue;
        failed += 1;
        // The township clears it up: a new card for a wrong, closed or lost one; a 重发 mark once an account is unfrozen.
        if (reason === '账户已冻结' || reason.startsWith('账户状态异常')) {
          sqlite.prepare("update payment_returns set retry_marked_by = 'demo', retry_marked_at = ? where id = ?").run(`${month}-30T02:00:00.000Z`, returnId);
        } else {
          sqlite.prepare('update people set card_number = ?, updated_at = ? where id = ?').run(correctedCard(random, line.card_number), `${month}-30T02:00:00.000Z`, line.person_id);
        }
      }
      const [y, m] = month.split('-').map(Number) as [number, number];
      const next = `${m === 12 ? y + 1 : y}-${String(m === 12 ? 1 : m + 1).padStart(2, '0')}`;
      sqlite.prepare(`update payment_batches set status = '已回盘', created_at = ?, created_by = 'demo', sent_at = ?, sent_by = 'demo', returned_at = ? where id = ?`)
        .run(`${next}-05T01:00:00.000Z`, `${next}-05T03:00:00.000Z`, `${next}-10T08:00:00.000Z`, batch.id);
    })();
  }
  return { batches: DEMO_BATCH_MONTHS.length, failed, reissued };
}
