// The people import end to end in the engine, on workbooks written by openpyxl and LibreOffice (not by
// the exceljs we write with), against a real SQLite file (unit) or PostgreSQL database (unit-pg).
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTempDb, tempDir, testStore, type TempDb } from '../testing/temp-db';
import { startPostgresCluster } from '../testing/postgres';
import { initCountyDatabase } from '../county-setup';
import { createContext } from '../context';
import { analyse, type Analysis } from './analyse';
import { commitImport, dryRun, stillValid } from './commit';
import { decodeSnapshot, encodeSnapshot } from './snapshots';
import type { SnapshotRow } from './kind';
import zlib from 'node:zlib';
import Database from 'better-sqlite3';
import pg from 'pg';
import { compareBatch, listBatches, undoBatch } from './batches';
import { errorWorkbook } from './error-report';
import { hasLibreOffice, hasOpenpyxl, makeWorkbook, openpyxlJson, resaveWithLibreOffice } from './testing/workbooks';
import { openWorkbook } from './xlsx/workbook';
import { readSheet } from './xlsx/sheet';
import { parseDate } from '../../../shared/domain/cell-values';
import { checkCharacter } from '../../../shared/domain/id-number';
import { queryOne, queryRows } from '../testing/store-sql';

const NEW_ID = '13032419900101001' + checkCharacter('13032419900101001');

const openpyxl = hasOpenpyxl();
let dir: string;
let db: TempDb | null = null;

beforeAll(() => { dir = tempDir('workbench-import-files-'); });
afterEach(async () => { await db?.cleanup(); db = null; });

async function freshDb(): Promise<TempDb> { db = await createTempDb(); return db; }

/**
 * A store no other test writes to. On PostgreSQL a cluster of its own, with autovacuum off: a kept dry run's
 * signature is the cluster's transaction snapshot, which the other test files' databases in the run's shared
 * cluster (and an autovacuum's ANALYZE) move — correct, it only costs a judging again, but a test of the
 * dry run being reused must see nothing else write.
 */
async function isolatedDb(): Promise<TempDb> {
  if (testStore() !== 'postgres') return freshDb();
  const cluster = await startPostgresCluster();
  try {
    const url = await cluster.createDatabase();
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try { await admin.query('alter system set autovacuum = off'); await admin.query('select pg_reload_conf()'); } finally { await admin.end(); }
    const wdb = await initCountyDatabase(url);
    const home = tempDir();
    db = {
      ctx: await createContext(wdb), dir: home, file: url, store: 'postgres',
      cleanup: async () => { await wdb.close(); cluster.stop(); fs.rmSync(home, { recursive: true, force: true }); },
    };
    return db;
  } catch (error) {
    cluster.stop();
    throw error;
  }
}

function request(file: string, extra: { sheet?: string; mapping?: Record<string, string | null> } = {}) {
  return { bytes: fs.readFileSync(file), fileName: path.basename(file), kind: 'people' as const, ...extra };
}

function codesByRow(analysis: Analysis): Record<number, string[]> {
  const result: Record<number, string[]> = {};
  for (const e of analysis.errors) (result[e.row] ??= []).push(`${e.column}:${e.code}`);
  return result;
}

/** Every row of the tables an import touches, to prove a failed or undone import left nothing behind. */
async function dump(t: TempDb) {
  const tables = [['people', 'id'], ['import_batches', 'id'], ['import_changes', 'id'], ['import_snapshots', 'batch_id'], ['audit_log', 'id']];
  return Promise.all(tables.map(([table, key]) => queryRows(t.ctx.wdb, `select * from ${table} order by ${key}`)));
}

/** A write by another connection (another process, another seat), bypassing the engine. */
async function writeElsewhere(t: TempDb, text: string): Promise<void> {
  if (t.store === 'sqlite') {
    const other = new Database(t.file);
    other.prepare(text).run();
    other.close();
    return;
  }
  const client = new pg.Client({ connectionString: t.file });
  await client.connect();
  try { await client.query(text); } finally { await client.end(); }
}

