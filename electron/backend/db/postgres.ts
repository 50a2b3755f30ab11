// The PostgreSQL store: the same engine on an office's server database (issue 16), through kysely's
// PostgresDialect and the `pg` driver. The database is made by the office's administrator (CREATE DATABASE);
// `init` fills an empty one, and opening one refuses a database that is not ours, as for a file.
import pg from 'pg';
import { Kysely, Migrator, PostgresDialect, sql } from 'kysely';
import type { Database } from './schema';
import { WorkbenchFailure } from '../failure';
import { schemaCompatibility, type SchemaCompatibility } from './migrations/compatibility';

/** bigint (int8) and numeric (sum of bigints) as JS numbers: fen of a county are far below 2^53. */
const INT8_OID = 20;
const NUMERIC_OID = 1700;
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8_OID || oid === NUMERIC_OID) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format);
  },
} as pg.CustomTypesConfig;

/** The URL as it may be shown or logged: the password replaced. */
export function displayUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres://…';
  }
}

/** lock_not_available: a row or table lock not granted within lock_timeout (another seat's long write). */
export const PG_LOCK_TIMEOUT = '55P03';

export function postgresPool(url: string, lockTimeoutMs: number): pg.Pool {
  // lock_timeout plays SQLite's busy_timeout: a write waits that long for another seat's lock, then fails
  // with 55P03, which the engine reports as DB_BUSY.
  const pool = new pg.Pool({ connectionString: url, types, max: 10, application_name: 'county-employment-workbench', lock_timeout: lockTimeoutMs });
  // An idle connection the server drops (restart, network) must not end the process: the next query
  // opens a new one, or reports the failure to its caller.
  pool.on('error', () => undefined);
  return pool;
}

export function postgresKysely(pool: pg.Pool): Kysely<Database> {
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

/** Connects once, so a wrong address or password is one clear coded message rather than a driver stack. */
export async function reachPostgres(pool: pg.Pool, url: string): Promise<void> {
  try {
    const client = await pool.connect();
    client.release();
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw new WorkbenchFailure('PG_UNREACHABLE', { url: displayUrl(url), detail: (error as Error).message });
  }
}

/** The tables of the current schema (an empty database has none). */
export async function postgresTables(db: Kysely<Database>): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`select table_name as name from information_schema.tables
    where table_schema = current_schema() and table_type = 'BASE TABLE' order by 1`.execute(db);
  return rows.map((r) => r.name);
}

export async function postgresAppliedMigrations(db: Kysely<Database>): Promise<string[]> {
  if (!(await postgresTables(db)).includes('kysely_migration')) return [];
  const { rows } = await sql<{ name: string }>`select name from kysely_migration`.execute(db);
  return rows.map((r) => r.name);
}

export async function postgresSchemaOf(db: Kysely<Database>, known: string[]): Promise<SchemaCompatibility> {
  return schemaCompatibility(await postgresAppliedMigrations(db), known);
}

export async function migratePostgres(db: Kysely<Database>, provider: ConstructorParameters<typeof Migrator>[0]['provider']): Promise<void> {
  const { error } = await new Migrator({ db, provider }).migrateToLatest();
  if (error) throw error;
}
