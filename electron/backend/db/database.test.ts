import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createDatabase, openDatabase, pendingMigrations, integrityReport } from './database';
import { tempDir } from '../testing/temp-db';
import { WorkbenchFailure } from '../failure';

const dirs: string[] = [];
afterEach(() => { for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true }); });
function scratch(): string { const d = tempDir(); dirs.push(d); return d; }

async function refusal(promise: Promise<unknown>): Promise<string> {
  try { await promise; return 'opened'; } catch (error) { return error instanceof WorkbenchFailure ? error.code : `threw ${(error as Error).message}`; }
}

describe('the workbench database', () => {
  it('is created in WAL mode with foreign keys on and every migration applied', async () => {
    const file = path.join(scratch(), 'w.sqlite');
    const wdb = await createDatabase(file);
    expect(wdb.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(wdb.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(pendingMigrations(wdb.sqlite)).toEqual([]);
    const tables = (wdb.sqlite.prepare("select name from sqlite_master where type='table'").all() as { name: string }[]).map((t) => t.name);
    for (const t of ['people', 'divisions', 'year_policies', 'posts', 'placements', 'attendance', 'payroll_months', 'payroll_lines', 'adjustments', 'employment_records', 'services', 'trainings', 'trainees', 'import_batches', 'import_changes', 'audit_log', 'users']) {
      expect(tables).toContain(t);
    }
    expect(integrityReport(wdb.sqlite).ok).toBe(true);
    await wdb.close();
    const reopened = await openDatabase(file);
    await reopened.close();
  });

  it('refuses to create over an existing file and leaves it untouched', async () => {
    const file = path.join(scratch(), 'precious.sqlite');
    fs.writeFileSync(file, 'precious data');
    expect(await refusal(createDatabase(file))).toBe('DB_EXISTS');
    expect(fs.readFileSync(file, 'utf8')).toBe('precious data');
  });

  it('refuses a file that is not a workbench database and never writes to it', async () => {
    const dir = scratch();
    const text = path.join(dir, 'notes.txt');
    fs.writeFileSync(text, 'hello');
    expect(await refusal(openDatabase(text))).toBe('DB_NOT_WORKBENCH');
    expect(await refusal(openDatabase(path.join(dir, 'missing.sqlite')))).toBe('DB_NOT_WORKBENCH');

    const foreign = path.join(dir, 'other-app.sqlite');
    const other = new Database(foreign);
    other.exec("create table things(x); insert into things values (1);");
    other.close();
    const before = fs.readFileSync(foreign);
    expect(await refusal(openDatabase(foreign))).toBe('DB_NOT_WORKBENCH');
    expect(fs.readFileSync(foreign).equals(before)).toBe(true);
    expect(fs.existsSync(`${foreign}-wal`)).toBe(false);
  });

  it('refuses a corrupted workbench database with DB_CORRUPT', async () => {
    const file = path.join(scratch(), 'w.sqlite');
    const wdb = await createDatabase(file);
    wdb.sqlite.exec('create table filler(x text); ');
    const insert = wdb.sqlite.prepare('insert into filler values (?)');
    wdb.sqlite.transaction(() => { for (let i = 0; i < 3000; i++) insert.run('x'.repeat(200)); })();
    wdb.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    await wdb.close();
    // Scribble over pages in the middle of the file, keeping the header (page 1) intact.
    const bytes = fs.readFileSync(file);
    for (let i = 8 * 4096; i < 40 * 4096; i++) bytes[i] = (i * 7) & 0xff;
    fs.writeFileSync(file, bytes);
    const code = await refusal(openDatabase(file));
    expect(['DB_CORRUPT', 'DB_NOT_WORKBENCH']).toContain(code);
  });
});
