// The command line on a database it must not write (issue 13 item 7) and on a --db that does not exist:
// every command is refused with exit 2 and a coded Chinese message, and the file is left byte for byte.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../backend/testing/temp-db';
import { initCountyDatabase } from '../backend/county-setup';

const ROOT = path.resolve(__dirname, '..', '..');
const BIN = path.join(ROOT, 'bin', 'workbench.cjs');

function workbench(...args: string[]) {
  const result = spawnSync(process.execPath, [BIN, ...args, '--json'], { encoding: 'utf8', timeout: 60_000 });
  return { status: result.status, stderr: result.stderr, error: () => (JSON.parse(result.stdout) as { error: { code: string; message: string } }).error };
}

describe('workbench CLI refuses a database it must not write', () => {
  let dir: string;
  let newer: string;
  beforeAll(async () => {
    spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'build.mjs'), 'engine'], { stdio: 'ignore' });
    dir = tempDir();
    newer = path.join(dir, 'from-a-newer-version.sqlite');
    await (await initCountyDatabase(newer)).close();
    const sqlite = new Database(newer);
    sqlite.prepare('insert into kysely_migration (name, timestamp) values (?, ?)').run('209912312359_from_a_newer_version', '2099-12-31T23:59:00.000Z');
    sqlite.pragma('wal_checkpoint(TRUNCATE)');
    sqlite.close();
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('check, payroll, report, backup, import, undo-import, add-user and serve: exit 2, DB_SCHEMA_NEWER, file unchanged', () => {
    const before = fs.readFileSync(newer);
    const ledger = path.join(dir, 'ledger.xlsx');
    fs.writeFileSync(ledger, 'read only after the database is opened');
    const commands: string[][] = [
      ['check', '--db', newer],
      ['payroll', '--db', newer, '--month', '2022-06'],
      ['report', 'R3', '--db', newer, '--month', '2022-06', '--out', path.join(dir, 'reports')],
      ['backup', '--db', newer, '--out', path.join(dir, 'copy.sqlite')],
      ['import', ledger, '--db', newer, '--kind', 'people'],
      ['undo-import', '1', '--db', newer],
      ['add-user', '--db', newer, '--username', 'x', '--role', 'clerk', '--password', 'Abcdef123456!'],
      ['serve', '--db', newer, '--port', '0'],
    ];
    for (const args of commands) {
      const run = workbench(...args);
      expect(run.status, args[0]).toBe(2);
      expect(run.error().code, args[0]).toBe('DB_SCHEMA_NEWER');
      expect(run.error().message).toContain('请先把工作台升级到最新版本');
    }
    expect(fs.readFileSync(newer).equals(before)).toBe(true);
    expect(fs.existsSync(path.join(dir, 'copy.sqlite'))).toBe(false);
    expect(fs.existsSync(path.join(dir, 'backups'))).toBe(false);
  });

  it('says "file not found" (DB_NOT_FOUND) for a --db that does not exist, and creates nothing', () => {
    const missing = path.join(dir, 'no-such.sqlite');
    for (const args of [['check', '--db', missing], ['payroll', '--db', missing, '--month', '2022-06']]) {
      const run = workbench(...args);
      expect(run.status).toBe(2);
      expect(run.error().code).toBe('DB_NOT_FOUND');
      expect(run.error().message).toContain('找不到数据库文件');
    }
    expect(fs.existsSync(missing)).toBe(false);
  });
});
