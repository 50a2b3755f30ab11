// The employment import end to end in the engine, on a township workbook written by openpyxl, against a
// real SQLite file: dry run, commit, the same file again, the ledger it feeds, and undo.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTempDb, tempDir, type TempDb } from '../testing/temp-db';
import { analyse } from './analyse';
import { commitImport } from './commit';
import { undoBatch } from './batches';
import { hasOpenpyxl } from './testing/workbooks';
import { insertPerson } from '../people/repository';
import { loadLedger } from '../employment/ledger';
import { checkCharacter } from '../../../shared/domain/id-number';
import type { PersonInput } from '../../../shared/domain/person';
import { parseEmploymentRow, yearInTitle } from '../../../shared/domain/employment-import';
import { queryRows } from '../testing/store-sql';

const idFor = (first17: string) => first17 + checkCharacter(first17);
const SCRIPT = path.join(__dirname, 'testing', 'employment_workbook.py');

const ID = {
  worker: idFor('13032419920101011'), seeker: idFor('13032419850101012'), old: idFor('13032419500101013'),
  post: idFor('13032419750101014'), other: idFor('13032419900101015'), unknown: idFor('13032419880101016'),
};

/** Excel row of each data row: title, 填报单位, two header rows, then data from row 5. */
const ROWS = [
  { name: '张务工', id: ID.worker, status: '已就业', form: '省外', province: '北京市', city: '北京市', employer: '北京城建集团', start: '2022年3月', months: 8, income: 5500 },
  { name: '李求职', id: ID.seeker, status: '否', wants: '是' },
  { name: '孙保洁', id: ID.post, status: '是', form: '县内务工', employer: '县粉丝厂', start: '2022-05', months: 3 },
  { name: '无此人', id: ID.unknown, form: '县内务工' },
  { name: '王老汉', id: ID.old, form: '县内务工' },
  { name: '张务功', id: ` ${ID.worker.slice(0, 6)} ${ID.worker.slice(6)}`, form: '省外务工' },
  { name: '周外乡', id: ID.other, form: '种地' },
  { name: '周外乡', id: ID.other.toLowerCase(), status: '未就业', start: 'date:2022-04-01', months: 2, income: '1,200', wants: '否' },
  { name: '张务工', id: ID.worker, form: '省外务工' },
];

