// What 首页 and R2 count as paid (issue 12): a month's 实发 split by where it stands with the bank — confirmed
// (the only money counted as paid), 已报送未回盘, 发放失败, and not with the bank (未发送 and 暂缓) — county
// and per township, and the money the bank confirmed for each month of the year. R2 and `workbench summary`
// (首页) both read it, so the report and the screen agree.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { EngineContext } from '../context';
import type { PayrollLine } from '../../../shared/domain/payroll';
import { PAYROLL_STATUS } from '../../../shared/domain/payroll-lifecycle';
import { addMoney, countLineMoney, lineKey, noMoney, type MoneyWithBank } from '../../../shared/domain/payments';
import { readSendStates, sendsByLine } from './repository';
import { payrollMonth } from '../payroll/payroll';

export interface TownshipLines { code: string; status: string; lines: readonly PayrollLine[] }

/** The month's 实发 by where it stands with the bank, per township (R4's lines: frozen where approved). */
export async function moneyWithBank(db: Kysely<Database>, month: string, townships: readonly TownshipLines[]): Promise<Map<string, MoneyWithBank>> {
  const byLine = sendsByLine(await readSendStates(db, { months: [month] }));
  const result = new Map<string, MoneyWithBank>();
  for (const t of townships) {
    const money = noMoney();
    const approved = t.status === PAYROLL_STATUS.APPROVED;
    for (const line of t.lines) countLineMoney(money, line, approved, byLine.get(lineKey(month, line.placementId)) ?? []);
    result.set(t.code, money);
  }
  return result;
}

export function totalMoney(byTownship: Iterable<MoneyWithBank>): MoneyWithBank {
  const total = noMoney();
  for (const money of byTownship) addMoney(total, money);
  return total;
}

export interface MonthConfirmed {
  /** Confirmed by the bank for the payroll month (whichever batch carried it). */
  confirmedFen: number;
  /** Some of the month's money reached the bank (a batch reported, not voided): its point belongs on the chart. */
  withBank: boolean;
}

/** Per township, each payroll month of the year up to `month`: what the bank confirmed. */
export async function confirmedByMonth(db: Kysely<Database>, month: string, townships: readonly string[]): Promise<Map<string, Map<string, MonthConfirmed>>> {
  const rows = await db.selectFrom('payment_lines as l').innerJoin('payment_batches as b', 'b.id', 'l.batch_id').leftJoin('payment_returns as r', 'r.line_id', 'l.id')
    .select(['l.township_code as code', 'l.month', (eb) => eb.fn.sum<number>(eb.case().when('r.result', '=', '成功').then(eb.ref('l.amount_fen')).else(0).end()).as('fen')])
    .where('b.status', 'in', ['已报送银行', '已回盘']).where('l.month', '>=', `${month.slice(0, 4)}-01`).where('l.month', '<=', month)
    .where('l.township_code', 'in', townships.length ? [...townships] : [''])
    .groupBy(['l.township_code', 'l.month']).execute();
  const result = new Map<string, Map<string, MonthConfirmed>>();
  for (const r of rows) {
    const byMonth = result.get(r.code) ?? new Map<string, MonthConfirmed>();
    byMonth.set(r.month, { confirmedFen: Number(r.fen ?? 0), withBank: true });
    result.set(r.code, byMonth);
  }
  return result;
}

export const yearConfirmedFen = (byMonth: Map<string, MonthConfirmed> | undefined): number =>
  [...(byMonth?.values() ?? [])].reduce((n, m) => n + m.confirmedFen, 0);

export interface PaymentFigures extends MoneyWithBank {
  month: string;
  yearConfirmedFen: number;
  townships: (MoneyWithBank & { code: string; yearConfirmedFen: number })[];
}

/** The month's figures in the actor's scope, county and per township (as R2 and 首页 show them). */
export async function paymentFigures(ctx: EngineContext, month: string): Promise<PaymentFigures> {
  const payroll = await payrollMonth(ctx, month);
  const townships = payroll.townships.map((t) => ({ code: t.townshipCode, status: t.status, lines: payroll.lines.filter((l) => l.townshipCode === t.townshipCode) }));
  const [money, year] = await Promise.all([moneyWithBank(ctx.wdb.db, month, townships), confirmedByMonth(ctx.wdb.db, month, townships.map((t) => t.code))]);
  const rows = townships.map((t) => ({ code: t.code, ...money.get(t.code)!, yearConfirmedFen: yearConfirmedFen(year.get(t.code)) }));
  return { month, ...totalMoney(money.values()), yearConfirmedFen: rows.reduce((n, t) => n + t.yearConfirmedFen, 0), townships: rows };
}
