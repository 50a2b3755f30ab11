// The demo payroll on the demo county's people with 2,434 placements: attendance, approved months, R4.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTempDb, type TempDb } from '../testing/temp-db';
import type { seedDemoPayroll } from './payroll';
import { payrollMonth } from '../payroll/payroll';
import { r2Model } from '../payroll/export';
import { dispatch } from '../dispatch';
import type { ChannelOutput } from '../../../shared/contract/schemas';
import { formatYuan, yuanInWords } from '../../../shared/domain/money';

describe('demo payroll', () => {
  let temp: TempDb;
  let seeded: Awaited<ReturnType<typeof seedDemoPayroll>>;
  const count = (sql: string) => (temp.ctx.wdb.sqlite.prepare(sql).get() as { n: number }).n;

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
    const days = temp.ctx.wdb.sqlite.prepare("select attended_days d from attendance where month = '2022-05'").all() as { d: number }[];
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

  it('writes R4 that LibreOffice opens with the right totals and capital numerals', async () => {
    const out = path.join(temp.dir, 'reports');
    const result = await dispatch(temp.ctx, 'reports.files', { report: 'R4', month: '2022-05' });
    if (!result.ok) throw new Error(result.error.message);
    fs.mkdirSync(out, { recursive: true });
    const files = (result.data as ChannelOutput<'reports.files'>).files.map((f) => {
      const file = path.join(out, f.fileName);
      fs.writeFileSync(file, Buffer.from(f.base64, 'base64'));
      return file;
    });
    expect(files.map((f) => path.basename(f))).toEqual(['R4_乡村公益性岗位补贴发放明细表_2022-05.xlsx', '代发清单_2022-05.xlsx']);
    const payroll = await payrollMonth(temp.ctx, '2022-05');

    // exceljs reads back what Excel would: IDs as text, money with #,##0.00, print setup.
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(files[0]!);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['汇总', ...temp.ctx.townships.map((t) => t.name)]);
    const first = workbook.worksheets[1]!;
    expect(first.getRow(3).values).toEqual([undefined, '序号', '乡镇', '村', '姓名', '身份证号', '卡号', '出勤天数', '应发', '扣减', '补发/扣回', '实发', '签字']);
    expect(typeof first.getCell(4, 5).value).toBe('string');
    expect(first.getCell(4, 5).value).toMatch(/^\d{17}[\dX]$/);
    expect(first.getCell(4, 8).numFmt).toBe('#,##0.00');
    expect(first.pageSetup).toMatchObject({ orientation: 'landscape', paperSize: 9, fitToWidth: 1, printTitlesRow: '3:3' });

    // LibreOffice, headless: every sheet to CSV, as formatted.
    execFileSync('soffice', ['--headless', '-env:UserInstallation=file://' + path.join(temp.dir, 'lo-profile'), '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1', '--outdir', out, files[0]!], { stdio: 'pipe', timeout: 120_000 });
    const summaryCsv = fs.readFileSync(path.join(out, 'R4_乡村公益性岗位补贴发放明细表_2022-05-汇总.csv'), 'utf8');
    const total = formatYuan(payroll.totals.netFen);
    expect(summaryCsv).toContain(`"${total}"`);
    expect(summaryCsv).toContain(`实发合计（大写）：${yuanInWords(payroll.totals.netFen)}`);
    const township = payroll.townships[0]!;
    const townshipCsv = fs.readFileSync(path.join(out, `R4_乡村公益性岗位补贴发放明细表_2022-05-${township.name}.csv`), 'utf8');
    const totalLine = townshipCsv.split('\n').find((l) => l.startsWith('合计'))!;
    expect(totalLine).toContain(`"${formatYuan(township.totals.netFen)}"`);
    expect(townshipCsv).toContain(yuanInWords(township.totals.netFen));
    expect(townshipCsv.split('\n').filter((l) => /^\d+,/.test(l))).toHaveLength(township.totals.lines);

    const bank = new ExcelJS.Workbook();
    await bank.xlsx.readFile(files[1]!);
    const rows = bank.worksheets[0]!.getSheetValues().slice(2) as unknown[][];
    expect(bank.worksheets[0]!.getRow(1).values).toEqual([undefined, '姓名', '卡号', '金额']);
    const bankFen = rows.reduce((sum, r) => sum + Math.round((r[3] as number) * 100), 0);
    expect(bankFen).toBe(payroll.lines.filter((l) => l.netFen > 0 && l.cardNumber).reduce((s, l) => s + l.netFen, 0));
  }, 180_000);

  it('builds R2 from the same payroll: this month and the year so far, per township and in total', async () => {
    const model = await r2Model(temp.ctx, '2022-06', '2022-07-05');
    const sheet = model.sheets[0]!;
    const total = sheet.rows.at(-1)!;
    expect(total.kind).toBe('total');
    const june = await payrollMonth(temp.ctx, '2022-06');
    // 本月发放金额 and 本年累计 (March to June, all approved) agree with the frozen lines.
    expect(total.cells[9]).toBe(june.totals.netFen);
    expect(total.cells[10]).toBe(count("select sum(net_fen) n from payroll_lines where month between '2022-01' and '2022-06'"));
    expect(total.cells[3]).toBe(2434);
    expect(total.cells[4]).toBe(june.lines.filter((l) => l.activeDays > 0).length);
    const dataRows = sheet.rows.filter((r) => r.kind === 'data');
    expect(dataRows).toHaveLength(temp.ctx.townships.length);
    for (const column of [3, 4, 5, 6, 7, 8, 9, 10]) expect(dataRows.reduce((n, r) => n + (r.cells[column] as number), 0)).toBe(total.cells[column]);
    expect(sheet.notes.some((n) => n.includes('未审核'))).toBe(false);
  });
});
