// readFile maps a sheet's rows as they are read and decides the header on the first rows, before the merged
// ranges (written after the rows) are known. A merged two-row header changes what the header says once they
// are: the rows must then be mapped again, so every file reads as if the whole sheet had been held — the
// header detectHeader gives on all rows with the merges, and the data rows below it with their mapped cells.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTempDb, tempDir, type TempDb } from '../testing/temp-db';
import { readFile } from './analyse';
import { openSpreadsheet } from './spreadsheet';
import { hasOpenpyxl } from './testing/workbooks';
import { applyMapping, detectHeader } from '../../../shared/domain/import-headers';
import { classifyRow } from '../../../shared/domain/import-rows';
import { displayText } from '../../../shared/domain/cell-values';
import { peopleKind } from './kinds/people';
import type { RowInput } from './kind';

// A title merged across, 序号/姓名/身份证号码/乡镇/村 merged down over two header rows, and 劳动 merged across
// 技能等级 and 能力: with the merges the header is both rows and column G is 劳动能力; without them it is
// the first row alone and no column names 劳动能力.
const WRITE = `
import sys, openpyxl
count, out = int(sys.argv[1]), sys.argv[2]
wb = openpyxl.Workbook(); ws = wb.active; ws.title = '台账'
ws.append(['燕河营镇脱贫人口台账']); ws.merge_cells('A1:G1')
ws.append(['序号', '姓名', '身份证号码', '乡镇', '村', '劳动', None])
ws.append([None, None, None, None, None, '技能等级', '能力'])
for col in 'ABCDE': ws.merge_cells(f'{col}2:{col}3')
ws.merge_cells('F2:G2')
for i in range(count):
    ws.append([i + 1, f'人员{i}', f'1303241980010{i:05d}', '燕河营镇', f'村{i % 7}', '初级', '普通劳动力'])
ws.append(['合计', None, None, None, None, None, None])
wb.save(out)
`;

function expected(file: string) {
  return (async () => {
    const workbook = openSpreadsheet(fs.readFileSync(file), path.basename(file));
    const data = await workbook.read(workbook.sheets[0]!);
    const header = detectHeader(data.rows, data.merges, peopleKind.fields)!;
    const mapped = applyMapping(header.columns, undefined, peopleKind.fields).filter((c) => c.field);
    const rows: RowInput[] = [];
    for (const r of data.rows) {
      if (r.row <= header.lastRow || classifyRow(r.cells) !== 'data') continue;
      const values: RowInput['values'] = {};
      for (const c of mapped) if (displayText(r.cells[c.index]).trim() !== '') values[c.field!] = r.cells[c.index];
      if (Object.keys(values).length > 0) rows.push({ row: r.row, values });
    }
    return { header, withoutMerges: detectHeader(data.rows, [], peopleKind.fields), rows };
  })();
}

describe.skipIf(!hasOpenpyxl())('readFile maps rows as they are read', () => {
  let temp: TempDb;
  let dir: string;
  beforeAll(async () => { temp = await createTempDb(); dir = tempDir('workbench-analyse-'); });
  afterAll(async () => { await temp.cleanup(); fs.rmSync(dir, { recursive: true, force: true }); });

  // 20 rows: the header is decided when the sheet ends; 80 rows: on the first rows, then again with the merges.
  it.each([20, 80])('a merged two-row header with %i data rows reads as if the whole sheet were held', async (count) => {
    const file = path.join(dir, `merged-${count}.xlsx`);
    execFileSync('/usr/bin/python3', ['-c', WRITE, String(count), file]);
    const want = await expected(file);
    // The case this test is for: the merges change the header.
    expect(JSON.stringify(want.withoutMerges)).not.toBe(JSON.stringify(want.header));
    const read = await readFile(temp.ctx, { bytes: fs.readFileSync(file), fileName: path.basename(file), kind: 'people' });
    expect(read.header).toEqual(want.header);
    expect(read.dataRows).toEqual(want.rows);
    expect(read.dataRows).toHaveLength(count);
    expect(read.data.rows.map((r) => r.row)).toEqual([1, 2, 3]);
    expect(read.data.merges).toHaveLength(7);
    expect(read.dataRows[0]!.values.labourAbility).toBe('普通劳动力');
    expect([...read.sampleCells.keys()].slice(0, 2)).toEqual([4, 5]);
  }, 60_000);
});
