// The command line on a PostgreSQL store (issue 16), against the run's throwaway cluster: init --demo,
// payroll, report and check give what the same commands give on a SQLite file.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from './cli';
import { tempDir } from '../backend/testing/temp-db';
import { tempPostgresDatabase } from '../backend/testing/temp-postgres';
import { buildEngine, serve } from './testing/processes';

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
