// The demo payroll on the demo county's people with 2,434 placements: attendance, approved months, part months, R2.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTempDb, type TempDb } from '../testing/temp-db';
import type { seedDemoPayroll } from './payroll';
import { payrollMonth } from '../payroll/payroll';
import { buildReport } from '../reports/registry';
import { requireSqlite } from '../db/database';

describe('demo payroll', () => {
  let temp: TempDb;
  let seeded: Awaited<ReturnType<typeof seedDemoPayroll>>;
  const count = (sql: string) => (requireSqlite(temp.ctx.wdb, 'test').prepare(sql).get() as { n: number }).n;

  beforeAll(async () => {
    temp = await createTempDb({ demo: true });
    seeded = { attendance: count('select count(*) n from attendance'), approvedLines: count('select count(*) n from payroll_lines') };
  }, 120_000);
  afterAll(async () => { await temp.cleanup(); });

  it('enters attendance for 2022-03 to 2022-07 and approves the months up to 2022-06', () => {
    expect(seeded.approvedLines).toBe(4 * 2434);
    expect(seeded.attendance).toBe(count("select count(*) n from attendance where month between '2022-03' and '2022-07'"));
    expect(count("select count(distinct month) n from attendance")).toBe(5);
    expect(count("select count(*) n from payroll_lines where month = '2022-03'")).toBe(count("select count(*) n from placements pl join posts po on po.id = pl.post_id where po.year = 2022 and pl.start_date <= '2022-03-31'"));
    expect(count("select count(*) n from payroll_months where status = '已审核' and month <= '2022-06'")).toBe(4 * temp.ctx.townships.length);
    expect(count("select count(*) n from payroll_months where status = '已审核' and month = '2022-07'")).toBe(0);
    expect(count("select count(*) n from payroll_months where status = '已提交' and month = '2022-07'")).toBeGreaterThan(0);
  });

  it('is mostly full attendance, with some partial and a few zero', () => {
    const days = requireSqlite(temp.ctx.wdb, 'test').prepare("select attended_days d from attendance where month = '2022-05'").all() as { d: number }[];
    const full = days.filter((r) => r.d >= 22).length / days.length;
    const zero = days.filter((r) => r.d === 0).length;
    expect(full).toBeGreaterThan(0.8);
    expect(full).toBeLessThan(0.95);
    expect(zero).toBeGreaterThan(0);
    expect(zero / days.length).toBeLessThan(0.03);
  });

  it('shows the approved months as frozen: the computed payroll agrees with the frozen lines', async () => {
    const payroll = await payrollMonth(temp.ctx, '2022-05');
    expect(payroll.totals.netFen).toBe(count("select sum(net_fen) n from payroll_lines where month = '2022-05'"));
    expect(payroll.townships.every((t) => t.status === '已审核')).toBe(true);
    // Full attendance would be 158,210,000 fen for 2,434 placements; absences take a little off.
    expect(payroll.totals.payableFen).toBe(payroll.lines.length * 65000);
    expect(payroll.totals.netFen).toBeLessThan(payroll.totals.payableFen);
  });

  it('builds R2 from the same payroll: this month and the year so far, per township and in total', async () => {
    const { model } = await buildReport(temp.ctx, 'R2', '2022-06', { preparedOn: '2022-07-05', today: '2022-07-05' });
    const sheet = model.sheets[0]!;
    const total = sheet.rows.at(-1)!;
    expect(total.kind).toBe('total');
    const june = await payrollMonth(temp.ctx, '2022-06');
    // 本月发放金额 and 本年累计 (March to June, all approved): the frozen lines sent to a card.
    expect(total.cells[9]).toBe(june.lines.filter((l) => l.cardNumber && l.netFen > 0).reduce((n, l) => n + l.netFen, 0));
    expect(total.cells[10]).toBe(count("select sum(net_fen) n from payroll_lines where month between '2022-01' and '2022-06' and card_number is not null and card_number != '' and net_fen > 0"));
    expect(total.cells[11]).toBe(0);
    expect(total.cells[3]).toBe(2434);
    expect(total.cells[4]).toBe(june.lines.filter((l) => l.activeDays > 0).length);
    const dataRows = sheet.rows.filter((r) => r.kind === 'data');
    expect(dataRows).toHaveLength(temp.ctx.townships.length);
    for (const column of [3, 4, 5, 6, 7, 8, 9, 10, 11]) expect(dataRows.reduce((n, r) => n + (r.cells[column] as number), 0)).toBe(total.cells[column]);
    expect(sheet.notes.some((n) => n.includes('未审核'))).toBe(false);
  });

  it('has part months in July, every one checkable by hand from what R4 prints', async () => {
    const july = await payrollMonth(temp.ctx, '2022-07');
    const part = july.lines.filter((l) => l.status === 'paid' && l.activeDays < l.daysInMonth);
    expect(part.length).toBe(12);
    for (const l of part) {
      expect(l.payableFen).toBeLessThan(65000);
      const attended = l.attendedDays!;
      const byHand = attended >= l.requiredDays ? l.payableFen : Math.floor((2 * l.payableFen * attended + l.requiredDays) / (2 * l.requiredDays));
      expect(l.netFen - l.adjustmentFen).toBe(byHand);
    }
  });
});
