// The command line as a user runs it: the built bin/workbench.cjs in a child process.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../backend/testing/temp-db';

const ROOT = path.resolve(__dirname, '..', '..');
const BIN = path.join(ROOT, 'bin', 'workbench.cjs');

function workbench(...args: string[]) {
  const result = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, json: () => JSON.parse(result.stdout) };
}

describe('workbench CLI', () => {
  let dir: string;
  beforeAll(() => {
    // `npm test` builds first; a lone `vitest run` builds the engine bundle here.
    spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'build.mjs'), 'engine'], { stdio: 'ignore' });
    dir = tempDir();
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('init --demo creates the reference county and prints SPEC §6 JSON', () => {
    const db = path.join(dir, 'demo.sqlite');
    const run = workbench('init', '--db', db, '--demo', '--json');
    expect(run.status).toBe(0);
    expect(run.json()).toMatchObject({ db: path.resolve(db), county: '130324000000', people: 9236 });
    expect(Object.keys(run.json()).sort()).toEqual(['county', 'db', 'people', 'placements', 'posts']);
  });

  it('check reports ok with --json, and backup makes a verified copy', () => {
    const db = path.join(dir, 'demo.sqlite');
    const check = workbench('check', '--db', db, '--json');
    expect(check.status).toBe(0);
    expect(check.json()).toMatchObject({ ok: true, people: 9236 });
    const out = path.join(dir, 'copy.sqlite');
    const backup = workbench('backup', '--db', db, '--out', out, '--json');
    expect(backup.status).toBe(0);
    expect(backup.json()).toMatchObject({ ok: true, out: path.resolve(out) });
    expect(workbench('check', '--db', out, '--json').json()).toMatchObject({ ok: true, people: 9236 });
    // A second backup to the same file is refused: nothing is overwritten.
    const again = workbench('backup', '--db', db, '--out', out, '--json');
    expect(again.status).toBe(2);
    expect(again.json().error.code).toBe('USAGE');
  });

  it('exits 2 with a code on unusable input, and never overwrites a file', () => {
    const notDb = path.join(dir, 'notes.txt');
    fs.writeFileSync(notDb, 'not a database');
    const cases: [string[], string][] = [
      [['check', '--db', notDb, '--json'], 'DB_NOT_WORKBENCH'],
      [['init', '--db', notDb, '--json'], 'DB_EXISTS'],
      [['init', '--db', path.join(dir, 'x.sqlite'), '--county', '999999', '--json'], 'UNKNOWN_COUNTY'],
      [['init', '--db', path.join(dir, 'y.sqlite'), '--county', 'abc', '--json'], 'USAGE'],
      [['init', '--json'], 'USAGE'],
      [['frobnicate', '--json'], 'USAGE'],
      [['check', '--db', notDb, '--bogus', '--json'], 'USAGE'],
    ];
    for (const [args, code] of cases) {
      const run = workbench(...args);
      expect(run.status, args.join(' ')).toBe(2);
      expect(run.json().error.code, args.join(' ')).toBe(code);
      expect(run.stderr).toMatch(new RegExp(`workbench: ${code}`));
    }
    expect(fs.readFileSync(notDb, 'utf8')).toBe('not a database');
    expect(fs.existsSync(path.join(dir, 'x.sqlite'))).toBe(false);
  });

  it('adds users; with --user a command runs with that user\'s role, and a clerk is refused admin work', () => {
    const db = path.join(dir, 'demo.sqlite');
    const added = workbench('add-user', '--db', db, '--username', 'yhy', '--password', 'Yhy12345', '--role', 'clerk', '--townships', '130324102000', '--json');
    expect(added.status).toBe(0);
    expect(added.json()).toMatchObject({ username: 'yhy', role: 'clerk', townships: ['130324102000'] });
    const weak = workbench('add-user', '--db', db, '--username', 'weak', '--password', 'short', '--role', 'clerk', '--json');
    expect(weak.status).toBe(2);
    expect(weak.json().error.code).toBe('WEAK_PASSWORD');
    const asClerk = workbench('add-user', '--db', db, '--user', 'yhy', '--username', 'x2', '--password', 'Abc12345', '--role', 'admin', '--json');
    expect(asClerk.status).toBe(2);
    expect(asClerk.json().error.code).toBe('FORBIDDEN');
    expect(workbench('backup', '--db', db, '--user', 'yhy', '--out', path.join(dir, 'clerk.sqlite'), '--json').json().error.code).toBe('FORBIDDEN');
    expect(workbench('backup', '--db', db, '--user', 'nobody', '--out', path.join(dir, 'n.sqlite'), '--json').json().error.code).toBe('UNKNOWN_USER');
    expect(fs.existsSync(path.join(dir, 'clerk.sqlite'))).toBe(false);
    // Every write through the CLI is audited as its actor: without --user, the machine's administrator.
    const sqlite = new Database(db, { readonly: true });
    const entries = sqlite.prepare("select username, action from audit_log where entity = 'user'").all();
    sqlite.close();
    expect(entries).toEqual([{ username: 'local-admin', action: 'create' }]);
  });

  it('init for another county works without --demo and refuses --demo', () => {
    const db = path.join(dir, 'qinglong.sqlite');
    expect(workbench('init', '--db', db, '--county', '130321', '--json').json()).toMatchObject({ county: '130321000000', people: 0 });
    expect(workbench('init', '--db', path.join(dir, 'q2.sqlite'), '--county', '130321', '--demo', '--json').status).toBe(2);
  });
});
