// Text that would become a formula in a spreadsheet (=HYPERLINK(…), +cmd|…, @SUM(1)) is stored exactly as
// typed and exported as a text cell, never as a formula (checked by openpyxl, not by our own reader).
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTempDb, type TempDb } from '../testing/temp-db';
import { dispatch } from '../dispatch';
import { checkCharacter } from '../../../shared/domain/id-number';
import { hasOpenpyxl, openpyxlJson } from '../import/testing/workbooks';
import { requireSqlite } from '../db/database';

const FORMULAS = ['=HYPERLINK("http://evil.example","点我")', "+cmd|' /C calc'!A0", '@SUM(1)', '-2+3'];

describe('formula-like text', () => {
  let temp: TempDb;
  beforeAll(async () => { temp = await createTempDb(); });
  afterAll(async () => { await temp.cleanup(); });

  it.runIf(hasOpenpyxl())('is stored as typed and exported as text cells', async () => {
    const township = temp.ctx.townships[0]!;
    const ids: number[] = [];
    for (const [i, text] of FORMULAS.entries()) {
      const first17 = `13032419800101${String(100 + i)}`;
      const saved = await dispatch(temp.ctx, 'people.save', { person: {
        idNumber: first17 + checkCharacter(first17), name: `测试${'甲乙丙丁'[i]}`, phone: '', townshipCode: township.code, villageCode: township.villages[0]!.code,
        householdNo: '', relation: '', category: '脱贫户', labourAbility: '普通劳动力', cardNumber: '', bank: text, remark: text,
      } });
      if (!saved.ok) throw new Error(saved.error.message);
      ids.push((saved.data as { person: { id: number } }).person.id);
    }
    const stored = requireSqlite(temp.ctx.wdb, 'test').prepare('select bank, remark from people order by id').all() as { bank: string; remark: string }[];
    expect(stored.map((p) => p.remark)).toEqual(FORMULAS);
    expect(stored.map((p) => p.bank)).toEqual(FORMULAS);

    const exported = await dispatch(temp.ctx, 'people.export', { ids });
    if (!exported.ok) throw new Error(exported.error.message);
    const file = path.join(temp.dir, 'people.xlsx');
    fs.writeFileSync(file, Buffer.from((exported.data as { base64: string }).base64, 'base64'));
    const cells = openpyxlJson<{ value: string; type: string }[]>(`import json,sys,openpyxl
wb=openpyxl.load_workbook(sys.argv[1])
out=[]
for ws in wb.worksheets:
  for row in ws.iter_rows():
    for c in row:
      if isinstance(c.value,str) and c.value[:1] in '=+@-': out.append({'value':c.value,'type':c.data_type})
print(json.dumps(out))`, file);
    const formulaCells = cells.filter((c) => FORMULAS.includes(c.value));
    expect(formulaCells.length).toBeGreaterThanOrEqual(FORMULAS.length);
    // openpyxl reports a formula cell as type 'f'; every one of these must be a string cell.
    expect(cells.filter((c) => c.type !== 's')).toEqual([]);
  });
});
