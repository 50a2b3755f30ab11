// Stores benchmark (issue 16): the same county on SQLite and on PostgreSQL (a throwaway cluster started for
// the run, Debian's server on loopback, fsync off like the test cluster), each figure beside a baseline
// measured in the same run:
//   - writing N people into PostgreSQL through the store (the copy `init --demo` uses) beside raw `pg`
//     multi-row INSERTs of the same rows, and beside SQLite's driver writing them;
//   - opening 人员台账 (people.list, every row) on PostgreSQL beside the same call on SQLite;
//   - importing a township file of N new people (dry run, then the commit of that kept dry run, as 数据导入
//     does) into PostgreSQL, beside the same import into a SQLite file and beside a raw `pg` COPY … FROM
//     STDIN of the same people rows (what the fastest bulk load of PostgreSQL costs; the import writes
//     multi-row INSERTs instead, since COPY cannot give back the new ids its undo records need).
// Each step's CPU time in this process is printed with it (the server's own CPU is not in it): on a shared
// machine the wall-clock figures move with the load, the CPU figures much less.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { writeTownshipFile } from './import';
import { initCountyDatabase } from '../electron/backend/county-setup';
import { createContext } from '../electron/backend/context';
import { seedDemo } from '../electron/backend/demo/seed';
import { dispatch } from '../electron/backend/dispatch';
import { replacePostgresContents } from '../electron/backend/db/copy-store';
import { findPgTool, pgDumpTo } from '../electron/backend/db/pg-dump';
import type { WorkbenchDb } from '../electron/backend/db/database';
import { startPostgresCluster } from '../electron/backend/testing/postgres';
import type { BenchRow } from './payroll';

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; cpuMs: number; value: T }> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const value = await work();
  const used = process.cpuUsage(cpu);
  return { ms: performance.now() - start, cpuMs: (used.user + used.system) / 1000, value };
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

/** A value as COPY's text format writes it (tab-separated, \\N for null, backslash escapes). */
function copyText(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  return String(value).replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
}

/**
 * Import of a township file of N new people into PostgreSQL and into a SQLite file — the dry run, then the
 * commit of the kept dry run (the automatic backup before it included: pg_dump on PostgreSQL, the file copy
 * on SQLite) — beside a raw `pg` COPY of the same people rows into an empty county's people table.
 */
export async function benchImportStores(sizes: readonly number[] = [10_000, 100_000]): Promise<BenchRow[]> {
  const cluster = await startPostgresCluster();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'workbench-bench-import-pg-'));
  // The automatic backups before each commit go to this run's folder, not the machine's data folder.
  const dataDir = process.env.WORKBENCH_DATA_DIR;
  process.env.WORKBENCH_DATA_DIR = path.join(dir, 'data');
  const rows: BenchRow[] = [];
  try {
    for (const people of sizes) {
      const file = path.join(dir, `township-${people}.xlsx`);
      await writeTownshipFile(file, people);
      // Through the one door, as 数据导入 does: open the file, the dry run (kept with the upload), the commit.
      const call = async <T>(ctx: Awaited<ReturnType<typeof createContext>>, channel: string, input: unknown): Promise<T> => {
        const answer = await dispatch(ctx, channel as Parameters<typeof dispatch>[1], input as never);
        if (!answer.ok) throw new Error(`${channel}: ${answer.error.message}`);
        return answer.data as T;
      };
      const importInto = async (location: string) => {
        const wdb = await initCountyDatabase(location);
        const ctx = await createContext(wdb);
        const { token } = await call<{ token: string }>(ctx, 'import.open', { fileName: path.basename(file), base64: fs.readFileSync(file).toString('base64'), kind: 'people' });
        const dry = await timed(() => call(ctx, 'import.preview', { token, kind: 'people' }));
        const commit = await timed(() => call<{ summary: { created: number } }>(ctx, 'import.commit', { token, kind: 'people' }));
        if (commit.value.summary.created !== people) throw new Error(`${location}: created ${commit.value.summary.created} of ${people}`);
        return { wdb, dry, commit };
      };
      const lite = await importInto(path.join(dir, `county-${people}.sqlite`));
      const onPg = await importInto(await cluster.createDatabase());
      if (onPg.wdb.dialect !== 'postgres') throw new Error('a URL is PostgreSQL');

      // Baseline: the same people rows (as the import wrote them) by COPY … FROM STDIN into an empty county.
      const columns = (await onPg.wdb.pool.query<{ name: string }>(`select column_name as name from information_schema.columns
        where table_schema = current_schema() and table_name = 'people' and column_name <> 'id' order by ordinal_position`)).rows.map((r) => r.name);
      const written = (await onPg.wdb.pool.query({ text: `select ${columns.join(', ')} from people order by id`, rowMode: 'array' })).rows as unknown[][];
      const baselineDb = await initCountyDatabase(await cluster.createDatabase());
      if (baselineDb.dialect !== 'postgres') throw new Error('a URL is PostgreSQL');
      // What the automatic backup before the commit costs: pg_dump of a county as it was before the import.
      const dump = findPgTool('pg_dump') ? await timed(() => pgDumpTo(baselineDb.url, path.join(dir, `before-${people}.dump`))) : null;
      const client: pg.PoolClient = await baselineDb.pool.connect();
      const copy = await timed(async () => {
        await client.query('begin');
        await pipeline(Readable.from((function* () {
          for (let i = 0; i < written.length; i += 1000) yield written.slice(i, i + 1000).map((r) => `${r.map(copyText).join('\t')}\n`).join('');
        })()), client.query(copyFrom(`copy people (${columns.join(', ')}) from stdin`)));
        await client.query('commit');
      });
      client.release();
      const copied = Number((await baselineDb.pool.query<{ n: string }>('select count(*) n from people')).rows[0]!.n);
      if (copied !== people) throw new Error(`COPY wrote ${copied} of ${people}`);

      const rate = (ms: number) => `${Math.round(people / (ms / 1000))} rows/s`;
      const k = `${people / 1000}k`;
      rows.push({
        name: `import ${k} dry pg`, ms: onPg.dry.ms, budgetMs: null, baseline: 'the same dry run on SQLite', baselineMs: lite.dry.ms,
        detail: `CPU ${onPg.dry.cpuMs.toFixed(0)} ms (SQLite ${lite.dry.cpuMs.toFixed(0)} ms); PostgreSQL ${(onPg.dry.ms / lite.dry.ms).toFixed(2)}× SQLite`,
      });
      rows.push({
        name: `import ${k} commit pg`, ms: onPg.commit.ms, budgetMs: null, baseline: `raw pg COPY of the ${people} people rows`, baselineMs: copy.ms,
        detail: `${rate(onPg.commit.ms)}; CPU ${onPg.commit.cpuMs.toFixed(0)} ms; COPY ${rate(copy.ms)}; SQLite commit ${lite.commit.ms.toFixed(0)} ms (${rate(lite.commit.ms)}, CPU ${lite.commit.cpuMs.toFixed(0)} ms); both include the automatic backup before (pg_dump: ${dump ? `${dump.ms.toFixed(0)} ms for the county before the import` : 'not installed, none taken'} / the SQLite file's copy)`,
      });
      for (const wdb of [lite.wdb, onPg.wdb, baselineDb]) await wdb.close();
    }
  } finally {
    cluster.stop();
    if (dataDir === undefined) delete process.env.WORKBENCH_DATA_DIR; else process.env.WORKBENCH_DATA_DIR = dataDir;
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}
