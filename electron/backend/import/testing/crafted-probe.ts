// Child process of crafted.test.ts and the bench: builds one crafted workbook, reads every sheet of it with
// the engine's reader, and prints {name, kb, xmlMb, ms, rssMb, result} — in its own process, so a hang can
// be killed and the peak memory is this file's alone.
import fs from 'node:fs';
import { craftedFiles } from './crafted';
import { openWorkbook } from '../xlsx/workbook';
import { readSheet } from '../xlsx/sheet';
import { WorkbenchFailure } from '../../failure';

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

async function main() {
  const [name, scaleText] = process.argv.slice(2) as [string, string?];
  if (name === '--list') { console.log(craftedFiles().map((r) => r.name).join('\n')); return; }
  const recipe = craftedFiles(Number(scaleText ?? 1)).find((r) => r.name === name);
  if (!recipe) throw new Error(`no crafted file ${name}`);
  const file = recipe.build();
  const rssBefore = peakRssMb();
  const started = performance.now();
  let result: string;
  try {
    const workbook = openWorkbook(file.bytes);
    let rows = 0;
    for (const sheet of workbook.sheets) rows += (await readSheet(workbook, sheet)).rows.length;
    result = `read, ${rows} rows`;
  } catch (error) {
    if (!(error instanceof WorkbenchFailure)) throw error;
    result = `refused ${error.code}`;
  }
  const ms = Math.round(performance.now() - started);
  console.log(JSON.stringify({
    name, kb: Math.round(file.bytes.length / 1024), xmlMb: Number((file.xmlBytes / 1e6).toFixed(1)), ms,
    rssMb: Math.round(peakRssMb()), rssBeforeReadMb: Math.round(rssBefore), result,
  }));
}

main().catch((error) => { console.error(error); process.exit(1); });
