// Opening the workbench database: WAL, foreign keys, integrity check, migrations, and refusal of any file
// that is not ours (never overwritten). Two stores behind the same engine: a SQLite file (one seat, the
// desktop) or a PostgreSQL database named by a postgres:// URL (the office server, issue 16).
import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect, SqliteDriver, CompiledQuery, type DatabaseConnection, type Driver } from 'kysely';
import type { Database } from './schema';
import { migrationProvider, migrations } from './migrations/index';
import { postgresMigrations } from './migrations/postgres';
import { displayUrl, migratePostgres, postgresKysely, postgresPool, postgresSchemaOf, postgresTables, reachPostgres } from './postgres';
import type pg from 'pg';
import { schemaCompatibility, type SchemaCompatibility } from './migrations/compatibility';
import { WorkbenchFailure, isBusy } from '../failure';
import { restrictFile } from '../file-safety';

export const APP_MARKER = 'county-employment-workbench';

export type StoreDialect = 'sqlite' | 'postgres';

interface StoreBase {
  db: Kysely<Database>;
  /** The SQLite file, or the PostgreSQL URL with its password hidden (safe to show and log). */
  path: string;
  close(): Promise<void>;
}

/** A SQLite file: the driver's own handle is there for the paths that use it directly (bulk import, backup). */
export interface SqliteStore extends StoreBase { dialect: 'sqlite'; sqlite: SqliteDatabase.Database }

/** A PostgreSQL database: only kysely (and the pool under it). `sqlite` is absent, so the compiler finds every direct use. */
export interface PostgresStore extends StoreBase { dialect: 'postgres'; sqlite?: undefined; pool: pg.Pool; url: string }

export type WorkbenchDb = SqliteStore | PostgresStore;

/** The one rule for `--db` and WORKBENCH_DB: a postgres:// (or postgresql://) URL, else a SQLite file path. */
export function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location);
}

/**
 * The SQLite handle of a store, for code that has only a SQLite path so far; on PostgreSQL a coded
 * refusal naming the feature (never a crash on `undefined`).
 */
export function requireSqlite(wdb: WorkbenchDb, feature: string): SqliteDatabase.Database {
  if (wdb.dialect !== 'sqlite') throw new WorkbenchFailure('STORE_SQLITE_ONLY', { feature });
  return wdb.sqlite;
}

const SQLITE_HEADER = 'SQLite format 3\0';

/**
 * How long a statement waits for another process's write to finish before giving up with DB_BUSY. Two
 * writers (a CLI import beside `serve`, two windows) queue behind each other instead of failing; the
 * longest write (a 100,000-row import commit) takes a few seconds. WORKBENCH_BUSY_TIMEOUT_MS overrides it.
 */
export const BUSY_TIMEOUT_MS = Number(process.env.WORKBENCH_BUSY_TIMEOUT_MS) || 30_000;

function openSqlite(file: string): SqliteDatabase.Database {
  const sqlite = new SqliteDatabase(file);
  // Set first: even switching to WAL waits for a process that holds the file (a restore in progress).
  sqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('synchronous = NORMAL');
  if (file !== ':memory:') for (const suffix of ['', '-wal', '-shm']) restrictFile(file + suffix);
  return sqlite;
}

/**
 * Every kysely transaction starts with BEGIN IMMEDIATE: it takes the write lock before its first read, so
 * a second process's transaction waits (busy_timeout) at its start instead of failing later with
 * "database is locked" when it upgrades a stale read snapshot (SQLITE_BUSY_SNAPSHOT is never retried).
 * Rollback is skipped when SQLite already rolled back (disk full, I/O error): otherwise "cannot rollback
 * - no transaction is active" would hide the real cause.
 */
class ImmediateSqliteDialect extends SqliteDialect {
  constructor(private readonly sqlite: SqliteDatabase.Database) { super({ database: sqlite }); }

  override createDriver(): Driver {
    const sqlite = this.sqlite;
    return new class extends SqliteDriver {
      override async beginTransaction(connection: DatabaseConnection): Promise<void> {
        await connection.executeQuery(CompiledQuery.raw('begin immediate'));
      }
      override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
        if (sqlite.inTransaction) await connection.executeQuery(CompiledQuery.raw('rollback'));
      }
    }({ database: sqlite });
  }
}

