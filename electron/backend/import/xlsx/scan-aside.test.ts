// A large sheet read on a worker thread (scan-aside.ts) must give exactly what reading it here gives: the
// same rows, cells and merged ranges (shared strings sent by index and resolved here, empty strings and
// rows of nothing but empty strings included), the same refusal with the same code when the sheet breaks
// half-way, and — through the dry run that judges rows while the worker reads the next ones — the same
// import. Files written by openpyxl and LibreOffice, and crafted parts for the edge cases. The worker runs
// from the sources here (tsx), as in development; `npm run bench import` runs the built one.
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { checkCharacter } from '../../../../shared/domain/id-number';
import { dispatch } from '../../dispatch';
import type { ChannelOutput } from '../../../../shared/contract/schemas';
import type { SheetRowData } from '../../../../shared/domain/import-headers';
import { WorkbenchFailure } from '../../failure';
import { createTempDb, tempDir, type TempDb } from '../../testing/temp-db';
import { queryRows } from '../../testing/store-sql';
import { analyse } from '../analyse';
import { commitImport } from '../commit';
import { openSpreadsheet, scanSheet, type Spreadsheet } from '../spreadsheet';
import { workbookOf } from '../testing/crafted';
import { hasLibreOffice, hasOpenpyxl, makeWorkbook, resaveWithLibreOffice } from '../testing/workbooks';

/** Every row and the merged ranges of a sheet, read in pieces (the import's way). */
async function scanAll(workbook: Spreadsheet, sheetIndex = 0): Promise<{ rows: SheetRowData[]; merges: unknown[]; pieces: number }> {
  const rows: SheetRowData[] = [];
  let pieces = 0;
  const { merges } = await scanSheet(workbook, workbook.sheets[sheetIndex]!, async (piece) => { pieces += 1; rows.push(...piece); });
  return { rows, merges, pieces };
}

const onWorker = (bytes: Buffer) => openSpreadsheet(bytes, 'x.xlsx', { asideFromBytes: 0 });
const here = (bytes: Buffer) => openSpreadsheet(bytes, 'x.xlsx', { asideFromBytes: Number.POSITIVE_INFINITY });

/** A sheet of `count` rows mixing shared strings (one of them empty), inline strings, numbers and a date style. */
function mixedSheet(count: number): Buffer {
  const rows: string[] = [];
  for (let r = 1; r <= count; r++) {
    rows.push(`<row r="${r}"><c r="A${r}" t="s"><v>${r % 4}</v></c><c r="B${r}"><v>${r * 1.5}</v></c>`
      + `<c r="D${r}" t="inlineStr"><is><t>行${r}</t></is></c><c r="E${r}" s="1"><v>${44000 + r}</v></c></row>`);
    // A row of nothing but the empty shared string: no row at all to a reader that holds the strings.
    if (r % 7 === 0) rows.push(`<row r="${r + count}"><c r="A${r + count}" t="s"><v>3</v></c></row>`);
  }
  return workbookOf(rows.join(''), {
    sharedStrings: '<si><t>甲</t></si><si><t>乙村</t></si><si><r><t>丙</t></r><r><t>镇</t></r></si><si><t></t></si>',
    styles: '<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/></numFmts><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="164"/></cellXfs>',
  });
}

