// Copying every row of a SQLite store into a PostgreSQL store of the same schema, replacing what it had:
// how `init --demo` fills a PostgreSQL database (the demo is built by the SQLite seeders, then copied), and
// the core a county's move from its laptop file to the office server can build on.
import type SqliteDatabase from 'better-sqlite3';
import type pg from 'pg';
import type { PostgresStore, SqliteStore } from './database';

/** Columns that point at a table created later (payment_lines → payment_returns): copied empty, then set. */
const FORWARD_COLUMNS: Record<string, string[]> = { payment_lines: ['retry_of_return_id'] };

/** Bound parameters per INSERT: under PostgreSQL's limit of 65,535. */
const PARAMETERS_PER_INSERT = 30_000;

/** The workbench's tables in the order they were created (parents first), without kysely's own. */
function tablesOf(sqlite: SqliteDatabase.Database): string[] {
  return (sqlite.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like 'kysely_%' order by rowid").all() as { name: string }[])
    .map((t) => t.name);
}

async function insertRows(client: pg.PoolClient, table: string, columns: string[], rows: unknown[][]): Promise<void> {
  const perInsert = Math.max(1, Math.floor(PARAMETERS_PER_INSERT / columns.length));
  const names = columns.map((c) => `"${c}"`).join(', ');
  for (let start = 0; start < rows.length; start += perInsert) {
    const chunk = rows.slice(start, start + perInsert);
    let n = 0;
    const tuples = chunk.map((row) => `(${row.map(() => `$${++n}`).join(', ')})`);
    await client.query(`insert into "${table}" (${names}) values ${tuples.join(', ')}`, chunk.flat());
  }
}

/**
 * Replaces every row of `to` with those of `from`, in one PostgreSQL transaction. The guarding triggers
 * (locked months, payments sent once, append-only audit) are set aside for the copy — the rows were
 * accepted by the same triggers in the source — and foreign keys stay checked. Returns the rows per table.
 */
export async function replacePostgresContents(from: SqliteStore, to: PostgresStore): Promise<Record<string, number>> {
  const tables = tablesOf(from.sqlite);
  const copied: Record<string, number> = {};
  const client = await to.pool.connect();
  try {
    await client.query('begin');
    for (const table of tables) await client.query(`alter table "${table}" disable trigger user`);
    for (const table of [...tables].reverse()) await client.query(`delete from "${table}"`);
    const later: { table: string; column: string; rows: [unknown, unknown][] }[] = [];
    for (const table of tables) {
      const columns = (from.sqlite.pragma(`table_info("${table}")`) as { name: string }[]).map((c) => c.name);
      const forward = FORWARD_COLUMNS[table] ?? [];
      const rows = from.sqlite.prepare(`select ${columns.map((c) => `"${c}"`).join(', ')} from "${table}"`).raw(true).all() as unknown[][];
      for (const column of forward) {
        const index = columns.indexOf(column);
        const idIndex = columns.indexOf('id');
        const set = rows.filter((row) => row[index] !== null).map((row) => [row[idIndex], row[index]] as [unknown, unknown]);
        if (set.length > 0) later.push({ table, column, rows: set });
        for (const row of rows) row[index] = null;
      }
      await insertRows(client, table, columns, rows);
      copied[table] = rows.length;
      // Ids were copied as they are: the next id continues after the largest.
      if (columns.includes('id')) {
        await client.query(`select setval(pg_get_serial_sequence('"${table}"', 'id'), coalesce((select max(id) from "${table}"), 0) + 1, false)`);
      }
    }
    for (const { table, column, rows } of later) {
      for (const [id, value] of rows) await client.query(`update "${table}" set "${column}" = $1 where id = $2`, [value, id]);
    }
    for (const table of tables) await client.query(`alter table "${table}" enable trigger user`);
    await client.query('commit');
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
  return copied;
}
