// Reports benchmark (SPEC §7 and issue 11), each figure beside a baseline measured in the same run:
// - every report of the registry for a demo month (`workbench report all`, in process: R1–R5, 公示, 代发清单)
//   ≤ 2 s, beside exceljs writing the same number of rows unstyled;
// - `summary` for a month (what 首页 shows) ≤ 200 ms, beside a plain SQL count over the same tables;
// - 首页 first paint in Debian's chromium ≤ 1 s (login done; from navigation to the figures and charts drawn),
//   beside the same browser fetching the summary JSON alone.
// Printed, never asserted.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { chromium } from 'playwright-core';
import { initCountyDatabase } from '../electron/backend/county-setup';
import { contextFor, createContext } from '../electron/backend/context';
import { seedDemo } from '../electron/backend/demo/seed';
import { dispatch } from '../electron/backend/dispatch';
import { startServer } from '../electron/cli/server';
import { main as cli } from '../electron/cli/cli';
import { chromiumPath } from '../e2e/support/workbench';
import type { BenchRow } from './payroll';
import { requireSqlite } from '../electron/backend/db/database';

async function median(runs: number, task: () => unknown | Promise<unknown>): Promise<number> {
  await task();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    await task();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
}

export async function benchReports(month = '2022-06'): Promise<BenchRow[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'workbench-bench-reports-'));
  const db = path.join(dir, 'bench.sqlite');
  const wdb = await initCountyDatabase(db);
  const ctx = await createContext(wdb);
  await seedDemo(ctx);
  const log = console.log;
  try {
    // All reports, through the CLI as a user runs it (a fresh engine each run, as `workbench report all` has).
    const out = path.join(dir, 'out');
    console.log = () => undefined; // the CLI prints its file list
    const start = process.hrtime.bigint();
    const code = await cli(['report', 'all', '--db', db, '--month', month, '--out', out, '--json']);
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    console.log = log;
    if (code !== 0) throw new Error(`report all exited ${code}`);
    const files = fs.readdirSync(out);
    let rows = 0;
    for (const file of files) {
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.readFile(path.join(out, file));
      workbook.eachSheet((sheet) => { rows += sheet.rowCount; });
    }
    const baselineStart = process.hrtime.bigint();
    const plain = new ExcelJS.Workbook();
    const sheet = plain.addWorksheet('rows');
    for (let i = 0; i < rows; i++) sheet.addRow([i, '卢龙镇', '范庄村', '张三', '130324198501011234', '6217000000000000000', 22, 650, 0, 650]);
    await plain.xlsx.writeBuffer();
    const baselineMs = Number(process.hrtime.bigint() - baselineStart) / 1e6;

    // summary: the engine's channel, as the CLI and 首页 call it — a fresh request context each time, as every
    // HTTP or IPC request has. Cold: after a write (the engine's summary cache is invalidated by any change);
    // warm: the same data again (switching back to a month on 首页).
    const summaryOnce = async () => {
      const result = await dispatch(contextFor(ctx.engine, ctx.actor), 'reports.summary', { month });
      if (!result.ok) throw new Error(result.error.message);
    };
    let touch = 0;
    const summaryMs = await median(7, async () => {
      requireSqlite(wdb, 'bench').prepare("insert or replace into report_settings (key, value) values ('bench.touch', ?)").run(String(touch++));
      await summaryOnce();
    });
    const warmMs = await median(9, summaryOnce);
    const counts = requireSqlite(wdb, 'bench').prepare(`select (select count(*) from posts where year = 2022) posts,
      (select count(*) from payroll_lines where month <= @month) lines, (select count(*) from people) people,
      (select count(*) from employment_records where year = 2022) records`);
    const sqlMs = await median(9, () => counts.get({ month }));

    const paint = await benchHomePaint(ctx);
    return [
      { name: `report all ${month} (${files.length} reports)`, ms, budgetMs: 2000, baseline: 'exceljs unstyled, same row count', baselineMs, detail: `${files.length} files, ${rows} rows` },
      { name: `summary ${month} (after a change)`, ms: summaryMs, budgetMs: 200, baseline: 'plain SQL counts of the same tables', baselineMs: sqlMs, detail: 'reports.summary through dispatch (what 首页 and `workbench summary` show), data changed before each run' },
      { name: `summary ${month} (unchanged data)`, ms: warmMs, budgetMs: 200, baseline: 'plain SQL counts of the same tables', baselineMs: sqlMs, detail: 'the same month again with nothing changed: the engine gives the figures it computed' },
      { name: '首页 first paint', ms: paint.firstPaintMs, budgetMs: 1000, baseline: 'browser fetching the summary JSON', baselineMs: paint.fetchMs, detail: 'navigation to figures and three charts drawn, logged in, Debian chromium' },
    ];
  } finally {
    console.log = log;
    await wdb.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function benchHomePaint(ctx: Awaited<ReturnType<typeof createContext>>): Promise<{ firstPaintMs: number; fetchMs: number }> {
  await dispatch(ctx, 'users.save', { username: 'bench', displayName: '基准', role: 'manager', townships: [], disabled: false, password: 'Bench12345' });
  const server = await startServer(ctx.engine, { staticDir: path.join(__dirname, '..', 'dist', 'renderer') });
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
  try {
    const page = await (await browser.newContext({ viewport: { width: 1366, height: 768 } })).newPage();
    await page.goto(server.url);
    await page.getByTestId('login-username').fill('bench');
    await page.getByTestId('login-password').fill('Bench12345');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('fig-paid').waitFor();
    const fetchMs = await page.evaluate(async () => {
      const t0 = performance.now();
      const body = await (await fetch('/api/reports.summary', { method: 'POST', body: '{}' })).json();
      if (!body.ok) throw new Error('summary fetch failed');
      return performance.now() - t0;
    });
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t0 = Date.now();
      await page.reload();
      await page.getByTestId('fig-paid').waitFor();
      await page.getByTestId('chart-payroll').locator('canvas').first().waitFor();
      times.push(Date.now() - t0);
    }
    return { firstPaintMs: times.sort((a, b) => a - b)[1]!, fetchMs };
  } finally {
    await browser.close();
    await server.close();
  }
}