describe.skipIf(!hasOpenpyxl())('employment import of a township workbook written by openpyxl', () => {
  let temp: TempDb;
  let dir: string;
  let file: string;
  const request = () => ({ bytes: fs.readFileSync(file), fileName: path.basename(file), kind: 'employment' as const });

  beforeAll(async () => {
    temp = await createTempDb();
    dir = tempDir('workbench-employment-import-');
    const township = temp.ctx.townships.find((t) => t.name === '燕河营镇')!;
    const village = township.villages[0]!.code;
    const person = (idNumber: string, name: string, labourAbility: string): PersonInput => ({
      idNumber, name, phone: '', townshipCode: township.code, villageCode: village, householdNo: name, relation: '户主', category: '脱贫户', labourAbility, cardNumber: '', bank: '', remark: '',
    });
    for (const [key, name, ability] of [['worker', '张务工', '普通劳动力'], ['seeker', '李求职', '技能劳动力'], ['old', '王老汉', '普通劳动力'], ['post', '孙保洁', '普通劳动力'], ['other', '周外乡', '普通劳动力']] as const) {
      await insertPerson(temp.ctx.wdb.db, person(ID[key], name, ability));
    }
    const db = temp.ctx.wdb.db;
    const post = await db.insertInto('posts').values({ year: 2022, township_code: township.code, village_code: village, post_type: '保洁', employing_unit: '村民委员会' }).returning('id').executeTakeFirstOrThrow();
    const postHolder = await db.selectFrom('people').select('id').where('id_number', '=', ID.post).executeTakeFirstOrThrow();
    await db.insertInto('placements').values({ person_id: postHolder.id, post_id: post.id, start_date: '2022-03-01', agreement_end_date: '2022-12-31', subsidy_fen: 65000, exit_date: null, exit_reason: null, replaces_placement_id: null }).execute();
    file = path.join(dir, '燕河营镇就业台账.xlsx');
    execFileSync('/usr/bin/python3', [SCRIPT, file, JSON.stringify(ROWS)], { stdio: 'pipe' });
  });
  afterAll(async () => { await temp.cleanup(); fs.rmSync(dir, { recursive: true, force: true }); });

  const records = () => queryRows(temp.ctx.wdb, 'select p.name, e.year, e.status, e.form, e.destination, e.destination_city, e.employer, e.start_month, e.months_worked, e.avg_income_fen, e.wants_work from employment_records e join people p on p.id = e.person_id order by p.name');

  it('dry run: reads the two-row header, the year from the title, every row judged with its code, nothing written', async () => {
    const analysis = await analyse(temp.ctx, request());
    expect(analysis.header).toMatchObject({ firstRow: 3, lastRow: 4 });
    expect(analysis.missing).toEqual([]);
    expect(analysis.ignored).toEqual(['序号', '帮扶责任人']);
    const byRow = Object.fromEntries(analysis.errors.map((e) => [e.row, `${e.header}:${e.code}`]));
    expect(byRow).toEqual({
      7: '就业方式:EMP_POST_CONFLICT',
      8: '公民身份号码:PERSON_NOT_FOUND',
      9: '公民身份号码:EMP_NOT_LABOURER',
      10: '姓名:NAME_MISMATCH',
      11: '就业方式:BAD_ENUM',
      13: '公民身份号码:DUPLICATE_IN_FILE',
    });
    for (const e of analysis.errors) expect(e.message).toMatch(/[\u4e00-\u9fff]/);
    expect(analysis.warnings.map((w) => `${w.row}:${w.code}`)).toEqual(['12:EMP_INCOME_NOT_EMPLOYED']);
    expect(analysis.counts).toEqual({ rows: 9, created: 3, updated: 0, unchanged: 0, rejected: 6, warnings: 1 });
    expect(await records()).toEqual([]);
  });

  it('commit writes the accepted rows, normalised; the ledger shows them; the same file again changes nothing; undo removes them', async () => {
    const { batchId } = await commitImport(temp.ctx, request());
    expect(batchId).toBeGreaterThan(0);
    expect(await records()).toEqual([
      { name: '周外乡', year: 2022, status: '未就业', form: null, destination: null, destination_city: null, employer: null, start_month: '2022-04', months_worked: 2, avg_income_fen: 120000, wants_work: 0 },
      { name: '张务工', year: 2022, status: '已就业', form: '省外务工', destination: '北京市', destination_city: '北京市', employer: '北京城建集团', start_month: '2022-03', months_worked: 8, avg_income_fen: 550000, wants_work: null },
      { name: '李求职', year: 2022, status: '未就业', form: null, destination: null, destination_city: null, employer: null, start_month: null, months_worked: null, avg_income_fen: null, wants_work: 1 },
    ]);
    const ledger = await loadLedger(temp.ctx, 2022);
    const row = (name: string) => ledger.entries.find((e) => e.person.name === name)!;
    expect(row('张务工').effective).toMatchObject({ status: '已就业', form: '省外务工' });
    expect(row('孙保洁').effective).toMatchObject({ form: '公益岗位', source: 'post' });
    expect(row('周外乡').checks.map((c) => c.code)).toContain('EMP_INCOME_NOT_EMPLOYED');

    const before = await records();
    const again = await commitImport(temp.ctx, request());
    expect(again.analysis.alreadyImported?.batchId).toBe(batchId);
    expect(again.analysis.counts).toMatchObject({ created: 0, updated: 0 });
    expect(await records()).toEqual(before);

    await undoBatch(temp.ctx, batchId!);
    expect(await records()).toEqual([]);
  });

  it('reads the row rules on their own: the title year, form words, yes/no, months as dates', () => {
    expect(yearInTitle('卢龙县燕河营镇2022年脱贫劳动力就业台账')).toBe(2022);
    expect(yearInTitle('就业台账')).toBeNull();
    const mapped = new Set(['form', 'status', 'startMonth', 'monthsWorked', 'avgIncome', 'wantsWork', 'year']);
    const row = parseEmploymentRow({ form: '扶贫车间', startMonth: { kind: 'date', serial: 44621, date1904: false }, monthsWorked: '6个月', avgIncome: '2,800.50', wantsWork: '否', year: '2022年' }, mapped, { date1904: false, titleYear: null });
    expect(row).toEqual({ year: 2022, errors: [], values: { form: '就业帮扶车间', status: '已就业', startMonth: '2022-03', monthsWorked: 6, avgIncomeFen: 280050, wantsWork: false } });
    const bad = parseEmploymentRow({ status: '待定', startMonth: '三月', wantsWork: '也许' }, new Set(['status', 'startMonth', 'wantsWork']), { date1904: false, titleYear: 2022 });
    expect(bad.errors.map((e) => `${e.field}:${e.error.code}`)).toEqual(['status:BAD_ENUM', 'startMonth:BAD_MONTH', 'wantsWork:BAD_ENUM']);
  });
});
