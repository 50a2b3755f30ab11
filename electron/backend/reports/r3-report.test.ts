// R3 乡村公益性岗位人员花名册 for the demo county, read back from the written file (exceljs) and opened by
// LibreOffice (headless conversion), and its 公示 version.
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTempDb, type TempDb } from '../testing/temp-db';
import { convertWithLibreOffice } from '../testing/libreoffice';
import { exportReport, r3Model } from './r3';

describe('R3 花名册', () => {
  let temp: TempDb;
  let fullFile: string;
  let publicFile: string;
  let exitsInJune: number;

  beforeAll(async () => {
    temp = await createTempDb({ demo: true });
    for (const version of ['full', 'public'] as const) {
      const written = await exportReport(temp.ctx, 'R3', await r3Model(temp.ctx, '2022-06', version, '2022-07-05'), { month: '2022-06', version });
      const file = path.join(temp.dir, written.fileName);
      fs.writeFileSync(file, written.buffer);
      if (version === 'full') fullFile = file; else publicFile = file;
    }
    exitsInJune = (temp.ctx.wdb.sqlite.prepare("select count(*) n from placements where exit_date between '2022-06-01' and '2022-06-30'").get() as { n: number }).n;
  }, 60_000);
  afterAll(async () => { await temp?.cleanup(); });

  async function sheetOf(file: string): Promise<ExcelJS.Worksheet> {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    return workbook.worksheets[0]!;
  }

  const rowValues = (sheet: ExcelJS.Worksheet, r: number) => (sheet.getRow(r).values as unknown[]).slice(1);

  it('has the merged title, the unit and month line, a two-row grouped header, and the print setup', async () => {
    const sheet = await sheetOf(fullFile);
    expect(path.basename(fullFile)).toBe('R3_乡村公益性岗位人员花名册_2022-06.xlsx');
    expect(sheet.getCell('A1').value).toBe('卢龙县乡村公益性岗位人员花名册');
    expect(sheet.getCell('A1').isMerged).toBe(true);
    expect(sheet.getCell('A1').font.name).toBe('宋体');
    expect([...new Set(rowValues(sheet, 2).filter(Boolean))]).toEqual(['填报单位：卢龙县人力资源和社会保障局', '报告期：2022年6月']);
    const top = rowValues(sheet, 3);
    const second = rowValues(sheet, 4);
    expect(top.slice(0, 9)).toEqual(['序号', '乡镇', '村', '姓名', '性别', '身份证号', '年龄', '人员类别', '联系电话']);
    expect(top[9]).toBe('岗位情况');
    expect(second.slice(9, 14)).toEqual(['岗位类型', '用工单位', '上岗日期', '协议截止日期', '月补贴标准（元）']);
    expect(top.slice(14)).toEqual(['社保卡号/银行卡号', '开户银行', '备注']);
    expect(sheet.getCell('A3').isMerged && sheet.getCell('A4').isMerged).toBe(true);
    expect(sheet.getCell('A5').border.top?.style).toBe('thin');
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 4 });
    expect(sheet.pageSetup).toMatchObject({ orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '3:4' });
  });

  it('lists the 2,434 people on post in June, by township with subtotals and the county total of 1,582,100.00', async () => {
    const sheet = await sheetOf(fullFile);
    const rows: unknown[][] = [];
    sheet.eachRow((row, n) => { if (n > 4) rows.push((row.values as unknown[]).slice(1)); });
    const data = rows.filter((r) => typeof r[0] === 'number');
    // Exits on 30 June are still on post in June; their replacements start in July.
    expect(data).toHaveLength(2434);
    expect(data.map((r) => r[0])).toEqual(Array.from({ length: 2434 }, (_v, i) => i + 1));
    for (const row of data.slice(0, 50)) {
      expect(typeof row[5]).toBe('string');
      expect(row[5]).toMatch(/^\d{17}[\dX]$/);
      expect(row[13]).toBe(650);
    }
    const subtotals = rows.filter((r) => typeof r[1] === 'string' && (r[1] as string).endsWith('小计'));
    expect(subtotals).toHaveLength(12);
    expect(subtotals.reduce((sum, r) => sum + (r[13] as number), 0)).toBeCloseTo(1_582_100, 2);
    const total = rows.find((r) => r[1] === '卢龙县合计')!;
    expect(total[3]).toBe('2434人');
    expect(total[13]).toBe(1_582_100);
    const totalRow = sheet.getRow(4 + rows.indexOf(total) + 1);
    expect(totalRow.getCell(14).numFmt).toBe('#,##0.00');
    expect(totalRow.getCell(2).font.bold).toBe(true);
    expect(data.filter((r) => String(r[16] ?? '').includes('退岗'))).toHaveLength(exitsInJune);
    const footer = rows.find((r) => r.some((c) => typeof c === 'string' && c.startsWith('负责人')))!;
    // Merged cells read back with the merge's value in each cell.
    expect([...new Set(footer.filter(Boolean))]).toEqual(['负责人：', '填报人：', '联系电话：', '填报日期：2022年7月5日']);
  });

  it('opens in LibreOffice with IDs as digits and the total as 1,582,100.00', () => {
    const csv = fs.readFileSync(convertWithLibreOffice(fullFile, 'csv'), 'utf8');
    const lines = csv.split('\n');
    expect(lines[0]).toContain('卢龙县乡村公益性岗位人员花名册');
    const total = lines.find((l) => l.includes('卢龙县合计'))!;
    expect(total).toContain(',2434人,');
    expect(total).toContain('"1,582,100.00"');
    const first = lines.find((l) => l.startsWith('1,'))!;
    expect(first).toMatch(/,"?\d{17}[\dX]"?,/);
    expect(csv).not.toMatch(/E\+1\d/);
  }, 60_000);

  it('has a 公示 version without card and phone numbers and with masked IDs', async () => {
    expect(path.basename(publicFile)).toBe('R3_乡村公益性岗位人员花名册（公示）_2022-06.xlsx');
    const sheet = await sheetOf(publicFile);
    expect(sheet.getCell('A1').value).toBe('卢龙县乡村公益性岗位人员花名册（公示）');
    const headers = [...rowValues(sheet, 3), ...rowValues(sheet, 4)].filter((v): v is string => typeof v === 'string');
    for (const hidden of ['联系电话', '社保卡号/银行卡号', '开户银行']) expect(headers).not.toContain(hidden);
    const texts: string[] = [];
    sheet.eachRow((row, n) => { if (n > 4) for (const v of (row.values as unknown[]).slice(1)) if (v !== null && v !== undefined) texts.push(String(v)); });
    const ids = texts.filter((t) => /^13032[34]/.test(t));
    expect(ids).toHaveLength(2434);
    for (const id of ids) expect(id).toMatch(/^\d{6}\*{8}\d{3}[\dX]$/);
    expect(texts.some((t) => /\d{16,19}/.test(t))).toBe(false); // no card numbers, no full IDs
    expect(texts.some((t) => /^1\d{10}$/.test(t))).toBe(false); // no mobile numbers
  });
});