describe('a sheet read on a worker thread', () => {
  let dir: string;
  beforeAll(() => { dir = tempDir('scan-aside-'); });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  afterEach(() => { delete process.env.WORKBENCH_XLSX_WORKER; });

  it('gives the same rows as reading it here: shared strings by index, empty ones and rows of them dropped', async () => {
    const bytes = mixedSheet(3000);
    const aside = await scanAll(onWorker(bytes));
    const local = await scanAll(here(bytes));
    expect(aside.rows.length).toBe(3000);
    expect(aside.rows).toEqual(local.rows);
    expect(aside.merges).toEqual(local.merges);
    expect(aside.rows[0]!.cells).toEqual(['乙村', 1.5, undefined, '行1', { kind: 'date', serial: 44001, date1904: false }]);
    expect(aside.rows[2]!.cells[0]).toBeUndefined(); // the empty shared string: no value
  });

  it.skipIf(!hasOpenpyxl())('gives the same rows and merged ranges for workbooks written by openpyxl', async () => {
    for (const scenario of ['messy', 'dates', 'dates1904', 'sheets'] as const) {
      const bytes = fs.readFileSync(makeWorkbook(scenario, dir));
      const sheets = here(bytes).sheets.length;
      for (let s = 0; s < sheets; s++) {
        const aside = await scanAll(onWorker(bytes), s);
        expect(aside.rows.length, `${scenario} sheet ${s}`).toBeGreaterThan(0);
        expect(aside, `${scenario} sheet ${s}`).toEqual({ ...await scanAll(here(bytes), s), pieces: aside.pieces });
      }
    }
  }, 120_000);

  it.skipIf(!hasOpenpyxl() || !hasLibreOffice())('gives the same rows for the same workbook saved again by LibreOffice', async () => {
    const bytes = fs.readFileSync(resaveWithLibreOffice(makeWorkbook('messy', dir, 'messy-lo.xlsx'), path.join(dir, 'lo')));
    const aside = await scanAll(onWorker(bytes));
    expect(aside.rows.length).toBeGreaterThan(0);
    expect(aside.rows).toEqual((await scanAll(here(bytes))).rows);
  }, 180_000);

  it('refuses a sheet that breaks half-way with the same code, after handing on the rows before it', async () => {
    const rows = Array.from({ length: 2000 }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}" t="inlineStr"><is><t>第${i + 1}行</t></is></c></row>`).join('');
    const bytes = workbookOf(`${rows}<row r="2000000"><c r="A2000000"><v>1</v></c></row>`);
    const refusal = async (workbook: Spreadsheet) => {
      const seen: number[] = [];
      const error = await scanSheet(workbook, workbook.sheets[0]!, (piece) => { seen.push(...piece.map((r) => r.row)); }).then(() => null, (e: unknown) => e);
      return { error, seen: seen.length };
    };
    const aside = await refusal(onWorker(bytes));
    const local = await refusal(here(bytes));
    expect(aside.error).toBeInstanceOf(WorkbenchFailure);
    expect((aside.error as WorkbenchFailure).code).toBe('TOO_MANY_ROWS');
    expect((aside.error as WorkbenchFailure).message).toBe((local.error as WorkbenchFailure).message);
    expect(aside.seen).toBe(local.seen);
  });

  it('stops reading when what takes the rows fails, with that failure', async () => {
    const stop = new Error('taken no further');
    const workbook = onWorker(mixedSheet(3000));
    const error = await scanSheet(workbook, workbook.sheets[0]!, () => { throw stop; }).then(() => null, (e: unknown) => e);
    expect(error).toBe(stop);
  });

  it('reads the sheet here when no worker can start', async () => {
    process.env.WORKBENCH_XLSX_WORKER = path.join(dir, 'no-such-worker.cjs');
    const bytes = mixedSheet(500);
    expect((await scanAll(onWorker(bytes))).rows).toEqual((await scanAll(here(bytes))).rows);
  });
});

