// Child process of corpus.test.ts: previews every given workbook with the people importer on a fresh
// database and prints one JSON line before ("start") and after each file, so the parent can time each
// file and kill this process if one ever hangs.
import fs from 'node:fs';
import path from 'node:path';
import { createTempDb } from '../../testing/temp-db';
import { analyse } from '../analyse';
import { WorkbenchFailure } from '../../failure';
import { openSpreadsheet } from '../spreadsheet';
import { openCsv } from '../legacy/csv';

async function main() {
  const files = process.argv.slice(2);
  const db = await createTempDb();
  try {
    for (const file of files) {
      const name = path.basename(file);
      console.log(JSON.stringify({ start: name }));
      const started = performance.now();
      let line: Record<string, unknown>;
      try {
        // Every sheet read in full (what the sheet list and a clerk's choice of sheet may do), then the preview.
        const bytes = fs.readFileSync(file);
        const workbook = openSpreadsheet(bytes, name);
        let cells = 0;
        for (const sheet of workbook.sheets.slice(0, 50)) for (const row of (await workbook.read(sheet)).rows) cells += row.cells.length;
        const analysis = await analyse(db.ctx, { bytes, fileName: name, kind: 'people' });
        line = { file: name, result: 'ok', sheet: analysis.sheet.name, rows: analysis.counts.rows, cells };
      } catch (error) {
        line = error instanceof WorkbenchFailure
          ? { file: name, result: 'refused', code: error.code, message: error.message }
          : { file: name, result: 'crash', message: String((error as Error)?.stack ?? error) };
      }
      const ms = Math.round(performance.now() - started);
      // The CSV reader forced on the same bytes, whatever they are: rows or a coded refusal, never a crash.
      let csv: string;
      try {
        const forced = openCsv(fs.readFileSync(file), name);
        csv = `${(await forced.read(forced.sheets[0]!)).rows.length} rows`;
      } catch (error) {
        csv = error instanceof WorkbenchFailure ? error.code : 'crash';
      }
      console.log(JSON.stringify({ ...line, ms, csv }));
    }
  } finally {
    await db.cleanup();
  }
}

main().catch((error) => { console.error(error); process.exit(1); });