function wrap(sqlite: SqliteDatabase.Database, file: string): SqliteStore {
  const db = new Kysely<Database>({ dialect: new ImmediateSqliteDialect(sqlite) });
  // kysely closes the driver's database only if it ever ran a query: close it here in any case, or the
  // file stays open (and locked) until the process ends.
  return { dialect: 'sqlite', db, sqlite, path: file, close: async () => { await db.destroy(); if (sqlite.open) sqlite.close(); } };
}

function wrapPostgres(pool: pg.Pool, url: string): PostgresStore {
  const db = postgresKysely(pool);
  // kysely's destroy ends the pool.
  return { dialect: 'postgres', db, pool, url, path: displayUrl(url), close: async () => { await db.destroy(); } };
}

const POSTGRES_PROVIDER = { getMigrations: async () => postgresMigrations(migrations) };

/** Creates the workbench's tables in an empty PostgreSQL database; refuses one that has any table. */
async function createPostgres(url: string): Promise<PostgresStore> {
  const pool = postgresPool(url, BUSY_TIMEOUT_MS);
  await reachPostgres(pool, url);
  const handle = wrapPostgres(pool, url);
  try {
    if ((await postgresTables(handle.db)).length > 0) throw new WorkbenchFailure('PG_NOT_EMPTY', { url: handle.path });
    await migratePostgres(handle.db, POSTGRES_PROVIDER);
    await handle.db.insertInto('meta').values({ key: 'app', value: APP_MARKER }).execute();
  } catch (error) {
    await handle.close();
    throw error;
  }
  return handle;
}

/** Opens a workbench PostgreSQL database: ours (the meta marker), not from a newer build, then migrated. */
async function openPostgres(url: string, beforeMigrate?: (wdb: WorkbenchDb) => Promise<void>): Promise<PostgresStore> {
  const pool = postgresPool(url, BUSY_TIMEOUT_MS);
  await reachPostgres(pool, url);
  const handle = wrapPostgres(pool, url);
  try {
    const tables = await postgresTables(handle.db);
    const marker = tables.includes('meta') ? await getMeta(handle.db, 'app') : undefined;
    if (marker !== APP_MARKER) throw new WorkbenchFailure('DB_NOT_WORKBENCH', { path: handle.path });
    const schema = await postgresSchemaOf(handle.db, Object.keys(migrations).sort());
    refuseIncompatible(schema);
    if (schema.state === 'behind') {
      await beforeMigrate?.(handle);
      await migratePostgres(handle.db, POSTGRES_PROVIDER);
    }
  } catch (error) {
    await handle.close();
    throw error;
  }
  return handle;
}

async function migrateToLatest(db: Kysely<Database>): Promise<void> {
  const migrator = new Migrator({ db, provider: migrationProvider });
  const { error } = await migrator.migrateToLatest();
  if (error) throw error;
}

/** Creates a new database file (or fills an empty PostgreSQL database); refuses to touch one that already has content. */
export async function createDatabase(file: string): Promise<WorkbenchDb> {
  if (isPostgresUrl(file)) return createPostgres(file);
  if (file !== ':memory:' && fs.existsSync(file) && fs.statSync(file).size > 0) {
    throw new WorkbenchFailure('DB_EXISTS', { path: file });
  }
  // A folder made here is the user's alone (0700); an existing one is left as the user set it.
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true, mode: 0o700 });
  const sqlite = openSqlite(file);
  const handle = wrap(sqlite, file);
  await migrateToLatest(handle.db);
  await handle.db.insertInto('meta').values({ key: 'app', value: APP_MARKER }).execute();
  return handle;
}

/** The migrations the file says it has had (kysely's own table; none before the first). */
export function appliedMigrations(sqlite: SqliteDatabase.Database): string[] {
  const hasTable = sqlite.prepare("select 1 from sqlite_master where type='table' and name='kysely_migration'").get();
  return hasTable ? (sqlite.prepare('select name from kysely_migration').all() as { name: string }[]).map((r) => r.name) : [];
}

/** How the file's migrations stand against this build's (see compatibility.ts). */
export function schemaOf(sqlite: SqliteDatabase.Database): SchemaCompatibility {
  return schemaCompatibility(appliedMigrations(sqlite), Object.keys(migrations).sort());
}

/** Refuses, with a code, a file this build must not write: from a newer version, or with a gap in its history. */
function refuseIncompatible(schema: SchemaCompatibility): void {
  if (schema.state === 'newer') throw new WorkbenchFailure('DB_SCHEMA_NEWER', { detail: schema.unknown.join('、') });
  if (schema.state === 'mismatch') throw new WorkbenchFailure('DB_SCHEMA_MISMATCH', { detail: schema.missing.join('、') });
}

