// The placements import end to end in the engine, on the demo county: a township's list written by openpyxl
// in the 1904 date system, dates in every spelling of SPEC §4, and the rows a township gets wrong. Dry run,
// commit, the same rows again (nothing changes), the error workbook, and undo (placements and the posts made
// for them gone).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTempDb, tempDir, type TempDb } from '../testing/temp-db';
import { analyse } from './analyse';
import { commitImport } from './commit';
import { undoBatch } from './batches';
import { errorWorkbook } from './error-report';
import { hasOpenpyxl, openpyxlJson } from './testing/workbooks';
import { checkCharacter } from '../../../shared/domain/id-number';
import { queryNumber, queryOne, queryRows } from '../testing/store-sql';

const SCRIPT = path.join(__dirname, 'testing', 'placements_workbook.py');
const TOWNSHIP = '燕河营镇';

interface Candidate { id: number; id_number: string; name: string; village_code: string }

describe.skipIf(!hasOpenpyxl())('placements import of a township workbook written by openpyxl (1904 date system)', () => {
  let temp: TempDb;
  let dir: string;
  let file: string;
  let resaved: string;
  let free: Candidate[];
  const request = (f: string) => ({ bytes: fs.readFileSync(f), fileName: path.basename(f), kind: 'placements' as const });
  const count = (sql: string) => queryNumber(temp.ctx.wdb, sql);
  let before: { placements: number; posts: number };

  beforeAll(async () => {
    temp = await createTempDb({ demo: true });
    const township = temp.ctx.townships.find((t) => t.name === TOWNSHIP)!;
    // The demo fills 2022's plan; the county and the township may develop a few more posts for this file.
    await queryRows(temp.ctx.wdb, 'update year_policies set planned_posts = planned_posts + 20 where year = 2022');
    await queryRows(temp.ctx.wdb, 'update township_plans set planned_posts = planned_posts + 20 where year = 2022 and township_code = ?', [township.code]);
    // Eligible people of the township, 20 to 60 years old, one per household, with no post in 2022 and
    // nobody of their household on one (so the rows carry no 一户一岗 or age warnings).
    free = await queryRows<Candidate>(temp.ctx.wdb, `select pe.id, pe.id_number, pe.name, pe.village_code from people pe
      where pe.id in (select min(id) from people group by household_no) and pe.township_code = ? and pe.category = '脱贫户' and pe.labour_ability = '普通劳动力' and pe.birth_date between '1962-12-31' and '2002-01-01'
        and not exists (select 1 from placements pl join posts po on po.id = pl.post_id join people h on h.id = pl.person_id
                        where po.year = 2022 and (h.id = pe.id or h.household_no = pe.household_no))
      order by pe.id limit 8`, [township.code]);
    expect(free).toHaveLength(8);
    const ineligible = (await queryOne<Candidate>(temp.ctx.wdb, "select id_number, name, village_code from people where township_code = ? and category = '低保' limit 1", [township.code]))!;
    const placed = (await queryOne<Candidate>(temp.ctx.wdb, `select pe.id_number, pe.name, pe.village_code from placements pl join posts po on po.id = pl.post_id join people pe on pe.id = pl.person_id
      where po.year = 2022 and po.township_code = ? and pl.exit_date is null and pe.birth_date > '1962-12-31' limit 1`, [township.code]))!;
    const village = (c: Candidate) => temp.ctx.divisions.villageNameOf(c.village_code);
    const row = (c: Candidate, start: string, extra: Record<string, unknown> = {}) => ({ township: TOWNSHIP, village: village(c), name: c.name, id: c.id_number, type: '保洁', start, subsidy: 650, ...extra });
    const rows = [
      row(free[0]!, '2022-3-1'),
      row(free[1]!, '2022/04/01', { village: `${village(free[1]!).replace(/村$/, '')}村委会`, type: '护林员' }),
      row(free[2]!, '2022.5.1', { subsidy: '600' }),
      row(free[3]!, '2022年6月1日', { end: '2022年11月30日' }),
      row(free[4]!, '20220701'),
      row(free[5]!, 'date:2022-08-01'),
      row(free[6]!, 'serial:2022-09-01', { end: 'serial:2022-12-31' }),
      row(free[0]!, '2022-3-1', { id: await idNotInLedger(temp), name: '无此人' }),
      row(free[7]!, '2022-3-1', { name: `${free[7]!.name}甲` }),
      row(free[7]!, '2022-02-30'),
      row(ineligible, '2022-3-1'),
      row(placed, '2022-4-1'),
    ];
    dir = tempDir('workbench-placements-import-');
    file = path.join(dir, '燕河营镇公益岗位安置.xlsx');
    resaved = path.join(dir, '燕河营镇公益岗位安置（重报）.xlsx');
    execFileSync('/usr/bin/python3', [SCRIPT, file, JSON.stringify(rows)], { stdio: 'pipe' });
    execFileSync('/usr/bin/python3', [SCRIPT, resaved, JSON.stringify(rows), '2022年乡村公益性岗位安置人员名单（重报）'], { stdio: 'pipe' });
    before = { placements: await count('select count(*) n from placements'), posts: await count('select count(*) n from posts') };
  }, 120_000);
  afterAll(async () => { await temp?.cleanup(); if (dir) fs.rmSync(dir, { recursive: true, force: true }); });

  const placementsOf = () => queryRows(temp.ctx.wdb, `select pe.name, pl.start_date, pl.agreement_end_date, pl.subsidy_fen, po.post_type, po.village_code
      from placements pl join people pe on pe.id = pl.person_id join posts po on po.id = pl.post_id
      where pe.id in (${free.map((c) => Number(c.id)).join(', ')}) order by pl.start_date`);

  it('dry run: every spelling of a date read, each refused row with its code, nothing written', async () => {
    const analysis = await analyse(temp.ctx, request(file));
    expect(analysis.workbook.date1904).toBe(true);
    expect(analysis.missing).toEqual([]);
    expect(analysis.ignored).toEqual(['序号', '备注']);
    const byRow = Object.fromEntries(analysis.errors.map((e) => [e.row, `${e.header}:${e.code}`]));
    // Title on row 1, header on row 2: data rows are 3 to 14.
    expect(byRow).toEqual({
      10: '公民身份号码:PERSON_NOT_FOUND',
      11: '姓名:NAME_MISMATCH',
      12: '上岗时间:BAD_DATE',
      13: '公民身份号码:NOT_ELIGIBLE',
      14: '公民身份号码:ALREADY_PLACED',
    });
    for (const e of analysis.errors) expect(e.message).toMatch(/[\u4e00-\u9fff]/);
    expect(analysis.warnings.map((w) => `${w.row}:${w.header}:${w.code}`)).toEqual(['5:月补贴标准（元）:SUBSIDY_DIFFERS']);
    expect(analysis.counts).toEqual({ rows: 12, created: 7, updated: 0, unchanged: 0, rejected: 5, warnings: 1 });
    expect(await placementsOf()).toEqual([]);
    expect(await count('select count(*) n from placements')).toBe(before.placements);
    expect(await count('select count(*) n from posts')).toBe(before.posts);
  });

  it('commit places the seven, on posts of their villages, at the policy standard; the error workbook lists the five', async () => {
    const { batchId } = await commitImport(temp.ctx, request(file));
    expect(batchId).toBeGreaterThan(0);
    const v = (i: number) => free[i]!.village_code;
    const n = (i: number) => free[i]!.name;
    expect(await placementsOf()).toEqual([
      { name: n(0), start_date: '2022-03-01', agreement_end_date: '2022-12-31', subsidy_fen: 65000, post_type: '保洁', village_code: v(0) },
      { name: n(1), start_date: '2022-04-01', agreement_end_date: '2022-12-31', subsidy_fen: 65000, post_type: '护林', village_code: v(1) },
      { name: n(2), start_date: '2022-05-01', agreement_end_date: '2022-12-31', subsidy_fen: 65000, post_type: '保洁', village_code: v(2) },
      { name: n(3), start_date: '2022-06-01', agreement_end_date: '2022-11-30', subsidy_fen: 65000, post_type: '保洁', village_code: v(3) },
      { name: n(4), start_date: '2022-07-01', agreement_end_date: '2022-12-31', subsidy_fen: 65000, post_type: '保洁', village_code: v(4) },
      { name: n(5), start_date: '2022-08-01', agreement_end_date: '2022-12-31', subsidy_fen: 65000, post_type: '保洁', village_code: v(5) },
      { name: n(6), start_date: '2022-09-01', agreement_end_date: '2022-12-31', subsidy_fen: 65000, post_type: '保洁', village_code: v(6) },
    ]);
    expect(await count('select count(*) n from placements')).toBe(before.placements + 7);
    expect(await count('select count(*) n from posts')).toBeGreaterThan(before.posts); // the villages had no vacant post of the type

    const analysis = await analyse(temp.ctx, request(resaved));
    const errors = await errorWorkbook(analysis);
    const out = path.join(dir, 'errors.xlsx');
    fs.writeFileSync(out, errors);
    const codes = openpyxlJson<string[]>(`import json, sys
from openpyxl import load_workbook
ws = load_workbook(sys.argv[1]).active
last = ws.max_column
print(json.dumps([str(ws.cell(row=r, column=last).value) for r in range(1, ws.max_row + 1) if ws.cell(row=r, column=last).value]))`, out);
    expect(codes.filter((c) => c !== '错误说明')).toHaveLength(5);
  });

  it('the same file again changes nothing; the same rows in a re-sent file are unchanged', async () => {
    const again = await commitImport(temp.ctx, request(file));
    expect(again.analysis.alreadyImported).not.toBeNull();
    const placements = await count('select count(*) n from placements');
    const posts = await count('select count(*) n from posts');
    const resent = await commitImport(temp.ctx, request(resaved));
    expect(resent.analysis.counts).toEqual({ rows: 12, created: 0, updated: 0, unchanged: 7, rejected: 5, warnings: 1 });
    expect(await count('select count(*) n from placements')).toBe(placements);
    expect(await count('select count(*) n from posts')).toBe(posts);
    // The re-sent batch changed nothing, so undoing it changes nothing either.
    await undoBatch(temp.ctx, resent.batchId!);
    expect(await count('select count(*) n from placements')).toBe(placements);
  });

  it('undo removes the placements of the batch and the posts made for them', async () => {
    const batch = (await queryOne<{ id: number }>(temp.ctx.wdb, "select id from import_batches where kind = 'placements' and created > 0"))!;
    await undoBatch(temp.ctx, batch.id);
    expect(await placementsOf()).toEqual([]);
    expect(await count('select count(*) n from placements')).toBe(before.placements);
    expect(await count('select count(*) n from posts')).toBe(before.posts);
  });
});

/** A valid ID number (right check character) that no one in the ledger has. */
async function idNotInLedger(temp: TempDb): Promise<string> {
  for (let n = 1; ; n += 1) {
    const first17 = `13032419850101${String(n).padStart(3, '0')}`;
    const id = first17 + checkCharacter(first17);
    if (!(await queryOne(temp.ctx.wdb, 'select 1 from people where id_number = ?', [id]))) return id;
  }
}