/** The expectations for the messy township file (township_workbooks.py messy): Excel row → codes. */
const MESSY_REJECTED: Record<number, string[]> = {
  10: ['C:ID_PRECISION_LOST'],
  11: ['C:ID_CHECKSUM'],
  12: ['F:VILLAGE_NOT_IN_TOWNSHIP'],
  13: ['F:UNKNOWN_VILLAGE'],
  14: ['C:DUPLICATE_IN_FILE'],
  16: ['C:ID_FORMAT'],
  17: ['L:DIGITS_LOST', 'K:BAD_PHONE'],
  19: ['I:BAD_ENUM'],
  20: ['E:UNKNOWN_TOWNSHIP'],
};

describe.skipIf(!openpyxl)('people import of a messy township workbook (openpyxl)', () => {
  it('dry run: picks the data sheet, combines the two-row header, skips titles/column numbers/totals/notes, judges every row, writes nothing', async () => {
    const t = await freshDb();
    const before = await dump(t);
    const file = makeWorkbook('messy', dir);
    const analysis = await analyse(t.ctx, request(file));
    expect(analysis.sheet.name).toBe('印庄乡台账');
    expect(analysis.sheets.find((s) => s.name === '旧版（隐藏）')?.hidden).toBe(true);
    expect(analysis.header).toMatchObject({ firstRow: 3, lastRow: 4 });
    expect(analysis.missing).toEqual([]);
    expect(analysis.ignored).toEqual(['序号', '基本信息/出生日期', '帮扶责任人']);
    expect(analysis.counts).toEqual({ rows: 14, created: 5, updated: 0, unchanged: 0, rejected: 9, warnings: 1 });
    expect(codesByRow(analysis)).toEqual(MESSY_REJECTED);
    expect(analysis.warnings.map((w) => `${w.row}${w.column}:${w.code}`)).toEqual(['9L:CARD_LUHN']);
    for (const e of analysis.errors) expect(e.message).toMatch(/[\u4e00-\u9fff]/);
    expect(await dump(t)).toEqual(before);
  });

  it('commit: one batch with backup, audit, change records; normalised values; IDs from text with spaces, apostrophe, full-width, lower-case x', async () => {
    const t = await freshDb();
    const file = makeWorkbook('messy', dir);
    const { analysis, batchId, backup } = await commitImport(t.ctx, request(file));
    expect(batchId).toBe(1);
    expect(backup && fs.existsSync(backup)).toBe(true);
    expect(path.dirname(backup!)).toBe(t.ctx.engine.backupDir);
    const people = await queryRows<Record<string, string>>(t.ctx.wdb, 'select * from people order by id');
    expect(people.map((p) => p.name)).toEqual(['张国强', '王秀兰', '张小军', '李全福', '陈小写']);
    const byName = Object.fromEntries(people.map((p) => [p.name, p]));
    expect(new Set(people.map((p) => p.township_code))).toEqual(new Set(['130324109000'])); // 印庄乡 → 印庄镇
    expect(new Set(people.map((p) => t.ctx.divisions.villageNameOf(p.village_code!)))).toEqual(new Set(['印庄村'])); // 印庄村委会/印庄村/印庄
    expect(byName['王秀兰']).toMatchObject({ id_number: '13032419820202002X', phone: '13900002222', relation: '配偶', labour_ability: '弱劳动力或半劳动力' });
    expect(byName['李全福']).toMatchObject({ id_number: '130324197004040017', category: '防返贫监测对象' });
    expect(byName['陈小写']).toMatchObject({ id_number: '13032419821010002X', category: '低保', labour_ability: '丧失劳动力' });
    const batch = (await listBatches(t.ctx))[0]!;
    expect(batch).toMatchObject({ id: 1, fileName: 'messy.xlsx', townshipName: '印庄镇', rows: 14, created: 5, rejected: 9, status: 'applied', sha256: analysis.sha256 });
    expect(await queryOne(t.ctx.wdb, "select count(*) n from import_changes where batch_id = 1 and action = 'create'")).toEqual({ n: 5 });
    expect(await queryRows(t.ctx.wdb, "select action from audit_log where entity = 'import_batch'")).toEqual([{ action: 'import' }]);
  });

  it('a commit right after a dry run writes its verdicts while nothing changed, and judges again when anything did', async () => {
    const t = await isolatedDb();
    const file = makeWorkbook('messy', dir);
    const kept = await dryRun(t.ctx, request(file));
    const reused = await commitImport(t.ctx, request(file), kept);
    expect(reused.analysis).toBe(kept.analysis);
    expect(reused.analysis.counts.created).toBe(5);
    await undoBatch(t.ctx, reused.batchId!);

    // The same five people written in between (here by an import without the kept dry run): the kept
    // verdicts ("create") are stale, so the commit judges again and finds the file already imported.
    const stale = await dryRun(t.ctx, request(file));
    const between = await commitImport(t.ctx, request(file));
    expect(between.batchId).toBe(2);
    expect(await stillValid(t.ctx, request(file), stale)).toBeNull();
    const after = await commitImport(t.ctx, request(file), stale);
    expect(after.analysis).not.toBe(stale.analysis);
    expect(after.analysis.alreadyImported?.batchId).toBe(2);
    expect(await queryOne(t.ctx.wdb, 'select count(*) n from people')).toEqual({ n: 5 });

    // A write by another connection (another process) makes a kept dry run stale too; another mapping is another question.
    const fresh = await dryRun(t.ctx, request(file));
    expect(await stillValid(t.ctx, request(file), fresh)).toBe(fresh);
    expect(await stillValid(t.ctx, request(file, { mapping: { 10: null } }), fresh)).toBeNull();
    await writeElsewhere(t, "update people set remark = '另一进程' where id = (select min(id) from people)");
    expect(await stillValid(t.ctx, request(file), fresh)).toBeNull();
  });

  it('a snapshot is written in columns a chunk at a time and reads back as it was, as do snapshots of earlier batches', () => {
    const rows = Array.from({ length: 12_345 }, (_, i): SnapshotRow => ({ key: `k${i}`, label: `名${i}`, fields: i % 3 ? { 备注: i % 2 ? '"引号"' : '', 村: '印庄村' } : { 村: `村${i}` } }));
    for (const list of [rows, rows.slice(0, 5000), rows.slice(0, 1), []]) {
      const bytes = encodeSnapshot(list);
      expect(decodeSnapshot(bytes)).toEqual(list);
      expect(zlib.gunzipSync(bytes).toString('utf8')).not.toContain('"备注":');
    }
    expect(decodeSnapshot(zlib.gzipSync(JSON.stringify(rows.slice(0, 9))))).toEqual(rows.slice(0, 9));
  });

  it('the same file again changes nothing and says so; after undo it imports normally again', async () => {
    const t = await freshDb();
    const file = makeWorkbook('messy', dir);
    await commitImport(t.ctx, request(file));
    const before = await dump(t);
    const again = await commitImport(t.ctx, request(file));
    expect(again.analysis.counts).toMatchObject({ created: 0, updated: 0, unchanged: 14, rejected: 0 });
    expect(again.analysis.alreadyImported?.batchId).toBe(1);
    expect(again.batchId).toBe(1);
    expect(await dump(t)).toEqual(before);

    await undoBatch(t.ctx, 1);
    expect(await queryOne(t.ctx.wdb, 'select count(*) n from people')).toEqual({ n: 0 });
    const third = await commitImport(t.ctx, request(file));
    expect(third.batchId).toBe(2);
    expect(third.analysis.counts.created).toBe(5);
    await expect(undoBatch(t.ctx, 1)).rejects.toMatchObject({ code: 'BATCH_ALREADY_UNDONE' });
    await expect(undoBatch(t.ctx, 99)).rejects.toMatchObject({ code: 'BATCH_NOT_FOUND' });
  });

  it('a later file updates what differs, never erases with empty cells, is compared with the previous batch, and must be undone first', async () => {
    const t = await freshDb();
    const first = makeWorkbook('messy', dir);
    await commitImport(t.ctx, request(first));
    const afterFirst = await dump(t);
    // The next month's file: 张国强's phone changed, 王秀兰's row has no card (empty must not erase), 张小军 gone, one new person.
    const next = path.join(dir, 'next.xlsx');
    openpyxlJson(`
import json, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb['印庄乡台账']
ws['K6'] = '13911112222'
ws['L7'] = None
ws.delete_rows(8)
ws['B18'] = '新来人'
ws['C18'] = sys.argv[3]
ws['I18'] = '脱贫户'
wb.save(sys.argv[2])
print(json.dumps(True))`, first, next, NEW_ID);
    const { analysis, batchId } = await commitImport(t.ctx, request(next));
    expect(batchId).toBe(2);
    expect(analysis.counts).toMatchObject({ created: 1, updated: 1 });
    const zhang = await queryOne(t.ctx.wdb, "select phone, card_number from people where name = '张国强'");
    expect(zhang).toMatchObject({ phone: '13911112222' });
    const change = (await queryOne<{ before_json: string; after_json: string }>(t.ctx.wdb, "select before_json, after_json from import_changes where batch_id = 2 and action = 'update'"))!;
    expect(JSON.parse(change.before_json)).toMatchObject({ name: '张国强', phone: '13900001111' });
    expect(JSON.parse(change.after_json)).toMatchObject({ phone: '13911112222' });

    const diff = await compareBatch(t.ctx, 2);
    expect(diff.previous?.id).toBe(1);
    expect(diff.added.map((a) => a.label)).toEqual(['新来人']);
    expect(diff.missing.map((m) => m.label)).toEqual(['张小军']);
    expect(diff.changed).toEqual([{ key: '13032419800101001X', label: '张国强', fields: [{ field: '联系电话', before: '13900001111', after: '13911112222' }] }]);
    expect((await compareBatch(t.ctx, 1)).previous).toBeNull();

    await expect(undoBatch(t.ctx, 1)).rejects.toMatchObject({ code: 'UNDO_BLOCKED', message: expect.stringContaining('第2批') });
    await undoBatch(t.ctx, 2);
    const restored = await dump(t);
    expect(restored.slice(0, 1)).toEqual(afterFirst.slice(0, 1)); // people exactly as after the first batch
    await undoBatch(t.ctx, 1);
    expect(await queryOne(t.ctx.wdb, 'select count(*) n from people')).toEqual({ n: 0 });
  });

  it('rejects a known ID with another name (NAME_MISMATCH) and a person with a PersonRow referencing them cannot be undone (UNDO_REFERENCED)', async () => {
    const t = await freshDb();
    const file = makeWorkbook('messy', dir);
    await commitImport(t.ctx, request(file));
    const renamed = path.join(dir, 'renamed.xlsx');
    openpyxlJson(`
import json, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1]); ws = wb['印庄乡台账']; ws['B6'] = '张强国'; wb.save(sys.argv[2]); print(json.dumps(True))`, file, renamed);
    const analysis = await analyse(t.ctx, request(renamed));
    expect(codesByRow(analysis)[6]).toEqual(['B:NAME_MISMATCH']);

    const person = (await queryOne<{ id: number }>(t.ctx.wdb, "select id from people where name = '张国强'"))!;
    await queryRows(t.ctx.wdb, "insert into employment_records (person_id, year, status, updated_at) values (?, 2022, '已就业', 'now')", [person.id]);
    const before = await dump(t);
    await expect(undoBatch(t.ctx, 1)).rejects.toMatchObject({ code: 'UNDO_REFERENCED', message: expect.stringContaining('张国强') });
    expect((await dump(t)).slice(0, 4)).toEqual(before.slice(0, 4));
  });

  it('is atomic: a failure in the middle of the commit leaves every table exactly as before', async () => {
    const t = await freshDb();
    // A real database failure on the 4th person (no mocks): the database itself aborts.
    if (t.store === 'sqlite') {
      await queryRows(t.ctx.wdb, "create trigger fail_midway before insert on people when new.name = '李全福' begin select raise(abort, 'disk on fire'); end");
    } else {
      await queryRows(t.ctx.wdb, "create function fail_midway() returns trigger language plpgsql as $$ begin if new.name = '李全福' then raise exception 'disk on fire'; end if; return new; end $$");
      await queryRows(t.ctx.wdb, 'create trigger fail_midway before insert on people for each row execute function fail_midway()');
    }
    const before = await dump(t);
    await expect(commitImport(t.ctx, request(makeWorkbook('messy', dir)))).rejects.toThrow(/disk on fire/);
    expect(await dump(t)).toEqual(before);
  });

  it('follows the clerk’s mapping: an ignored column is not read, a required column left unmapped is named', async () => {
    const t = await freshDb();
    const file = makeWorkbook('messy', dir);
    const ignoredPhone = await analyse(t.ctx, request(file, { mapping: { 10: null } }));
    expect(codesByRow(ignoredPhone)[17]).toEqual(['L:DIGITS_LOST']);
    const noVillage = await analyse(t.ctx, request(file, { mapping: { 5: null } }));
    expect(noVillage.missing).toEqual(['村']);
    await expect(commitImport(t.ctx, request(file, { mapping: { 5: null } }))).rejects.toMatchObject({ code: 'COLUMN_MISSING' });
    await expect(analyse(t.ctx, request(file, { sheet: '没有这张表' }))).rejects.toMatchObject({ code: 'SHEET_NOT_FOUND' });
    await expect(analyse(t.ctx, request(file, { sheet: '填表说明' }))).rejects.toMatchObject({ code: 'HEADER_NOT_FOUND' });
  });

  it('writes an error workbook that mirrors the sheet: same header rows and column order, only rejected rows, red cells with comments, 错误说明', async () => {
    const t = await freshDb();
    const analysis = await analyse(t.ctx, request(makeWorkbook('messy', dir)));
    const out = path.join(dir, 'errors.xlsx');
    fs.writeFileSync(out, await errorWorkbook(analysis));
    const read = openpyxlJson<{ title: string; merged: string[]; rows: (string | number | null)[][]; red: string[]; comments: Record<string, string> }>(`
import json, sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1]).worksheets[0]
red = [c.coordinate for row in ws.iter_rows() for c in row if c.fill is not None and c.fill.fgColor is not None and c.fill.fgColor.rgb == 'FFFFC7CE']
comments = {c.coordinate: c.comment.text for row in ws.iter_rows() for c in row if c.comment}
print(json.dumps({'title': ws.title, 'merged': sorted(str(m) for m in ws.merged_cells.ranges), 'rows': [[c.value for c in row] for row in ws.iter_rows()], 'red': red, 'comments': comments}, default=str, ensure_ascii=False))`, out);
    expect(read.title).toBe('印庄乡台账');
    expect(read.rows[0]![0]).toBe('卢龙县印庄乡脱贫人口基本信息台账（2022年）');
    expect(read.rows[2]!.slice(0, 16)).toEqual(['序号', '基本信息', null, null, '住址', null, '户 编 号', '与户主关系', '人员类别', '劳动能力', '联系方式', '社保卡号', '开户银行', '帮扶责任人', '备注', '错误说明']);
    expect(read.rows[3]!.slice(1, 6)).toEqual(['姓  名', '公民身份号码', '出生日期', '乡（镇）', '村（社区）']);
    expect(read.merged).toEqual(expect.arrayContaining(['B3:D3', 'E3:F3', 'A3:A4', 'P3:P4']));
    const data = read.rows.slice(4);
    expect(data.map((r) => r[1])).toEqual(['赵数字', '钱校验', '孙外村', '周无村', '吴重复', '郑老号', '冯卡号', '褚类别', '卫无乡']);
    expect(data[0]![2]).toBe(130324197505050000); // the number the township sent, as sent
    expect(String(data[6]![15])).toMatch(/^原第17行：【社保卡号】.*【联系方式】联系电话应为11位/);
    expect(read.red).toEqual(expect.arrayContaining(['C5', 'C6', 'F7', 'K11', 'L11', 'I12', 'E13']));
    expect(read.red).not.toContain('B5');
    expect(read.comments.C6).toContain('校验位');
  });

  it.skipIf(!hasLibreOffice())('reads the same file re-saved by LibreOffice the same way', async () => {
    const t = await freshDb();
    const resaved = resaveWithLibreOffice(makeWorkbook('messy', dir, 'lo-messy.xlsx'), path.join(dir, 'lo'));
    const analysis = await analyse(t.ctx, request(resaved));
    expect(analysis.sheet.name).toBe('印庄乡台账');
    expect(analysis.counts).toEqual({ rows: 14, created: 5, updated: 0, unchanged: 0, rejected: 9, warnings: 1 });
    expect(codesByRow(analysis)).toEqual(MESSY_REJECTED);
  }, 120_000);
});

