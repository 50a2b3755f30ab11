// One measured step of bench/import.ts, in its own process: prints {ms, rssMb, detail} as its last line.
// Run bundled, as the engine ships (step-bundle.ts).
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import Database from 'better-sqlite3';
import * as XLSX from '@e965/xlsx';
import iconv from 'iconv-lite';
import { openDatabase } from '../electron/backend/db/database';
import { createContext } from '../electron/backend/context';
import { dispatch } from '../electron/backend/dispatch';
import type { ChannelOutput } from '../shared/contract/schemas';
import { benchRows } from './import';
import { pinyin } from 'pinyin-pro';

/** A channel through the engine's one door, as every caller reaches it. */
async function call<T>(ctx: Parameters<typeof dispatch>[0], channel: string, input: unknown): Promise<T> {
  const result = await dispatch(ctx, channel, input);
  if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
  return result.data as T;
}

/**
 * This process's own peak RSS in MB. On Linux from VmHWM, which starts afresh at exec: getrusage's maxRSS
 * of a child carries over its parent's peak from the fork, so a big parent would show in every child.
 */
function peakRssMb(): number {
  try {
    const hwm = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync('/proc/self/status', 'utf8'));
    if (hwm) return Number(hwm[1]) / 1024;
  } catch { /* not Linux */ }
  return process.resourceUsage().maxRSS / 1024;
}

/**
 * CPU time (ms) of the main thread alone, from /proc (Linux; null elsewhere): process.cpuUsage() adds the
 * other threads' time (workers, the thread pool's inflate, the garbage collector's helpers, tsx's loader),
 * which runs beside the main thread's on another core. schedstat counts nanoseconds on the CPU.
 */
function mainThreadCpuMs(): number | null {
  try {
    return Number(fs.readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'utf8').split(' ')[0]) / 1e6;
  } catch { return null; }
}

