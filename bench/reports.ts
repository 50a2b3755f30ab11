// Reports benchmark (SPEC §7: all five reports for the demo county ≤ 2 s): `workbench report all` for a
// demo month, in process, beside a baseline measured in the same run — exceljs writing the same number of
// rows with no styling. Printed, never asserted.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { initCountyDatabase } from '../electron/backend/county-setup';
import { createContext } from '../electron/backend/context';
import { seedDemo } from '../electron/backend/demo/seed';
import { main as cli } from '../electron/cli/cli';
import type { BenchRow } from './payroll';

export async function benchReports(month = '2022-06'): Promise<BenchRow[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'workbench-bench-reports-'));
  const db = path.join(dir, 'bench.sqlite');
  const wdb = await initCountyDatabase(db);
  await seedDemo(await createContext(wdb));
  await wdb.close();
  const log = console.log;
  try {
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
    return [{ name: `report all ${month} (R1–R5)`, ms, budgetMs: 2000, baseline: 'exceljs unstyled, same row count', baselineMs, detail: `${files.length} files, ${rows} rows` }];
  } finally {
    console.log = log;
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
