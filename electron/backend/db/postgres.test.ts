// The PostgreSQL store itself (issue 16), on the run's throwaway cluster: created and migrated with the same
// history as a SQLite file, reopened, refused when not ours or not empty or unreachable, numbers as numbers,
// text in byte order, and the database's own guards (append-only audit log, frozen payroll lines).
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDatabase, isPostgresUrl, openDatabase, type WorkbenchDb } from './database';
import { migrations } from './migrations/index';
import { POSTGRES_TRIGGERS } from './migrations/postgres';
import { tempPostgresDatabase } from '../testing/temp-postgres';
import { queryNumber, queryRows } from '../testing/store-sql';
import pg from 'pg';
import { WorkbenchFailure, operationalFailure } from '../failure';

async function refusal(promise: Promise<unknown>): Promise<string> {
  try { await promise; } catch (error) { return error instanceof WorkbenchFailure ? error.code : `not coded: ${(error as Error).message}`; }
  return 'not refused';
}

describe('PostgreSQL store', () => {
  let database: Awaited<ReturnType<typeof tempPostgresDatabase>>;
  let wdb: WorkbenchDb;

  beforeAll(async () => {
    database = await tempPostgresDatabase();
    wdb = await createDatabase(database.url);
  });
  afterAll(async () => { await wdb.close(); await database.drop(); });

  it('tells a postgres:// URL from a file path', () => {
    expect(isPostgresUrl('postgres://u@127.0.0.1:5432/wb')).toBe(true);
    expect(isPostgresUrl('postgresql://u@host/wb')).toBe(true);
    expect(isPostgresUrl('/home/clerk/workbench.sqlite')).toBe(false);
    expect(isPostgresUrl('postgres.sqlite')).toBe(false);
  });

  it('is created with every migration of this build, under the same names as a SQLite file', async () => {
    expect(wdb.dialect).toBe('postgres');
    const applied = (await queryRows<{ name: string }>(wdb, 'select name from kysely_migration order by name')).map((r) => r.name);
    expect(applied).toEqual(Object.keys(migrations).sort());
    const triggers = (await queryRows<{ tgname: string }>(wdb, 'select tgname from pg_trigger where not tgisinternal order by 1')).map((r) => r.tgname);
    expect(triggers).toEqual(expect.arrayContaining(POSTGRES_TRIGGERS));
    console.log(`PostgreSQL tested: ${inject('postgresVersion')}`);
  });

  it('reopens (nothing to migrate) and refuses to create over a database that has tables', async () => {
    const again = await openDatabase(database.url);
    expect(again.dialect).toBe('postgres');
    await again.close();
    expect(await refusal(createDatabase(database.url))).toBe('PG_NOT_EMPTY');
  });

  it('refuses an empty or foreign database, and an unreachable server, with codes', async () => {
    const empty = await tempPostgresDatabase();
    try {
      expect(await refusal(openDatabase(empty.url))).toBe('DB_NOT_WORKBENCH');
    } finally { await empty.drop(); }
    const unreachable = new URL(database.url);
    unreachable.port = '1';
    expect(await refusal(openDatabase(unreachable.toString()))).toBe('PG_UNREACHABLE');
  });

  it('gives bigint fen, counts and sums back as numbers, and sorts text in byte order as SQLite does', async () => {
    await queryRows(wdb, "insert into divisions (code, name, level, parent_code) values ('999', '乙', 'county', null), ('998', 'b', 'county', null), ('997', 'B', 'county', null), ('996', '甲', 'county', null)");
    const names = (await queryRows<{ name: string }>(wdb, "select name from divisions where code in ('996','997','998','999') order by name")).map((r) => r.name);
    // Byte order, as SQLite compares: upper case before lower case, 乙 (U+4E59) before 甲 (U+7532) — code points, not pinyin.
    expect(names).toEqual(['B', 'b', '乙', '甲']);
    await queryRows(wdb, "insert into year_policies (year, monthly_subsidy_fen, agreement_months, first_paid_month, last_paid_month, planned_posts) values (2099, 4000000000, 12, '2099-01', '2099-12', 1)");
    expect(await queryNumber(wdb, 'select monthly_subsidy_fen from year_policies where year = 2099')).toBe(4_000_000_000);
    const [row] = await queryRows<{ n: unknown; total: unknown }>(wdb, 'select count(*) n, sum(monthly_subsidy_fen) total from year_policies');
    expect(row).toEqual({ n: 1, total: 4_000_000_000 });
  });

  it('keeps the audit log append-only, for the owner of the tables too', async () => {
    await queryRows(wdb, "insert into audit_log (at, username, entity, action) values ('2026-11-30T00:00:00.000Z', 'admin', 'test', 'create')");
    await expect(queryRows(wdb, "update audit_log set username = 'x'")).rejects.toThrow('audit log is append-only');
    await expect(queryRows(wdb, 'delete from audit_log')).rejects.toThrow('audit log is append-only');
    await expect(queryRows(wdb, 'truncate audit_log')).rejects.toThrow('audit log is append-only');
    expect(await queryNumber(wdb, 'select count(*) from audit_log')).toBe(1);
  });

  it('reports a lock held past lock_timeout by another seat as DB_BUSY', async () => {
    const holder = new pg.Client({ connectionString: database.url });
    const waiter = new pg.Client({ connectionString: database.url });
    await holder.connect();
    await waiter.connect();
    try {
      await holder.query('begin');
      await holder.query('lock table meta in access exclusive mode');
      await waiter.query('set lock_timeout = 200');
      const error = await waiter.query('select * from meta').then(() => null, (e: unknown) => e);
      expect((error as { code?: string }).code).toBe('55P03');
      expect(operationalFailure(error)?.code).toBe('DB_BUSY');
    } finally {
      await holder.query('rollback');
      await holder.end();
      await waiter.end();
    }
  });

  it('fills created_at as ISO text in UTC, like the SQLite default', async () => {
    await queryRows(wdb, "insert into users (username, display_name, role, password_hash) values ('u1', 'U', 'admin', null)");
    const [user] = await queryRows<{ created_at: string }>(wdb, "select created_at from users where username = 'u1'");
    expect(user!.created_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  });
});