/** The migrations this build knows that the file has not had yet. */
export function pendingMigrations(sqlite: SqliteDatabase.Database): string[] {
  const schema = schemaOf(sqlite);
  refuseIncompatible(schema);
  return schema.state === 'behind' ? schema.pending : [];
}

/**
 * Opens an existing workbench database. A file that is not SQLite, not ours, or fails the integrity check
 * is refused with a clear code and left exactly as it was.
 * `beforeMigrate` runs (e.g. a backup) when the file needs migrations.
 */
export async function openDatabase(file: string, options: { beforeMigrate?: (wdb: WorkbenchDb) => Promise<void> } = {}): Promise<WorkbenchDb> {
  if (isPostgresUrl(file)) return openPostgres(file, options.beforeMigrate);
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw new WorkbenchFailure('DB_NOT_FOUND', { path: file });
  const header = Buffer.alloc(16);
  const fd = fs.openSync(file, 'r');
  try { fs.readSync(fd, header, 0, 16, 0); } finally { fs.closeSync(fd); }
  if (header.toString('latin1') !== SQLITE_HEADER) throw new WorkbenchFailure('DB_NOT_WORKBENCH', { path: file });

  // Read-only first: nothing is written (not even WAL mode) to a file we have not recognised.
  const probe = new SqliteDatabase(file, { readonly: true, fileMustExist: true });
  try {
    probe.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    let marker: { value: string } | undefined;
    try {
      marker = probe.prepare("select value from meta where key = 'app'").get() as { value: string } | undefined;
    } catch (error) {
      // A file another process holds exclusively (a restore running) is ours and busy, not foreign.
      if (isBusy(error)) throw new WorkbenchFailure('DB_BUSY');
      marker = undefined;
    }
    if (marker?.value !== APP_MARKER) throw new WorkbenchFailure('DB_NOT_WORKBENCH', { path: file });
    // A file from a newer version is refused before anything (WAL mode, migrations) is written to it.
    refuseIncompatible(schemaOf(probe));
    const check = probe.pragma('quick_check', { simple: false }) as { quick_check: string }[];
    const problems = check.map((r) => r.quick_check).filter((m) => m !== 'ok');
    if (problems.length > 0) throw new WorkbenchFailure('DB_CORRUPT', { detail: problems.slice(0, 3).join('; ') });
  } catch (error) {
    if (error instanceof WorkbenchFailure) throw error;
    if (isBusy(error)) throw new WorkbenchFailure('DB_BUSY');
    throw new WorkbenchFailure('DB_CORRUPT', { detail: (error as Error).message });
  } finally {
    probe.close();
  }

  const sqlite = openSqlite(file);
  const handle = wrap(sqlite, file);
  if (pendingMigrations(sqlite).length > 0) {
    await options.beforeMigrate?.(handle);
    await migrateToLatest(handle.db);
  }
  return handle;
}

/**
 * Whether a SQLite database has changed: total_changes() counts every row this connection wrote (every write
 * of the engine goes through it, rolled back or not) and data_version moves when another connection commits.
 * Equal signatures mean the same data: rows judged under the first can be written under the second without
 * judging them again (import), and figures computed under the first can be given again (首页).
 */
export function dataSignature(sqlite: SqliteDatabase.Database): string {
  const changes = sqlite.prepare('select total_changes() n').pluck().get() as number;
  return `${changes}|${String(sqlite.pragma('data_version', { simple: true }))}`;
}

/** Full integrity check plus foreign keys, for `workbench check`. */
export function integrityReport(sqlite: SqliteDatabase.Database): { ok: boolean; integrity: string[]; foreignKeyViolations: number } {
  const integrity = (sqlite.pragma('integrity_check', { simple: false }) as { integrity_check: string }[]).map((r) => r.integrity_check);
  const fk = sqlite.pragma('foreign_key_check') as unknown[];
  const ok = integrity.length === 1 && integrity[0] === 'ok' && fk.length === 0;
  return { ok, integrity, foreignKeyViolations: fk.length };
}

export async function getMeta(db: Kysely<Database>, key: string): Promise<string | undefined> {
  const row = await db.selectFrom('meta').select('value').where('key', '=', key).executeTakeFirst();
  return row?.value;
}

export async function setMeta(db: Kysely<Database>, key: string, value: string): Promise<void> {
  await db.insertInto('meta').values({ key, value }).onConflict((oc) => oc.column('key').doUpdateSet({ value })).execute();
}
