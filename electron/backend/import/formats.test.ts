// The same township rows in every format a township sends give the same import (issue 15): .xlsx written
// by openpyxl, .xls converted from it by LibreOffice, the same .xls bytes named .et (as WPS saves them),
// CSV written by Python's csv module in GBK with commas, UTF-8 with a BOM and semicolons, and UTF-16 with
// tabs. Each is read by our readers (none of these programs is ours) and must give identical results:
// created, rejected, and each error's row, column and code. Then the .xls is committed, its error workbook
// written (an .xlsx mirroring the sheet) and the batch undone, as for an .xlsx; and the messy township
// workbook (two-row merged header, an ID Excel turned into a number) reads the same as .xlsx and as .xls.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTempDb, tempDir, type TempDb } from '../testing/temp-db';
import { analyse, type Analysis } from './analyse';
import { commitImport } from './commit';
import { undoBatch } from './batches';
import { errorWorkbook } from './error-report';
import { openSpreadsheet } from './spreadsheet';
import { hasLibreOffice, hasOpenpyxl, makeWorkbook } from './testing/workbooks';
import { checkCharacter } from '../../../shared/domain/id-number';
import { displayText, isExcelDate, parseDate } from '../../../shared/domain/cell-values';
import { queryNumber, queryRows } from '../testing/store-sql';

const SCRIPT = path.join(__dirname, 'testing', 'formats_workbook.py');
const id = (first17: string) => first17 + checkCharacter(first17);

