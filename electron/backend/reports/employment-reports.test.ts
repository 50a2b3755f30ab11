// R1 and R5 for the demo county, read back from the written files (exceljs, and once through LibreOffice).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTempDb, tempDir, type TempDb } from '../testing/temp-db';
import { dispatch } from '../dispatch';
import { EMPLOYMENT_FORMS } from '../../../shared/domain/employment';
import { R1_COLUMNS, R5_COLUMNS } from '../../../shared/domain/reports/employment-reports';
import { DEMO_EMPLOYED } from '../demo/employment';
import { queryOne } from '../testing/store-sql';

async function writeReport(temp: TempDb, report: 'R1' | 'R5', month: string, dir: string): Promise<string> {
  const result = await dispatch(temp.ctx, 'reports.employment', { report, month });
  if (!result.ok) throw new Error(result.error.message);
  const file = result.data as { fileName: string; base64: string };
  const target = path.join(dir, file.fileName);
  fs.writeFileSync(target, Buffer.from(file.base64, 'base64'));
  return target;
}

/** The data rows of a report sheet: from the first row whose 序号 is 1 down to the 合计 row. */
function tableOf(sheet: ExcelJS.Worksheet): { rows: ExcelJS.CellValue[][]; total: ExcelJS.CellValue[]; header: number } {
  const all: ExcelJS.CellValue[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, n) => { all[n] = (row.values as ExcelJS.CellValue[]).slice(1); });
  const first = all.findIndex((r) => r?.[0] === 1);
  const totalAt = all.findIndex((r) => r?.[1] === '合计');
  return { rows: all.slice(first, totalAt), total: all[totalAt]!, header: first - 1 };
}

describe('R1 and R5 for the demo county', () => {
  let temp: TempDb;
  let dir: string;

  beforeAll(async () => {
    temp = await createTempDb({ demo: true });
    dir = tempDir('workbench-reports-');
  });
  afterAll(async () => { await temp.cleanup(); fs.rmSync(dir, { recursive: true, force: true }); });

  it('R1 shows 4,019 employed against 3,946, completion 101.85%, and the township rows add up to the county row', async () => {
    const file = await writeReport(temp, 'R1', '2022-12', dir);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getCell('A1').value).toBe('2022年12月卢龙县脱贫劳动力就业情况月报表');
    expect(String(sheet.getCell('A2').value)).toContain('填报单位');
    const col = (header: string) => R1_COLUMNS.findIndex((c) => c.header === header);
    const { rows, total } = tableOf(sheet);
    expect(rows).toHaveLength(12);
    expect(total[col('已就业（人）')]).toBe(DEMO_EMPLOYED);
    expect(total[col('目标任务（人）')]).toBe(3946);
    expect(total[col('完成率')]).toBe(1.0185);
    // Every count column: the townships add up to the county.
    for (const header of ['脱贫劳动力（人）', '已就业（人）', ...EMPLOYMENT_FORMS, '目标任务（人）', '未就业（人）', '其中有就业意愿（人）']) {
      const sum = rows.reduce((n, r) => n + Number(r[col(header)]), 0);
      expect(sum, header).toBe(total[col(header)]);
    }
    // The forms add up to the employed, and the posts are among them.
    expect(EMPLOYMENT_FORMS.reduce((n, f) => n + Number(total[col(f)]), 0)).toBe(DEMO_EMPLOYED);
    const onPosts = ((await queryOne(temp.ctx.wdb, "select count(distinct person_id) n from placements where start_date <= '2022-12-31' and (exit_date is null or exit_date >= '2022-12-31') and agreement_end_date >= '2022-12-31'")) as { n: number }).n;
    expect(onPosts).toBe(2434);
    expect(total[col('公益岗位')]).toBe(onPosts);
    // Formatting that survives Excel, WPS and LibreOffice.
    expect(sheet.getCell(5 + rows.length, col('完成率') + 1).numFmt).toBe('0.00%');
    expect(sheet.pageSetup).toMatchObject({ orientation: 'landscape', paperSize: 9, fitToWidth: 1, printTitlesRow: '3:4' });
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 4 });
    expect(sheet.getCell('A3').font?.name).toBe('宋体');
  });

  it('R1 reads the same through LibreOffice: 101.85% as displayed text', () => {
    const soffice = ['/usr/bin/soffice', '/usr/bin/libreoffice'].find((p) => fs.existsSync(p));
    if (!soffice) throw new Error('LibreOffice (soffice) is needed for this test: apt-get install libreoffice-calc-nogui');
    const file = fs.readdirSync(dir).find((f) => f.includes('_R1_'))!;
    const out = path.join(dir, 'csv');
    // Its own profile folder: other LibreOffice runs on the machine must not share (and lock) it.
    execFileSync(soffice, [`-env:UserInstallation=file://${path.join(dir, 'lo-profile')}`, '--headless', '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true', '--outdir', out, path.join(dir, file)], { timeout: 120_000, stdio: 'ignore' });
    const csv = fs.readFileSync(path.join(out, file.replace(/\.xlsx$/, '.csv')), 'utf8');
    const totalLine = csv.split('\n').find((line) => line.includes('合计'))!;
    expect(totalLine).toContain('101.85%');
    expect(totalLine).toContain('"4,019"');
    expect(totalLine).toContain('"3,946"');
  });

  it('R5 counts services up to the month and the 645 trainees of the 12 sessions', async () => {
    const file = await writeReport(temp, 'R5', '2022-12', dir);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const sheet = workbook.worksheets[0]!;
    const { rows, total } = tableOf(sheet);
    const col = (header: string) => R5_COLUMNS.findIndex((c) => c.header === header);
    expect(total[col('参训（人）')]).toBe(645);
    for (const header of R5_COLUMNS.filter((c) => c.kind === 'integer' && c.header !== '序号').map((c) => c.header)) {
      expect(rows.reduce((n, r) => n + Number(r[col(header)]), 0), header).toBe(total[col(header)]);
    }
    const services = ((await queryOne(temp.ctx.wdb, "select count(*) n from services where kind = 'job_offer' and date <= '2022-12-31'")) as { n: number }).n;
    expect(total[col('岗位信息（条次）')]).toBe(services);
    // An earlier month counts fewer: only what was done by then.
    const june = await writeReport(temp, 'R5', '2022-06', dir);
    const juneBook = new ExcelJS.Workbook();
    await juneBook.xlsx.readFile(june);
    const juneTotal = tableOf(juneBook.worksheets[0]!).total;
    expect(Number(juneTotal[col('岗位信息（条次）')])).toBeLessThan(services);
    expect(Number(juneTotal[col('参训（人）')])).toBeLessThan(645);
  });
});
