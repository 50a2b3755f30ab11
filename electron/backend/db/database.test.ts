import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import { APP_MARKER, createDatabase, openDatabase, pendingMigrations, integrityReport, requireSqlite } from './database';
import { migrationProvider } from './migrations/index';
import { initCountyDatabase } from '../county-setup';
import { startEngine } from '../engine';
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
    expect(requireSqlite(wdb, 'test').pragma('journal_mode', { simple: true })).toBe('wal');
    expect(requireSqlite(wdb, 'test').pragma('foreign_keys', { simple: true })).toBe(1);
    expect(pendingMigrations(requireSqlite(wdb, 'test'))).toEqual([]);
    const tables = (requireSqlite(wdb, 'test').prepare("select name from sqlite_master where type='table'").all() as { name: string }[]).map((t) => t.name);
    for (const t of ['people', 'divisions', 'year_policies', 'posts', 'placements', 'attendance', 'payroll_months', 'payroll_lines', 'adjustments', 'employment_records', 'services', 'trainings', 'trainees', 'import_batches', 'import_changes', 'audit_log', 'users']) {
      expect(tables).toContain(t);
    }
    expect(integrityReport(requireSqlite(wdb, 'test')).ok).toBe(true);
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
    expect(await refusal(openDatabase(path.join(dir, 'missing.sqlite')))).toBe('DB_NOT_FOUND');
    expect(await refusal(openDatabase(dir))).toBe('DB_NOT_FOUND');

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
    requireSqlite(wdb, 'test').exec('create table filler(x text); ');
    const insert = requireSqlite(wdb, 'test').prepare('insert into filler values (?)');
    requireSqlite(wdb, 'test').transaction(() => { for (let i = 0; i < 3000; i++) insert.run('x'.repeat(200)); })();
    requireSqlite(wdb, 'test').pragma('wal_checkpoint(TRUNCATE)');
    await wdb.close();
    // Scribble over pages in the middle of the file, keeping the header (page 1) intact.
    const bytes = fs.readFileSync(file);
    for (let i = 8 * 4096; i < 40 * 4096; i++) bytes[i] = (i * 7) & 0xff;
    fs.writeFileSync(file, bytes);
    const code = await refusal(openDatabase(file));
    expect(['DB_CORRUPT', 'DB_NOT_WORKBENCH']).toContain(code);
  });
});

describe('a database whose migrations this build does not match', () => {
  /** A real county database whose migration history is then edited as another version would leave it. */
  async function databaseWithHistory(edit: (sqlite: Database.Database) => void): Promise<{ file: string; dir: string; bytes: Buffer }> {
    const dir = scratch();
    const file = path.join(dir, 'workbench.sqlite');
    const wdb = await initCountyDatabase(file);
    await wdb.close();
    const sqlite = new Database(file);
    edit(sqlite);
    sqlite.pragma('wal_checkpoint(TRUNCATE)');
    sqlite.close();
    return { file, dir, bytes: fs.readFileSync(file) };
  }

  it('refuses a database written by a newer version on every opening path, and writes nothing to it', async () => {
    const { file, dir, bytes } = await databaseWithHistory((sqlite) => {
      sqlite.prepare('insert into kysely_migration (name, timestamp) values (?, ?)').run('209912312359_from_a_newer_version', '2099-12-31T23:59:00.000Z');
    });
    expect(await refusal(openDatabase(file))).toBe('DB_SCHEMA_NEWER');
    expect(await refusal(startEngine(file, { createIfMissing: true }))).toBe('DB_SCHEMA_NEWER');
    try {
      await openDatabase(file);
    } catch (error) {
      expect((error as Error).message).toContain('更新版本的工作台');
      expect((error as Error).message).toContain('209912312359_from_a_newer_version');
    }
    expect(fs.readFileSync(file).equals(bytes)).toBe(true);
    // No backup before migrating, no migration: the read-only probe leaves at most SQLite's empty WAL files.
    expect(fs.readdirSync(dir).filter((name) => !/-(wal|shm)$/.test(name))).toEqual(['workbench.sqlite']);
    if (fs.existsSync(`${file}-wal`)) expect(fs.statSync(`${file}-wal`).size).toBe(0);
  });

  it('refuses a history with a gap (an earlier migration missing) instead of letting kysely fail in English', async () => {
    const { file, bytes } = await databaseWithHistory((sqlite) => { sqlite.prepare("delete from kysely_migration where name = '002_payroll'").run(); });
    expect(await refusal(openDatabase(file))).toBe('DB_SCHEMA_MISMATCH');
    expect(fs.readFileSync(file).equals(bytes)).toBe(true);
  });

  it('brings an older database up to date, running the hook (a backup) first', async () => {
    const dir = scratch();
    const file = path.join(dir, 'old.sqlite');
    const sqlite = new Database(file);
    const db = new Kysely<unknown>({ dialect: new SqliteDialect({ database: sqlite }) });
    const { error } = await new Migrator({ db, provider: migrationProvider }).migrateTo('003_placements');
    expect(error).toBeUndefined();
    sqlite.prepare("insert into meta (key, value) values ('app', ?)").run(APP_MARKER);
    await db.destroy();
    let hookRan = 0;
    const wdb = await openDatabase(file, { beforeMigrate: async () => { hookRan += 1; } });
    expect(hookRan).toBe(1);
    expect(pendingMigrations(requireSqlite(wdb, 'test'))).toEqual([]);
    await wdb.close();
  });
});