describe.skipIf(!openpyxl)('sheets and dates in workbooks written by openpyxl', () => {
  it('defaults to the sheet whose header names the most fields, flags hidden sheets', async () => {
    const t = await freshDb();
    const analysis = await analyse(t.ctx, request(makeWorkbook('sheets', dir)));
    expect(analysis.sheets).toEqual([
      { name: '封面', hidden: false, score: 0 },
      { name: '模板（勿删）', hidden: true, score: 4 },
      { name: '人员名单', hidden: false, score: 7 },
      { name: '统计', hidden: false, score: 0 },
    ]);
    expect(analysis.sheet.name).toBe('人员名单');
    expect(analysis.counts).toMatchObject({ rows: 1, created: 1 });
  });

  for (const scenario of ['dates', 'dates1904'] as const) {
    it(`reads every date spelling in the ${scenario === 'dates' ? '1900' : '1904'} date system`, async () => {
      const workbook = openWorkbook(fs.readFileSync(makeWorkbook(scenario, dir)));
      expect(workbook.date1904).toBe(scenario === 'dates1904');
      const { rows } = await readSheet(workbook, workbook.sheets[0]!);
      const parsed = rows.slice(1).map((r) => [r.cells[0], parseDate(r.cells[1], workbook)]);
      for (const [label, result] of parsed.slice(0, -1)) expect(result, String(label)).toEqual({ ok: true, value: '2022-03-01' });
      expect(parsed.at(-1)![1]).toMatchObject({ ok: false, error: { code: 'BAD_DATE' } });
    });
  }
});