async function main() {
  const [step, file, db, countText] = process.argv.slice(2) as [string, string, string, string];
  const count = Number(countText);
  // import-kinds.ts measures the other kinds through the same steps.
  const kind = (process.env.IMPORT_KIND ?? 'people') as 'people';
  const month = process.env.IMPORT_MONTH || undefined;
  let detail = '';
  let started = 0;
  let cpu = process.cpuUsage();
  let mainCpu = mainThreadCpuMs();
  const mainCpuMs = () => (mainCpu === null ? undefined : mainThreadCpuMs()! - mainCpu);
  if (step === 'baseline-read') {
    started = performance.now(); cpu = process.cpuUsage(); mainCpu = mainThreadCpuMs();
    let cells = 0;
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, { sharedStrings: 'cache', worksheets: 'emit', styles: 'ignore', hyperlinks: 'ignore', entries: 'ignore' });
    for await (const sheet of reader) for await (const row of sheet) cells += (row as ExcelJS.Row).cellCount;
    detail = `${cells.toLocaleString('en')} cells`;
  } else if (step === 'baseline-sheetjs') {
    const bytes = fs.readFileSync(file);
    started = performance.now(); cpu = process.cpuUsage(); mainCpu = mainThreadCpuMs();
    const book = XLSX.read(bytes, { type: 'buffer', dense: true, cellNF: true, cellText: false });
    detail = `${(book.Sheets[book.SheetNames[0]!]!['!data'] as unknown[]).length.toLocaleString('en')} rows`;
  } else if (step === 'baseline-csv') {
    const bytes = fs.readFileSync(file);
    started = performance.now(); cpu = process.cpuUsage(); mainCpu = mainThreadCpuMs();
    const lines = iconv.decode(bytes, 'gb18030').split(/\r?\n/).map((line) => line.split(','));
    detail = `${lines.length.toLocaleString('en')} lines`;
  } else if (step === 'baseline-insert') {
    // The same rows as plain column values, inserted with one prepared statement in one transaction.
    const rows = benchRows(count);
    const sqlite = new Database(db);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    // The values the import writes: each row's own township and village codes (the people_township index
    // takes them in the file's order, not all under one village) and name initials (as people/repository.ts
    // makes them), looked up before timing.
    const villages = new Map((sqlite.prepare(`select t.name township, v.name village, v.code, v.parent_code from divisions v
      join divisions t on t.code = v.parent_code where v.level = 'village'`).all() as { township: string; village: string; code: string; parent_code: string }[])
      .map((v) => [`${v.township}/${v.village}`, v]));
    const values = rows.map((r) => {
      const village = villages.get(`${r[1]}/${r[2]}`)!;
      return [r[4], r[3], r[5], '1980-01-01', r[11], village.parent_code, village.code, r[7], r[8], r[9], r[10], r[12], r[13], r[19] || null, pinyin(String(r[3]), { pattern: 'first', toneType: 'none', type: 'array', surname: 'head' }).join('').toLowerCase(), '2022-03-01'];
    });
    const insert = sqlite.prepare(`insert into people (id_number, name, sex, birth_date, phone, township_code, village_code, household_no, relation, category, labour_ability, card_number, bank, remark, name_initials, updated_at)
      values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    started = performance.now(); cpu = process.cpuUsage(); mainCpu = mainThreadCpuMs();
    sqlite.transaction(() => {
      for (const v of values) insert.run(v);
    })();
    sqlite.close();
    detail = `${rows.length.toLocaleString('en')} rows`;
  } else {
    const wdb = await openDatabase(db);
    const ctx = await createContext(wdb);
    if (step === 'write') {
      // The write step (backup + the batch's transaction), through the one door: the commit right after a
      // dry run of the same upload, which keeps its verdicts while the database is unchanged, so the commit
      // only writes. A first dry run warms the process up; the second is the one the commit uses.
      const { token } = await call<ChannelOutput<'import.open'>>(ctx, 'import.open', { fileName: path.basename(file), base64: fs.readFileSync(file).toString('base64'), kind: 'people' });
      await call(ctx, 'import.preview', { token, kind: 'people' });
      const t = performance.now();
      await call(ctx, 'import.preview', { token, kind: 'people' });
      const dryMs = performance.now() - t;
      const c = process.cpuUsage();
      mainCpu = mainThreadCpuMs();
      const w = performance.now();
      const { summary } = await call<ChannelOutput<'import.commit'>>(ctx, 'import.commit', { token, kind: 'people' });
      const commitMs = performance.now() - w; const commitCpu = process.cpuUsage(c);
      detail = `batch ${summary.batchId}: ${summary.created.toLocaleString('en')} written (commit after a dry run of ${Math.round(dryMs)} ms)`;
      await wdb.close();
      console.log(JSON.stringify({ ms: commitMs, cpuMs: (commitCpu.user + commitCpu.system) / 1000, mainCpuMs: mainCpuMs(), rssMb: peakRssMb(), detail }));
      return;
    }
    // Opening keeps the bytes in the engine and lists the sheets (the file picker's step, untimed as before:
    // the timed step reads the whole file itself).
    const { token } = await call<ChannelOutput<'import.open'>>(ctx, 'import.open', { fileName: path.basename(file), base64: fs.readFileSync(file).toString('base64'), kind });
    started = performance.now(); cpu = process.cpuUsage(); mainCpu = mainThreadCpuMs();
    const counts = (s: { created: number; updated: number; unchanged: number; rejected: number }) =>
      `${s.created.toLocaleString('en')} created, ${s.updated.toLocaleString('en')} updated, ${s.unchanged.toLocaleString('en')} unchanged, ${s.rejected.toLocaleString('en')} rejected`;
    if (step === 'dry-run') {
      const { summary } = await call<ChannelOutput<'import.preview'>>(ctx, 'import.preview', { token, kind, month });
      detail = kind === 'people' && !process.env.IMPORT_KIND ? `${summary.created.toLocaleString('en')} to create, ${summary.rejected} rejected` : counts(summary);
    } else {
      const { summary } = await call<ChannelOutput<'import.commit'>>(ctx, 'import.commit', { token, kind, month });
      detail = kind === 'people' && !process.env.IMPORT_KIND ? `batch ${summary.batchId}: ${summary.created.toLocaleString('en')} created, ${summary.rejected} rejected` : `batch ${summary.batchId}: ${counts(summary)}`;
    }
    const ms = performance.now() - started;
    await wdb.close();
    console.log(JSON.stringify({ ms, cpuMs: process.cpuUsage(cpu).user / 1000 + process.cpuUsage(cpu).system / 1000, mainCpuMs: mainCpuMs(), rssMb: peakRssMb(), detail }));
    return;
  }
  console.log(JSON.stringify({ ms: performance.now() - started, cpuMs: process.cpuUsage(cpu).user / 1000 + process.cpuUsage(cpu).system / 1000, mainCpuMs: mainCpuMs(), rssMb: peakRssMb(), detail }));
}

main().catch((error) => { console.error(error); process.exit(1); });
