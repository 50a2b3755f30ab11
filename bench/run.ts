// `npm run bench [import|import-kinds|payroll|reports|grid|relay|stores|import-pg|load]`: every benchmark section of SPEC §7, each printing its figures beside
// baselines measured in the same run, so ratios hold on a noisy machine. Timings are printed, never asserted.
import { benchImport } from './import';
import { benchImportKinds } from './import-kinds';
import { benchPayroll, printRows } from './payroll';
import { benchGrid, type Figure } from './grid';
import { benchReports } from './reports';
import { benchRelay } from './relay';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { benchLoad } from './load';
import { benchImportStores, benchStores } from './stores';

function printFigures(figures: Figure[]): void {
  for (const f of figures) {
    const ratio = f.baselineSeconds > 0 ? (f.seconds / f.baselineSeconds).toFixed(2) : '—';
    console.log(`${f.name.padEnd(44)} ${f.seconds.toFixed(3).padStart(8)} s   baseline (${f.baseline}) ${f.baselineSeconds.toFixed(3)} s   ratio ${ratio}   target ${f.target}`);
  }
}

async function main(): Promise<void> {
  const only = process.argv[2];
  console.log(`bench on ${process.platform} ${process.arch}, Node ${process.version}`);
  // What runs as shipped (the CLI, the sheet-reading worker) is the built bundle: built now from these sources.
  execFileSync(process.execPath, [path.join(__dirname, '..', 'scripts', 'build.mjs'), 'engine'], { stdio: 'ignore' });
  if (!only || only === 'import') await benchImport();
  if (!only || only === 'import' || only === 'import-kinds') await benchImportKinds();
  if (!only || only === 'payroll') printRows('Payroll (issue 6): median of repeated runs on the demo county', await benchPayroll());
  if (!only || only === 'reports') printRows('Reports (issue 11): every report of the registry, summary and 首页 for the demo county', await benchReports());
  if (!only || only === 'relay') printRows('Relay (issue 10): a call through the engine process versus in-process, median', await benchRelay());
  if (!only || only === 'load') await benchLoad();
  if (!only || only === 'stores') printRows('Stores (issue 16): the county on PostgreSQL (a throwaway cluster) beside SQLite, median of 5 for the list', await benchStores());
  if (!only || only === 'stores' || only === 'import-pg') {
    printRows(`Import on PostgreSQL (issue 16): a township file of new people, dry run and commit, beside SQLite and a raw COPY (machine load ${os.loadavg()[0]!.toFixed(1)} at the start)`, await benchImportStores());
  }
  if (!only || only === 'grid') {
    console.log('\nGrid (人员台账, 100,000 people, Debian chromium)');
    printFigures(await benchGrid());
  }
}

main().catch((error) => { console.error(error); process.exit(1); });
