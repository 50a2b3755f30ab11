// Backups of a PostgreSQL store (issue 16) against the run's throwaway cluster (unit-pg project): `backup`
// writes a pg_dump archive, `restore` brings the database back to it (refused while a `serve` is connected,
// the state before kept in a safety dump, audited); 设置 → 数据备份 restores one in the running server
// (restore-pg.ts: the pool closed and reopened behind the request gate); without pg_dump the message says
// what to install.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../backend/db/database';
import pg from 'pg';
import { contextFor, createEngine, LOCAL_ADMIN } from '../backend/context';
import { dispatch, handleRequest } from '../backend/dispatch';
import type { WorkbenchDb } from '../backend/db/database';
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

  /** What a restore must bring back: every person's remark, the placements, the attendance and its sums, the users. */
  const stateOf = async (wdb: WorkbenchDb) => JSON.stringify([
    await queryRows(wdb, 'select id, name, remark from people order by id'),
    await queryRows(wdb, 'select count(*) n, sum(id) s from placements'),
    await queryRows(wdb, 'select count(*) n, sum(attended_days) d from attendance'),
    await queryRows(wdb, 'select id, username, role from users order by id'),
  ]);

  it('立即备份 and 从此备份恢复 in 设置 → 数据备份 on a PostgreSQL store: refused while another program is connected, then restored in the running server', async () => {
    const engine = await createEngine(await openDatabase(database.url));
    const tokens = new Map<string, string>();
    const door = (name: string) => ({ token: () => tokens.get(name), setToken: (t: string | undefined) => { if (t) tokens.set(name, t); else tokens.delete(name); } });
    try {
      // A backup of the demo county, which has no administrator yet.
      const made = await dispatch(contextFor(engine, LOCAL_ADMIN), 'backups.create', {});
      expect(made.ok, JSON.stringify(made)).toBe(true);
      const view = (made as { data: { name: string; ok: boolean; kind: string; file: string } }).data;
      expect(view).toMatchObject({ ok: true, kind: 'manual' });
      expect(view.name).toMatch(/^workbench-\d{8}-\d{6}-manual\.dump$/);
      expect(view.file.startsWith(path.join(dir, 'data'))).toBe(true);
      const listed = await dispatch(contextFor(engine, LOCAL_ADMIN), 'backups.list', {});
      expect(listed.ok && (listed.data as { backups: { name: string }[] }).backups.map((b) => b.name)).toContain(view.name);
      const atBackup = await stateOf(engine.wdb);

      // Then the first administrator signs in (in the browser, through the server's door), and the data changes.
      const setup = await handleRequest(engine, door('admin'), 'auth.setup', { username: 'admin', displayName: '张主任', password: 'Start12345' });
      expect(setup.ok, JSON.stringify(setup)).toBe(true);
      await queryRows(engine.wdb, "update people set remark = '备份之后的修改' where id = 2");
      await queryRows(engine.wdb, "update people set remark = '另一处修改' where id = 3");
      const changed = await stateOf(engine.wdb);
      expect(changed).not.toBe(atBackup);
      const restores = async () => queryNumber(engine.wdb, "select count(*) n from audit_log where action = 'restore'");
      const restoresBefore = await restores();

      // The backup has no administrator: refused until the administrator confirms (their account is then kept).
      expect(await handleRequest(engine, door('admin'), 'backups.restore', { file: view.name })).toMatchObject({ ok: false, error: { code: 'BACKUP_NO_ADMIN' } });
      // Another program connected to the database (a second serve, psql): refused, nothing changed, the server still answers.
      const other = new pg.Client({ connectionString: database.url, application_name: 'psql' });
      await other.connect();
      try {
        const refused = await handleRequest(engine, door('admin'), 'backups.restore', { file: view.name, confirmNoAdmin: true });
        expect(refused).toMatchObject({ ok: false, error: { code: 'DB_IN_USE' } });
        // The administrator is told what to stop.
        expect((refused as { error: { message: string } }).error.message).toContain('（1 个连接：psql');
      } finally {
        await other.end();
      }
      expect(await stateOf(engine.wdb)).toBe(changed);
      expect(await handleRequest(engine, door('admin'), 'auth.status', {})).toMatchObject({ ok: true });

      // Restored: a request arriving meanwhile waits at the gate and is answered from the restored database.
      const backupsBefore = fs.readdirSync(path.join(dir, 'data', 'backups')).filter((n) => n.endsWith('-before-restore.dump')).length;
      const restoring = handleRequest(engine, door('admin'), 'backups.restore', { file: view.name, confirmNoAdmin: true });
      await expect.poll(() => engine.gate.isClosed, { timeout: 60_000 }).toBe(true);
      const meanwhile = handleRequest(engine, door('admin'), 'people.list', {});
      const restored = await restoring;
      expect(restored, JSON.stringify(restored)).toMatchObject({ ok: true });
      expect((await meanwhile).ok).toBe(true);
      const safety = (restored as { data: { safetyBackup: string } }).data.safetyBackup;
      expect(path.basename(safety)).toMatch(/^workbench-\d{8}-\d{6}-before-restore\.dump$/);
      expect(fs.readFileSync(safety).subarray(0, 5).toString('latin1')).toBe('PGDMP');
      expect(fs.readdirSync(path.join(dir, 'data', 'backups')).filter((n) => n.endsWith('-before-restore.dump'))).toHaveLength(backupsBefore + 1);

      // The data is the backup's again, except the administrator kept on their word; audited once more.
      const after = JSON.parse(await stateOf(engine.wdb)) as unknown[];
      const expected = JSON.parse(atBackup) as unknown[];
      expect(after.slice(0, 3)).toEqual(expected.slice(0, 3));
      expect(after[3]).toEqual([expect.objectContaining({ username: 'admin', role: 'admin' })]);
      expect(await restores()).toBe(restoresBefore + 1);
      const audit = await queryRows<{ username: string; after_json: string }>(engine.wdb, "select username, after_json from audit_log where action = 'restore' order by id desc limit 1");
      expect(audit[0]!.username).toBe('admin');
      expect(JSON.parse(audit[0]!.after_json)).toMatchObject({ safetyBackup: safety, keptAdministrator: true });
      // The server's new pool works for everyone: the administrator signs in again with the kept account.
      expect(await handleRequest(engine, door('again'), 'auth.login', { username: 'admin', password: 'Start12345' })).toMatchObject({ ok: true });

      // The safety dump brings the changed state back the same way (a wrong restore can itself be undone).
      expect(await handleRequest(engine, door('again'), 'backups.restore', { file: path.basename(safety) })).toMatchObject({ ok: true });
      expect(JSON.parse(await stateOf(engine.wdb))).toEqual(JSON.parse(changed));
    } finally {
      await engine.wdb.close();
    }
  }, 180_000);

  it('从此备份恢复 through a real `workbench serve` on PostgreSQL: the server swaps its pool, keeps the administrator\'s session and answers from the restored data', async () => {
    const server = await serve(database.url);
    try {
      await server.login('admin', 'Start12345');
      const made = await server.post('backups.create', {});
      expect(made.json, JSON.stringify(made.json)).toMatchObject({ ok: true });
      const wdb = await openDatabase(database.url);
      const before = await queryRows<{ remark: string | null }>(wdb, 'select remark from people where id = 4');
      await queryRows(wdb, "update people set remark = '服务器备份之后的修改' where id = 4");
      await wdb.close();
      const restored = await server.post('backups.restore', { file: made.json.data.name });
      expect(restored.json, JSON.stringify(restored.json)).toMatchObject({ ok: true });
      // The same login works on the new pool, and the change made after the backup is gone.
      const person = await server.post('people.get', { id: 4 });
      expect(person.json, JSON.stringify(person.json)).toMatchObject({ ok: true });
      expect(person.json.data.remark).toBe(before[0]!.remark ?? '');
      expect(await remarkOf(4)).toBe(before[0]!.remark);
    } finally {
      await server.stop();
    }
  }, 180_000);

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
