// Payroll benchmark: the demo county's month (2,434 placements) computed, and R4 rendered, each beside a
// baseline measured in the same run on the same database — a plain SQL sum of the same month (and, for R4,
// exceljs writing the same rows with no styling). Printed, never asserted.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { initCountyDatabase } from '../electron/backend/county-setup';
import { createContext } from '../electron/backend/context';
import { seedDemo } from '../electron/backend/demo/seed';
import { dispatch } from '../electron/backend/dispatch';
import type { ChannelOutput } from '../shared/contract/schemas';
import { firstDayOf, lastDayOf } from '../shared/domain/month';
import { requireSqlite } from '../electron/backend/db/database';

export interface BenchRow { name: string; ms: number; budgetMs: number | null; baseline: string; baselineMs: number; detail: string }

async function median(runs: number, task: () => unknown | Promise<unknown>): Promise<number> {
  await task(); // warm-up: prepared statements, JIT
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    await task();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
}

export async function benchPayroll(month = '2022-07'): Promise<BenchRow[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'workbench-bench-'));
  const wdb = await initCountyDatabase(path.join(dir, 'bench.sqlite'));
  try {
    const ctx = await createContext(wdb);
    await seedDemo(ctx);

    const sumStatement = requireSqlite(wdb, 'bench').prepare(`select count(*) n, sum(pl.subsidy_fen) fen, sum(a.attended_days) days
      from placements pl join posts po on po.id = pl.post_id join people pe on pe.id = pl.person_id
      left join attendance a on a.placement_id = pl.id and a.month = @month
      where pl.start_date <= @last and (pl.exit_date is null or pl.exit_date >= @first)`);
    const params = { month, first: firstDayOf(month), last: lastDayOf(month) };
    const sql = sumStatement.get(params) as { n: number; fen: number };
    const sqlMs = await median(50, () => sumStatement.get(params));

    // Through the engine's one door, as the CLI and the window reach it.
    const call = async <T>(channel: string, input: unknown): Promise<T> => {
      const result = await dispatch(ctx, channel, input);
      if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
      return result.data as T;
    };
    const payroll = await call<ChannelOutput<'payroll.compute'>>('payroll.compute', { month });
    const payrollMs = await median(30, () => call('payroll.compute', { month }));

    const r4 = await call<ChannelOutput<'payroll.export'>>('payroll.export', { month, kind: 'R4' });
    const r4Ms = await median(5, () => call('payroll.export', { month, kind: 'R4' }));
    const lines = requireSqlite(wdb, 'bench').prepare(`select pe.name, pe.id_number, pe.card_number, a.attended_days, pl.subsidy_fen from placements pl
      join posts po on po.id = pl.post_id join people pe on pe.id = pl.person_id left join attendance a on a.placement_id = pl.id and a.month = @month
      where pl.start_date <= @last and (pl.exit_date is null or pl.exit_date >= @first)`).all(params) as { name: string; id_number: string; card_number: string | null; attended_days: number | null; subsidy_fen: number }[];
    const plainMs = await median(5, async () => {
      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet('plain');
      for (const line of lines) sheet.addRow([line.name, line.id_number, line.card_number, line.attended_days, line.subsidy_fen / 100, 0, line.subsidy_fen / 100]);
      await workbook.xlsx.writeBuffer();
    });

    return [
      { name: `payroll ${month}`, ms: payrollMs, budgetMs: 50, baseline: 'plain SQL sum', baselineMs: sqlMs, detail: `${payroll.lines} lines (SQL: ${sql.n}), net ${payroll.totalFen} fen, ${payroll.anomalies.length} anomalies` },
      { name: `R4 ${month}`, ms: r4Ms, budgetMs: 1000, baseline: 'plain SQL sum', baselineMs: sqlMs, detail: `${r4.rows} rows; exceljs unstyled same rows: ${plainMs.toFixed(1)} ms` },
    ];
  } finally {
    await wdb.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export function printRows(title: string, rows: readonly BenchRow[]): void {
  console.log(`\n${title}`);
  for (const r of rows) {
    const verdict = r.budgetMs === null ? '' : r.ms <= r.budgetMs ? `within ${r.budgetMs} ms` : `OVER ${r.budgetMs} ms`;
    console.log(`  ${r.name.padEnd(18)} ${r.ms.toFixed(1).padStart(8)} ms  (${verdict})   baseline ${r.baseline}: ${r.baselineMs.toFixed(2)} ms   ${r.detail}`);
  }
}
