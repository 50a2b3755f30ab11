// Backups of a PostgreSQL store (issue 16) against the run's throwaway cluster (unit-pg project): `backup`
// writes a pg_dump archive, `restore` brings the database back to it (refused while a `serve` is connected,
// the state before kept in a safety dump, audited); without pg_dump the message says what to install.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../backend/db/database';
import { createContext } from '../backend/context';
import { dispatch } from '../backend/dispatch';
import { queryNumber, queryRows } from '../backend/testing/store-sql';
import { tempDir } from '../backend/testing/temp-db';
import { tempPostgresDatabase } from '../backend/testing/temp-postgres';
import { BIN, buildEngine, serve, workbenchSync } from './testing/processes';

describe('backup and restore of a PostgreSQL store', () => {
  let dir: string;
  let database: { url: string; drop(): Promise<void> };

  beforeAll(async () => {
    buildEngine();
    dir = tempDir();
    // The automatic backups of a PostgreSQL store go to the data folder: this test's, not the machine's.
    process.env.WORKBENCH_DATA_DIR = path.join(dir, 'data');
    database = await tempPostgresDatabase();
    expect(workbenchSync('init', '--db', database.url, '--demo').status).toBe(0);
  }, 120_000);
  afterAll(async () => {
    delete process.env.WORKBENCH_DATA_DIR;
    await database?.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const remarkOf = async (id: number) => {
    const wdb = await openDatabase(database.url);
    try { return (await queryRows<{ remark: string | null }>(wdb, 'select remark from people where id = ?', [id]))[0]!.remark; } finally { await wdb.close(); }
  };

  it('backs up with pg_dump and restores it: a later change is gone, the restore audited, the state before kept', async () => {
    const out = path.join(dir, 'county.dump');
    const backup = workbenchSync('backup', '--db', database.url, '--out', out, '--json');
    expect(backup.status, backup.stderr + backup.stdout).toBe(0);
    expect(backup.json()).toMatchObject({ ok: true, format: 'pg_dump -Fc' });
    expect(fs.readFileSync(out).subarray(0, 5).toString('latin1')).toBe('PGDMP');

    const wdb = await openDatabase(database.url);
    await queryRows(wdb, "update people set remark = '备份之后的修改' where id = 1");
    await wdb.close();
    expect(await remarkOf(1)).toBe('备份之后的修改');

    // A running serve holds the database: refused, nothing restored.
    const server = await serve(database.url);
    try {
      const refused = workbenchSync('restore', '--db', database.url, '--from', out, '--json');
      expect(refused.status).toBe(2);
      expect(refused.json()).toMatchObject({ error: { code: 'DB_IN_USE' } });
    } finally {
      await server.stop();
    }
    expect(await remarkOf(1)).toBe('备份之后的修改');

    const restored = workbenchSync('restore', '--db', database.url, '--from', out, '--json');
    expect(restored.status, restored.stderr + restored.stdout).toBe(0);
    const answer = restored.json() as { safetyBackup: string };
    expect(answer.safetyBackup.startsWith(path.join(dir, 'data'))).toBe(true);
    expect(fs.readFileSync(answer.safetyBackup).subarray(0, 5).toString('latin1')).toBe('PGDMP');
    expect(await remarkOf(1)).not.toBe('备份之后的修改');
    const check = await openDatabase(database.url);
    try {
      expect(await queryNumber(check, "select count(*) n from audit_log where action = 'restore'")).toBe(1);
      expect(await queryNumber(check, 'select count(*) n from people')).toBe(9236);
    } finally { await check.close(); }
  }, 180_000);

  it('立即备份 and the list in 设置 → 数据备份 on a PostgreSQL store: a pg_dump archive in the data folder', async () => {
    const wdb = await openDatabase(database.url);
    try {
      const ctx = await createContext(wdb);
      const made = await dispatch(ctx, 'backups.create', {});
      expect(made.ok, JSON.stringify(made)).toBe(true);
      const view = (made as { data: { name: string; ok: boolean; kind: string; file: string } }).data;
      expect(view).toMatchObject({ ok: true, kind: 'manual' });
      expect(view.name).toMatch(/^workbench-\d{8}-\d{6}-manual\.dump$/);
      expect(view.file.startsWith(path.join(dir, 'data'))).toBe(true);
      const listed = await dispatch(ctx, 'backups.list', {});
      expect(listed.ok && (listed.data as { backups: { name: string }[] }).backups.map((b) => b.name)).toContain(view.name);
      expect(await dispatch(ctx, 'backups.restore', { file: view.name })).toMatchObject({ ok: false, error: { code: 'STORE_SQLITE_ONLY' } });
    } finally { await wdb.close(); }
  });

  it('without pg_dump: a coded Chinese message that names what to install, and no file', () => {
    const empty = path.join(dir, 'no-tools');
    fs.mkdirSync(empty, { recursive: true });
    const out = path.join(dir, 'never.dump');
    const run = spawnSync(process.execPath, [BIN, 'backup', '--db', database.url, '--out', out, '--json'], { encoding: 'utf8', env: { ...process.env, WORKBENCH_PG_BIN: empty } });
    expect(run.status).toBe(2);
    expect(JSON.parse(run.stdout)).toMatchObject({ error: { code: 'PG_TOOL_MISSING' } });
    expect(JSON.parse(run.stdout).error.message).toContain('postgresql-client');
    expect(fs.existsSync(out)).toBe(false);
  });
});
