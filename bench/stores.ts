// Stores benchmark (issue 16): the same county on SQLite and on PostgreSQL (a throwaway cluster started for
// the run, Debian's server on loopback, fsync off like the test cluster), each figure beside a baseline
// measured in the same run:
//   - writing N people into PostgreSQL through the store (the copy `init --demo` uses) beside raw `pg`
//     multi-row INSERTs of the same rows, and beside SQLite's driver writing them;
//   - opening 人员台账 (people.list, every row) on PostgreSQL beside the same call on SQLite.
// File imports are not on PostgreSQL yet (STORE_SQLITE_ONLY): there is no import figure for it here.
import { performance } from 'node:perf_hooks';
import { initCountyDatabase } from '../electron/backend/county-setup';
import { createContext } from '../electron/backend/context';
import { seedDemo } from '../electron/backend/demo/seed';
import { dispatch } from '../electron/backend/dispatch';
import { replacePostgresContents } from '../electron/backend/db/copy-store';
import type { WorkbenchDb } from '../electron/backend/db/database';
import { startPostgresCluster } from '../electron/backend/testing/postgres';
import type { BenchRow } from './payroll';

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await work();
  return { ms: performance.now() - start, value };
}

async function median(runs: number, work: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push((await timed(work)).ms);
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
}

export async function benchStores(sizes: readonly number[] = [10_000, 100_000]): Promise<BenchRow[]> {
  const cluster = await startPostgresCluster();
  const rows: BenchRow[] = [];
  try {
    for (const people of sizes) {
      const source = await initCountyDatabase(':memory:');
      if (source.dialect !== 'sqlite') throw new Error('memory is SQLite');
      await seedDemo(await createContext(source), { people });
      const personRows = source.sqlite.prepare('select * from people order by id').raw(true).all() as unknown[][];
      const columns = (source.sqlite.pragma('table_info(people)') as { name: string }[]).map((c) => c.name);

      // Ours: every table of the county into an empty PostgreSQL store.
      const url = await cluster.createDatabase();
      const target = await initCountyDatabase(url);
      if (target.dialect !== 'postgres') throw new Error('a URL is PostgreSQL');
      const copy = await timed(() => replacePostgresContents(source, target));
      const copied = Object.values(copy.value).reduce((n, v) => n + v, 0);

      // Baseline: the people rows alone with raw pg, multi-row INSERTs of 30,000 parameters, in one transaction.
      const rawUrl = await cluster.createDatabase();
      const raw = await initCountyDatabase(rawUrl);
      if (raw.dialect !== 'postgres') throw new Error('a URL is PostgreSQL');
      const client = await raw.pool.connect();
      const perInsert = Math.floor(30_000 / columns.length);
      const names = columns.map((c) => `"${c}"`).join(', ');
      const rawInsert = await timed(async () => {
        await client.query('begin');
        for (let start = 0; start < personRows.length; start += perInsert) {
          const chunk = personRows.slice(start, start + perInsert);
          let n = 0;
          await client.query(`insert into people (${names}) values ${chunk.map((row) => `(${row.map(() => `$${++n}`).join(', ')})`).join(', ')}`, chunk.flat());
        }
        await client.query('commit');
      });
      client.release();
      // Baseline: SQLite's driver writing the same rows (one prepared multi-row INSERT) into a fresh file in memory.
      const lite = await initCountyDatabase(':memory:');
      if (lite.dialect !== 'sqlite') throw new Error('memory is SQLite');
      const sqliteInsert = await timed(async () => {
        const per = Math.floor(4000 / columns.length);
        const tuple = `(${columns.map(() => '?').join(', ')})`;
        lite.sqlite.transaction(() => {
          for (let start = 0; start < personRows.length; start += per) {
            const chunk = personRows.slice(start, start + per);
            lite.sqlite.prepare(`insert into people (${names}) values ${chunk.map(() => tuple).join(', ')}`).run(chunk.flat());
          }
        })();
      });
      rows.push({
        name: `copy ${people / 1000}k → pg`, ms: copy.ms, budgetMs: null, baseline: `raw pg INSERT of the ${personRows.length} people alone`, baselineMs: rawInsert.ms,
        detail: `${copied} rows in all tables (${Math.round(copied / (copy.ms / 1000))} rows/s); people alone: pg ${Math.round(personRows.length / (rawInsert.ms / 1000))} rows/s, SQLite driver ${sqliteInsert.ms.toFixed(0)} ms (${Math.round(personRows.length / (sqliteInsert.ms / 1000))} rows/s)`,
      });

      // 人员台账: every row, on both stores, the median of 5.
      const onSqlite = await createContext(source);
      const onPostgres = await createContext(target);
      const list = (ctx: typeof onSqlite) => async () => { const r = await dispatch(ctx, 'people.list', {}); if (!r.ok) throw new Error(r.error.message); };
      const pgMs = await median(5, list(onPostgres));
      const sqliteMs = await median(5, list(onSqlite));
      rows.push({ name: `people.list ${people / 1000}k`, ms: pgMs, budgetMs: null, baseline: 'the same call on SQLite', baselineMs: sqliteMs, detail: `PostgreSQL ${(pgMs / sqliteMs).toFixed(2)}× SQLite` });

      for (const wdb of [source, target, raw, lite] as WorkbenchDb[]) await wdb.close();
    }
  } finally {
    cluster.stop();
  }
  return rows;
}
