// Child process of crafted.test.ts and the bench: builds one crafted workbook, reads every sheet of it with
// the engine's reader, and prints {name, kb, xmlMb, ms, rssMb, result} — in its own process, so a hang can
// be killed and the peak memory is this file's alone.
import { craftedFiles } from './crafted';
import { openWorkbook } from '../xlsx/workbook';
import { readSheet } from '../xlsx/sheet';
import { WorkbenchFailure } from '../../failure';

async function main() {
  const [name, scaleText] = process.argv.slice(2) as [string, string?];
  const recipe = craftedFiles(Number(scaleText ?? 1)).find((r) => r.name === name);
  if (!recipe) throw new Error(`no crafted file ${name}`);
  const file = recipe.build();
  const rssBefore = process.resourceUsage().maxRSS / 1024;
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
    rssMb: Math.round(process.resourceUsage().maxRSS / 1024), rssBeforeReadMb: Math.round(rssBefore), result,
  }));
}

main().catch((error) => { console.error(error); process.exit(1); });