describe('file refusals', () => {
  it('refuses a file over 50 MB before reading it', () => {
    const big = Buffer.alloc(50 * 1024 * 1024 + 1);
    big.writeUInt32LE(0x04034b50, 0);
    expect(() => openWorkbook(big)).toThrow(expect.objectContaining({ code: 'FILE_TOO_LARGE' }));
  });
  it('caps inflation at the declared size: a zip that lies about an entry’s size is refused, not inflated', () => {
    // One entry of 4 MB of spaces whose central directory claims 1,000 bytes.
    const zip = Buffer.from(openpyxlJson<string>(`
import base64, io, json, zipfile
buf = io.BytesIO()
with zipfile.ZipFile(buf, 'w', zipfile.ZIP_DEFLATED) as z:
    z.writestr('[Content_Types].xml', '<Types/>')
    z.writestr('xl/workbook.xml', ' ' * (4 * 1024 * 1024))
print(json.dumps(base64.b64encode(buf.getvalue()).decode()))`), 'base64');
    const name = zip.indexOf(Buffer.from('xl/workbook.xml'), zip.indexOf(Buffer.from('PK\u0001\u0002', 'latin1')));
    const entry = name - 46; // the central directory record of xl/workbook.xml
    expect(zip.readUInt32LE(entry)).toBe(0x02014b50);
    zip.writeUInt32LE(1000, entry + 24);
    expect(() => openWorkbook(zip)).toThrow(expect.objectContaining({ code: 'FILE_EXPANDS_TOO_MUCH' }));
  });
});
