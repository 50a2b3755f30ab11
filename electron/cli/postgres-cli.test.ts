// The command line on a PostgreSQL store (issue 16), against the run's throwaway cluster: init --demo,
// payroll, report, import (dry run, error workbook, commit), undo-import and check give what the same
// commands give on a SQLite file.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from './cli';
import { tempDir } from '../backend/testing/temp-db';
import { tempPostgresDatabase } from '../backend/testing/temp-postgres';
import { buildEngine, idNumber, peopleWorkbook, serve } from './testing/processes';

let printed: string[];
async function run(...args: string[]): Promise<{ code: number; json: any }> {
  printed = [];
  const code = await main([...args, '--json']);
  return { code, json: JSON.parse(printed.at(-1) ?? 'null') };
}

describe('workbench on postgres://', () => {
  let database: Awaited<ReturnType<typeof tempPostgresDatabase>>;
  let dir: string;
  let file: string;

  beforeAll(async () => {
    database = await tempPostgresDatabase();
    dir = tempDir();
    file = path.join(dir, 'demo.sqlite');
    vi.spyOn(console, 'log').mockImplementation((line: string) => { printed.push(line); });
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
  });
  afterAll(async () => { vi.restoreAllMocks(); await database?.drop(); fs.rmSync(dir, { recursive: true, force: true }); });

  it('init --demo fills the database as it fills a file, and refuses to init it twice', async () => {
    const [pg, lite] = [await run('init', '--db', database.url, '--demo'), await run('init', '--db', file, '--demo')];
    expect(pg.code).toBe(0);
    expect(pg.json).toEqual(lite.json.db === undefined ? lite.json : { ...lite.json, db: pg.json.db });
    expect((await run('init', '--db', database.url)).json).toMatchObject({ error: { code: 'PG_NOT_EMPTY' } });
  }, 300_000);

  it('payroll and report R4 give the same totals on both stores', async () => {
    const [pg, lite] = [await run('payroll', '--db', database.url, '--month', '2022-07'), await run('payroll', '--db', file, '--month', '2022-07')];
    expect(pg.code).toBe(0);
    expect(pg.json).toEqual(lite.json);
    const out = (store: string) => path.join(dir, store);
    const [r4pg, r4lite] = [await run('report', 'R4', '--db', database.url, '--month', '2022-06', '--out', out('pg')), await run('report', 'R4', '--db', file, '--month', '2022-06', '--out', out('lite'))];
    expect(r4pg.code).toBe(0);
    const figures = (json: any) => json.reports.map(({ file: _file, ...rest }: { file: string }) => rest);
    expect(figures(r4pg.json)).toHaveLength(1);
    expect(figures(r4pg.json)[0].totalFen).toBeGreaterThan(0);
    expect(figures(r4pg.json)).toEqual(figures(r4lite.json));
    expect(fs.readdirSync(out('pg'))).toEqual(fs.readdirSync(out('lite')));
  }, 120_000);

  it('serve --db postgres://… serves the county: a user added by the CLI logs in and reads the people list', async () => {
    buildEngine();
    expect((await run('add-user', '--db', database.url, '--username', 'admin', '--role', 'admin', '--password', 'Secret-2026')).code).toBe(0);
    const server = await serve(database.url);
    try {
      await server.login('admin', 'Secret-2026');
      const list = await server.post('people.list', { limit: 5 });
      expect(list.json).toMatchObject({ ok: true, data: { total: 9236 } });
      expect(list.json.data.rows).toHaveLength(5);
    } finally { await server.stop(); }
  }, 120_000);

  it('import (dry run, error workbook, commit) and undo-import give on postgres:// what they give on a file', async () => {
    const pg = await import('pg');
    const client = new pg.default.Client({ connectionString: database.url });
    await client.connect();
    const people = async () => Number((await client.query('select count(*) n from people')).rows[0].n);
    try {
      const place = (await client.query(`select t.name township, v.name village from divisions v join divisions t on t.code = v.parent_code
        where v.level = 'village' order by v.code limit 1`)).rows[0] as { township: string; village: string };
      const rows: (string | number)[][] = Array.from({ length: 20 }, (_, i) => [idNumber(70_000 + i), `命令行${i}`, place.township, place.village, '脱贫户', '普通劳动力']);
      rows.push(['ABC', '坏号码', place.township, place.village, '脱贫户', '普通劳动力']);
      const xlsx = peopleWorkbook(path.join(dir, '命令行导入.xlsx'), ['身份证号', '姓名', '乡镇', '村', '人员类别', '劳动能力'], rows);
      const both = async (...args: string[]): Promise<[Awaited<ReturnType<typeof run>>, Awaited<ReturnType<typeof run>>]> => [await run(...args.map((a) => (a === 'DB' ? database.url : a))), await run(...args.map((a) => (a === 'DB' ? file : a)))];

      const before = await people();
      const [dryPg, dryLite] = await both('import', xlsx, '--db', 'DB', '--kind', 'people', '--dry-run');
      expect(dryPg.code).toBe(0);
      expect(dryPg.json).toEqual(dryLite.json);
      expect(dryPg.json).toMatchObject({ rows: 21, created: 20, rejected: 1, batchId: null });
      expect(await people()).toBe(before);

      const errors = path.join(dir, '错误报告.xlsx');
      const [pgRun, liteRun] = await both('import', xlsx, '--db', 'DB', '--kind', 'people', '--errors', errors);
      expect(pgRun.code).toBe(0);
      expect(pgRun.json).toEqual(liteRun.json);
      expect(pgRun.json).toMatchObject({ rows: 21, created: 20, rejected: 1, errors: [{ code: 'ID_FORMAT' }] });
      expect(fs.statSync(errors).size).toBeGreaterThan(0);
      expect(await people()).toBe(before + 20);
      const batchId = String(pgRun.json.batchId);
      const changes = (await client.query("select count(*) n from import_changes where batch_id = $1 and action = 'create'", [batchId])).rows[0].n;
      expect(Number(changes)).toBe(20);

      const [undoPg, undoLite] = await both('undo-import', batchId, '--db', 'DB');
      expect(undoPg.code).toBe(0);
      expect(undoPg.json).toEqual(undoLite.json);
      expect(await people()).toBe(before);
      const audit = (await client.query("select action from audit_log where entity = 'import_batch' and entity_id = $1 order by id", [batchId])).rows.map((r) => r.action);
      expect(audit).toEqual(['import', 'undo']);
      const [againPg, againLite] = await both('undo-import', batchId, '--db', 'DB');
      expect(againPg.json).toMatchObject({ error: { code: 'BATCH_ALREADY_UNDONE' } });
      expect(againPg.json).toEqual(againLite.json);
    } finally { await client.end(); }
  }, 180_000);

  it('check runs PostgreSQL\'s own checks (amcheck once installed) and ours', async () => {
    const before = await run('check', '--db', database.url);
    expect(before.code).toBe(0);
    expect(before.json).toMatchObject({ ok: true, store: 'postgres', people: 9236, integrity: ['ok'] });
    expect(before.json.checks.map((c: { name: string }) => c.name)).toEqual(['amcheck', 'guards', 'batch sums']);
    expect(before.json.checks[0].detail).toContain('未安装 amcheck');
    const pg = await import('pg');
    const client = new pg.default.Client({ connectionString: database.url });
    await client.connect();
    try {
      await client.query('create extension amcheck');
      const after = await run('check', '--db', database.url);
      expect(after.json).toMatchObject({ ok: true, integrity: ['ok'] });
      expect(after.json.checks[0].detail).toMatch(/amcheck 检查了 \d+ 个索引/);
      // Our own check sees a guard that is gone.
      await client.query('drop trigger payment_lines_once on payment_lines');
      const broken = await run('check', '--db', database.url);
      expect(broken.code).toBe(2);
      expect(broken.json.checks.find((c: { name: string }) => c.name === 'guards')).toMatchObject({ ok: false });
    } finally { await client.end(); }
  }, 120_000);
});
