// Each payroll line's payment state (已发放 / 发放失败（原因） / 已报送未回盘 / …), for 考勤发放 and `workbench
// payroll`, and the guard of an administrator's reopening. No import of payroll/: payroll imports this.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { PayrollLine } from '../../../shared/domain/payroll';
import { lineKey, linePayment, type LinePayment } from '../../../shared/domain/payments';
import { splitTransfer, WITHHOLD_REMARKS } from '../../../shared/domain/transfer';
import { readSendStates, sendsByLine } from './repository';

/** Each line's payment state, for 考勤发放 and `workbench payroll`: a line never sent says why (暂缓发放 reason). */
export async function linePayments(db: Kysely<Database>, month: string, lines: readonly PayrollLine[], approvedTownships: ReadonlySet<string>): Promise<Map<number, LinePayment>> {
  const byLine = sendsByLine(await readSendStates(db, { months: [month] }));
  const result = new Map<number, LinePayment>();
  for (const line of lines) {
    const payment = linePayment(byLine.get(lineKey(month, line.placementId)) ?? []);
    if (payment.state === '未发送') {
      const split = splitTransfer(line, approvedTownships.has(line.townshipCode));
      payment.reason = split.reason ? WITHHOLD_REMARKS[split.reason] : null;
    }
    result.set(line.placementId, payment);
  }
  return result;
}

/** The live batch holding lines of a township-month, if any: a reopening must wait until it is voided. */
export async function liveBatchHolding(db: Kysely<Database>, month: string, townshipCode: string): Promise<{ batchNo: string; status: string; lines: number } | null> {
  const row = await db.selectFrom('payment_lines as l').innerJoin('payment_batches as b', 'b.id', 'l.batch_id')
    .select(['b.batch_no as batchNo', 'b.status', (eb) => eb.fn.countAll<number>().as('lines')])
    .where('l.month', '=', month).where('l.township_code', '=', townshipCode).where('b.status', '<>', '作废')
    .groupBy('b.id').orderBy('b.id').executeTakeFirst();
  return row ? { batchNo: row.batchNo, status: row.status, lines: Number(row.lines) } : null;
}