describe.skipIf(!hasOpenpyxl())('an import whose sheet is read on a worker while its rows are judged', () => {
  let dir: string;
  let onWorkerDb: TempDb;
  let hereDb: TempDb;
  beforeAll(async () => {
    dir = tempDir('scan-aside-import-');
    onWorkerDb = await createTempDb({ demo: true });
    hereDb = await createTempDb({ demo: true });
  });
  afterAll(async () => {
    await onWorkerDb.cleanup();
    await hereDb.cleanup();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('commits what reading it here, and judging it after, commits (the messy township file: merged two-row header)', async () => {
    const file = makeWorkbook('messy', dir);
    const bytes = fs.readFileSync(file);
    const request = (workbook: Spreadsheet) => ({ bytes, workbook, fileName: path.basename(file), kind: 'people' as const });
    // Judged after the whole sheet is read, without a worker (analyse), on the database before either commit.
    const judgedAfter = await analyse(hereDb.ctx, request(here(bytes)));
    const aside = await commitImport(onWorkerDb.ctx, request(onWorker(bytes)));
    const local = await commitImport(hereDb.ctx, request(here(bytes)));
    expect(aside.batchId).not.toBeNull();
    expect(aside.analysis.counts.created).toBeGreaterThan(0);
    expect(aside.analysis.counts.rejected).toBeGreaterThan(0);
    for (const analysis of [local.analysis, judgedAfter]) {
      expect(aside.analysis.counts).toEqual(analysis.counts);
      expect(aside.analysis.errors).toEqual(analysis.errors);
      expect(aside.analysis.warnings).toEqual(analysis.warnings);
    }
    const people = (db: TempDb) => queryRows(db.ctx.wdb, 'select id_number, name, name_initials, township_code, village_code from people order by id_number');
    expect(await people(onWorkerDb)).toEqual(await people(hereDb));
  }, 120_000);
});

describe('a township file uploaded through the one door, large enough for its sheet to be read on a worker', () => {
  let dir: string;
  let db: TempDb;
  beforeAll(async () => {
    dir = tempDir('scan-aside-door-');
    db = await createTempDb(); // no demo people: every ID below is new
  });
  afterAll(async () => {
    await db.cleanup();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  afterEach(() => { delete process.env.WORKBENCH_XLSX_WORKER; delete process.env.WORKBENCH_XLSX_ASIDE_FROM_BYTES; });

  it('previews the same on the worker (its bytes shared with the upload) as read here, and commits', async () => {
    // A sheet of 15,000 rows goes to the worker from 8 MB (its default is 32 MB, ~45,000 rows).
    process.env.WORKBENCH_XLSX_ASIDE_FROM_BYTES = String(8 * 1024 * 1024);
    // 15,000 new people of one township (a sheet part of ~10 MB), every 1,000th with a damaged ID number.
    const township = db.ctx.townships[0]!;
    const villages = township.villages;
    const rows = Array.from({ length: 15_000 }, (_, i) => {
      const born = new Date(Date.UTC(1950, 0, 1) + Math.floor(i / 1000) * 37 * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '');
      const first17 = `130324${born}${String(i % 1000).padStart(3, '0')}`;
      const check = checkCharacter(first17);
      const idNumber = first17 + (i % 1000 === 999 ? (check === '0' ? '1' : '0') : check);
      return [i + 1, township.name, villages[i % villages.length]!.name, `测试${i}`, `${idNumber}`, '脱贫户', '普通劳动力', `13${String(100000000 + i)}`, `H${i}`, '户主', '备注文字'.repeat(3), '河北省农村信用社', '初中', '县内', '合作社', 12000, '帮扶干部', '', '', ''];
    });
    const file = path.join(dir, 'township-15000.xlsx');
    const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true, useStyles: false });
    const sheet = writer.addWorksheet('台账');
    sheet.addRow([`${township.name}脱贫人口台账`]).commit();
    sheet.addRow(['序号', '乡镇', '村', '姓名', '身份证号码', '人员类别', '劳动能力', '联系电话', '户编号', '与户主关系', '备注', '开户银行', '文化程度', '务工地点', '务工单位', '年收入', '帮扶责任人', '空1', '空2', '空3']).commit();
    for (const row of rows) sheet.addRow(row).commit();
    await writer.commit();
    const base64 = fs.readFileSync(file).toString('base64');
    const preview = async () => {
      const opened = await dispatch(db.ctx, 'import.open', { fileName: 'township-15000.xlsx', base64, kind: 'people' });
      if (!opened.ok) throw new Error(JSON.stringify(opened.error));
      const { token } = opened.data as ChannelOutput<'import.open'>;
      const previewed = await dispatch(db.ctx, 'import.preview', { token, kind: 'people' });
      if (!previewed.ok) throw new Error(JSON.stringify(previewed.error));
      const { summary, warningList } = previewed.data as ChannelOutput<'import.preview'>;
      return { token, summary, warningList };
    };
    const aside = await preview();
    process.env.WORKBENCH_XLSX_WORKER = path.join(dir, 'no-such-worker.cjs'); // read here
    const local = await preview();
    delete process.env.WORKBENCH_XLSX_WORKER;
    expect(aside.summary.created, JSON.stringify(aside.summary.errors.filter((e) => e.code !== 'ID_CHECKSUM').slice(0, 3))).toBe(15_000 - 15);
    expect(aside.summary.rejected).toBe(15);
    expect(aside.summary).toEqual(local.summary);
    expect(aside.warningList).toEqual(local.warningList);
    const committed = await dispatch(db.ctx, 'import.commit', { token: aside.token, kind: 'people' });
    expect(committed.ok, JSON.stringify(committed)).toBe(true);
    expect(await queryRows(db.ctx.wdb, "select count(*) n from people where name like '测试%'")).toEqual([{ n: 15_000 - 15 }]);
  }, 120_000);
});