function toXls(file: string, outDir: string): string {
  const profile = path.join(outDir, 'lo-profile');
  execFileSync('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'xls', '--outdir', outDir, file], { stdio: 'pipe', timeout: 120_000 });
  return path.join(outDir, path.basename(file).replace(/\.xlsx$/, '.xls'));
}

function outcome(analysis: Analysis) {
  const { created, updated, unchanged, rejected, rows } = analysis.counts;
  return { rows, created, updated, unchanged, rejected, errors: analysis.errors.map((e) => `${e.row}:${e.column}:${e.code}`).sort() };
}

describe.skipIf(!hasOpenpyxl() || !hasLibreOffice())('the same rows as .xlsx, .xls, .et, GBK/UTF-8/UTF-16 CSV give the same import', () => {
  let temp: TempDb;
  let dir: string;
  let files: Record<string, string>;

  beforeAll(async () => {
    temp = await createTempDb();
    dir = tempDir('workbench-formats-');
    const township = temp.ctx.townships.find((t) => t.name === '燕河营镇')!;
    const [v1, v2] = township.villages;
    const other = temp.ctx.townships.find((t) => t.name !== '燕河营镇')!.villages[0]!;
    const header = ['序号', '乡镇', '村', '姓名', '身份证号码', '人员类别', '劳动能力', '联系电话', '备注'];
    const rows: (string | null)[][] = [
      ['1', '燕河营镇', v1!.name, '王建国', id('13032419800101001'), '脱贫户', '普通劳动力', '13903351234', '含逗号,分号;和"引号"'],
      ['2', '燕河营镇', `${v1!.displayName.replace(/村$/, '')}村委会`, '李秀兰', id('13032419820202002'), '防返贫监测对象', '弱劳动力', '', null],
      ['3', '燕河营镇', v2!.name, '张立文', '130324198303030031', '脱贫户', '普通劳动力', '', null],
      ['4', '燕河营镇', other.name, '赵淑珍', id('13032419840404004'), '低保', '技能', '', '多行\n备注'],
      ['5', '燕河营镇', '无此村', '刘海', id('13032419850505005'), '脱贫户', '普通劳动力', '', null],
      ['6', '燕河营镇', v2!.name, '陈明', id('13032419800101001'), '脱贫户', '普通劳动力', '', null],
      ['7', '燕河营镇', v2!.name, '孙芳', id('13032419860606006'), '贫困户', '普通劳动力', '', null],
      ['8', '燕河营镇', v2!.name, '', id('13032419870707007'), '脱贫户', '普通劳动力', '123', null],
      ['9', '燕河营镇', v2!.name, '马德福', ` ${id('13032419880808008').toLowerCase()} `, '特困', '无劳动能力', '', null],
    ];
    execFileSync('/usr/bin/python3', [SCRIPT, dir], { input: JSON.stringify({ title: '燕河营镇脱贫人口台账（2022年）', header, rows }), stdio: ['pipe', 'pipe', 'pipe'] });
    const xls = toXls(path.join(dir, 'ledger.xlsx'), dir);
    const et = path.join(dir, 'ledger.et');
    fs.copyFileSync(xls, et);
    files = {
      xlsx: path.join(dir, 'ledger.xlsx'), xls, et,
      gbk: path.join(dir, 'ledger-gbk.csv'), utf8bom: path.join(dir, 'ledger-utf8bom.csv'), utf16: path.join(dir, 'ledger-utf16.txt'),
    };
  }, 180_000);
  afterAll(async () => { await temp.cleanup(); fs.rmSync(dir, { recursive: true, force: true }); });

  const request = (file: string) => ({ bytes: fs.readFileSync(file), fileName: path.basename(file), kind: 'people' as const });

  it('each file is read by the reader its bytes call for', () => {
    const formats = Object.fromEntries(Object.entries(files).map(([k, f]) => [k, openSpreadsheet(fs.readFileSync(f), path.basename(f)).format]));
    expect(formats).toEqual({ xlsx: 'xlsx', xls: 'xls', et: 'xls', gbk: 'csv', utf8bom: 'csv', utf16: 'csv' });
    // The GBK file really is GBK (not UTF-8), so the decoder was exercised.
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(fs.readFileSync(files.gbk!))).toThrow();
  });

  it('identical results for every format: created, rejected, each error\'s row, column and code', async () => {
    const results = Object.fromEntries(await Promise.all(Object.entries(files).map(async ([k, f]) => [k, outcome(await analyse(temp.ctx, request(f)))] as const)));
    const expected = {
      rows: 9, created: 3, updated: 0, unchanged: 0, rejected: 6,
      errors: ['3:E:ID_CHECKSUM', '4:C:VILLAGE_NOT_IN_TOWNSHIP', '5:C:UNKNOWN_VILLAGE', '6:E:DUPLICATE_IN_FILE', '7:F:BAD_ENUM', '8:D:NAME_MISSING', '8:H:BAD_PHONE'].map((e) => {
        const [row, column, code] = e.split(':');
        return `${Number(row) + 2}:${column}:${code}`;
      }).sort(),
    };
    for (const [format, result] of Object.entries(results)) expect(result, format).toEqual(expected);
  });

  it('.xls: commit, an .xlsx error workbook mirroring the sheet, and undo — as for .xlsx', async () => {
    const before = await queryNumber(temp.ctx.wdb, 'select count(*) n from people');
    const { analysis, batchId } = await commitImport(temp.ctx, request(files.et!));
    expect(batchId).not.toBeNull();
    const people = await queryRows<{ name: string; id_number: string; remark: string | null }>(temp.ctx.wdb, 'select name, id_number, remark from people order by id');
    expect(people.map((p) => p.name)).toEqual(['王建国', '李秀兰', '马德福']);
    expect(people[0]!.remark).toBe('含逗号,分号;和"引号"');
    expect(people.at(-1)!.id_number).toBe(id('13032419880808008'));

    const report = new ExcelJS.Workbook();
    await report.xlsx.load(await errorWorkbook(analysis) as unknown as ArrayBuffer);
    const sheet = report.worksheets[0]!;
    expect(sheet.getCell('A1').value).toBe('燕河营镇脱贫人口台账（2022年）');
    expect(sheet.getRow(2).values).toContain('身份证号码');
    expect(sheet.getCell('J3').value).toMatch(/^原第5行/);
    expect(sheet.rowCount).toBe(2 + 6);

    await undoBatch(temp.ctx, batchId!);
    expect(await queryNumber(temp.ctx.wdb, 'select count(*) n from people')).toBe(before);
  });

  it('dates in both date systems read the same from .xls as from .xlsx', async () => {
    for (const scenario of ['dates', 'dates1904'] as const) {
      const xlsx = makeWorkbook(scenario, dir);
      const xls = toXls(xlsx, path.join(dir, `${scenario}-xls`));
      const cells = async (file: string) => {
        const book = openSpreadsheet(fs.readFileSync(file), path.basename(file));
        const { rows } = await book.read(book.sheets[0]!);
        return rows.map((r) => r.cells.map((c) => {
          if (!isExcelDate(c)) return displayText(c);
          const date = parseDate(c, { date1904: book.date1904 });
          return date.ok ? date.value : date.error.code;
        }));
      };
      const fromXls = await cells(xls);
      expect(fromXls, scenario).toEqual(await cells(xlsx));
      expect(fromXls.flat().filter((c) => /^\d{4}-\d{2}-\d{2}$/.test(c)).length, scenario).toBeGreaterThan(0);
    }
  });

  it('the messy township workbook (merged two-row header, a numeric ID with lost digits) reads the same as .xlsx and as .xls', async () => {
    const messy = makeWorkbook('messy', dir);
    const xls = toXls(messy, path.join(dir, 'messy-xls'));
    const [a, b] = [await analyse(temp.ctx, request(messy)), await analyse(temp.ctx, request(xls))];
    expect(outcome(b)).toEqual(outcome(a));
    expect(b.errors.some((e) => e.code === 'ID_PRECISION_LOST')).toBe(true);
    expect(b.header.lastRow).toBeGreaterThan(b.header.firstRow);
  });
});
