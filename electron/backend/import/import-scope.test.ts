// Township scope in imports (issue 10): a clerk of 卢龙镇 importing another township's ledger gets every row
// refused with OUT_OF_SCOPE naming that township and nothing written — for every kind, through the engine's
// door (import.open / preview / commit) and through the CLI (`workbench import … --user <clerk>`). The same
// files imported by a clerk of their own township are accepted, so the refusal is scope and nothing else.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTempDb, tempDir, type TempDb } from '../testing/temp-db';
import { contextFor, type EngineContext } from '../context';
import { dispatch } from '../dispatch';
import type { ImportKindName } from './kind';
import { checkCharacter } from '../../../shared/domain/id-number';
import { queryNumber, queryRows } from '../testing/store-sql';

const LULONG = '130324100000';
const YANHEYING = '130324102000';
const ROOT = path.resolve(__dirname, '..', '..', '..');
const BIN = path.join(ROOT, 'bin', 'workbench.cjs');
const TABLES = ['people', 'employment_records', 'placements', 'posts', 'attendance', 'import_batches', 'import_changes'];

interface Ledger { kind: ImportKindName; file: string; month?: string; rows: number }

async function writeSheet(file: string, title: string, header: string[], rows: (string | number)[][]): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Sheet1');
  sheet.addRow([title]);
  sheet.addRow(header);
  for (const r of rows) sheet.addRow(r);
  await workbook.xlsx.writeFile(file);
}

describe('imports apply township scope row by row', () => {
  let temp: TempDb;
  let dir: string;
  let ledgers: Ledger[];
  const count = (table: string) => queryNumber(temp.ctx.wdb, `select count(*) n from ${table}`);
  const snapshot = async () => Object.fromEntries(await Promise.all(TABLES.map(async (t) => [t, await count(t)])));

  beforeAll(async () => {
    temp = await createTempDb({ demo: true });
    dir = tempDir('workbench-scope-');
    const name = (code: string) => temp.ctx.divisions.villageNameOf(code);
    // 燕河营镇's people: some already registered (an update of their phone), and new ones.
    const people = (await queryRows(temp.ctx.wdb, `select id_number, name, village_code, category, labour_ability from people where township_code = ? order by id limit 6`, [YANHEYING])) as
      { id_number: string; name: string; village_code: string; category: string; labour_ability: string }[];
    const newIds = ['13032419800101001', '13032419800101002'].map((first17) => first17 + checkCharacter(first17));
    const peopleFile = path.join(dir, '燕河营镇人员台账.xlsx');
    await writeSheet(peopleFile, '燕河营镇脱贫人口台账', ['乡镇', '村', '姓名', '身份证号码', '人员类别', '劳动能力', '联系电话'], [
      ...people.slice(0, 4).map((p, i) => ['燕河营镇', name(p.village_code), p.name, p.id_number, p.category, p.labour_ability, `1390335${String(1000 + i)}`]),
      ...newIds.map((id, i) => ['燕河营镇', name(people[0]!.village_code), `新人${'甲乙'[i]}`, id, '脱贫户', '普通劳动力', '']),
    ]);
    // Employment of 燕河营镇's labourers of 2022.
    const labourers = (await queryRows(temp.ctx.wdb, `select id_number, name from people where township_code = ? and labour_ability = '普通劳动力' and birth_date between '1970-01-01' and '2000-01-01'
      and id not in (select person_id from placements) order by id limit 4`, [YANHEYING])) as { id_number: string; name: string }[];
    const employmentFile = path.join(dir, '燕河营镇就业台账.xlsx');
    await writeSheet(employmentFile, '燕河营镇2022年脱贫劳动力就业台账', ['姓名', '身份证号码', '就业状态', '就业形式', '务工省份', '开始务工时间', '务工月数', '月均收入（元）'],
      labourers.map((p) => [p.name, p.id_number, '已就业', '省外务工', '北京市', '2022-03', 9, 4500]));
    // Attendance of 燕河营镇's post holders in December 2022 (a month the demo has not submitted).
    const holders = (await queryRows(temp.ctx.wdb, `select pe.id_number, pe.name from placements pl join posts po on po.id = pl.post_id join people pe on pe.id = pl.person_id
      where po.township_code = ? and po.year = 2022 and pl.start_date <= '2022-12-01' and (pl.exit_date is null or pl.exit_date >= '2022-12-31') order by pl.id limit 4`, [YANHEYING])) as { id_number: string; name: string }[];
    const attendanceFile = path.join(dir, '燕河营镇考勤.xlsx');
    await writeSheet(attendanceFile, '燕河营镇2022年12月公益岗位考勤表', ['姓名', '身份证号码', '出勤天数'], holders.map((p) => [p.name, p.id_number, 17]));
    // Placements: 燕河营镇's people on 燕河营镇's posts.
    const placementsFile = path.join(dir, '燕河营镇安置.xlsx');
    await writeSheet(placementsFile, '燕河营镇公益岗位安置名单', ['乡镇', '村', '姓名', '身份证号码', '岗位类型', '上岗日期'],
      people.slice(0, 3).map((p) => ['燕河营镇', name(p.village_code), p.name, p.id_number, '保洁', '2022-03-01']));
    ledgers = [
      { kind: 'people', file: peopleFile, rows: 6 },
      { kind: 'employment', file: employmentFile, rows: labourers.length },
      { kind: 'attendance', file: attendanceFile, month: '2022-12', rows: holders.length },
      { kind: 'placements', file: placementsFile, rows: 3 },
    ];
    expect(labourers.length).toBe(4);
    expect(holders.length).toBe(4);
  });
  afterAll(async () => { await temp.cleanup(); fs.rmSync(dir, { recursive: true, force: true }); });

  async function throughTheDoor(ctx: EngineContext, ledger: Ledger) {
    const opened = await dispatch(ctx, 'import.open', { fileName: path.basename(ledger.file), base64: fs.readFileSync(ledger.file).toString('base64'), kind: ledger.kind });
    if (!opened.ok) throw new Error(opened.error.message);
    const options = { token: (opened.data as { token: string }).token, kind: ledger.kind, ...(ledger.month ? { month: ledger.month } : {}) };
    const preview = await dispatch(ctx, 'import.preview', options);
    if (!preview.ok) throw new Error(preview.error.message);
    const commit = await dispatch(ctx, 'import.commit', options);
    if (!commit.ok) throw new Error(commit.error.message);
    type Summary = { rows: number; created: number; updated: number; rejected: number; errors: { row: number; code: string; message: string }[] };
    return { preview: (preview.data as { summary: Summary }).summary, commit: (commit.data as { summary: Summary }).summary };
  }

  it('a clerk of 卢龙镇 gets every row of a 燕河营镇 ledger refused (OUT_OF_SCOPE, naming 燕河营镇) and nothing written, for every kind', async () => {
    const clerk = contextFor(temp.ctx.engine, { username: 'clerk-lulong', role: 'clerk', townships: [LULONG] });
    for (const ledger of ledgers) {
      const before = await snapshot();
      const { preview, commit } = await throughTheDoor(clerk, ledger);
      for (const summary of [preview, commit]) {
        expect(summary, ledger.kind).toMatchObject({ rows: ledger.rows, created: 0, updated: 0, rejected: ledger.rows });
        const scoped = summary.errors.filter((e) => e.code === 'OUT_OF_SCOPE');
        expect(new Set(scoped.map((e) => e.row)).size, ledger.kind).toBe(ledger.rows);
        expect(scoped[0]!.message).toContain('燕河营镇');
      }
      const after = await snapshot();
      // Only the batch itself (all rows rejected) and its audit entry may appear; no ledger data.
      expect({ ...after, import_batches: 0 }, ledger.kind).toEqual({ ...before, import_batches: 0 });
    }
  });

  it('a clerk of 燕河营镇 importing the same files is accepted (the refusal above is scope, nothing else)', async () => {
    // A second database seeded alike (the demo is deterministic): the first one already holds these files'
    // batches, which would make the same bytes "already imported".
    const other = await createTempDb({ demo: true });
    try {
      // The demo fills 2022's plan; 燕河营镇 may develop a few more posts for the placements file.
      (await queryRows(other.ctx.wdb, 'update year_policies set planned_posts = planned_posts + 10 where year = 2022'));
      (await queryRows(other.ctx.wdb, 'update township_plans set planned_posts = planned_posts + 10 where year = 2022 and township_code = ?', [YANHEYING]));
      const clerk = contextFor(other.ctx.engine, { username: 'clerk-yhy', role: 'clerk', townships: [YANHEYING] });
      for (const ledger of ledgers) {
        const { preview, commit } = await throughTheDoor(clerk, ledger);
        expect(preview.errors.filter((e) => e.code === 'OUT_OF_SCOPE'), ledger.kind).toEqual([]);
        expect(commit.created + commit.updated, `${ledger.kind} ${JSON.stringify(commit.errors.slice(0, 3))}`).toBeGreaterThan(0);
      }
    } finally {
      await other.cleanup();
    }
  });
});

describe('workbench import --user <clerk> applies township scope', () => {
  let dir: string;
  beforeAll(() => {
    spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'build.mjs'), 'engine'], { stdio: 'ignore' });
    dir = tempDir('workbench-scope-cli-');
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const workbench = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });

  it('a clerk of 130324100000 (typed as 130324100) importing a 燕河营镇 ledger: every row refused, nothing written', async () => {
    const db = path.join(dir, 'demo.sqlite');
    expect(workbench('init', '--db', db, '--demo').status).toBe(0);
    const added = workbench('add-user', '--db', db, '--username', 'lulong', '--role', 'clerk', '--password', 'Lulong-2026!', '--townships', '130324100', '--json');
    expect(added.status, added.stderr).toBe(0);
    expect(JSON.parse(added.stdout)).toMatchObject({ townships: [LULONG] });
    const temp = await import('better-sqlite3').then((m) => new m.default(db, { readonly: true }));
    const people = temp.prepare(`select id_number, name, village_code from people where township_code = ? order by id limit 5`).all(YANHEYING) as { id_number: string; name: string; village_code: string }[];
    const villages = new Map((temp.prepare("select code, name from divisions where level = 'village'").all() as { code: string; name: string }[]).map((v) => [v.code, v.name]));
    const count = () => (temp.prepare('select count(*) n from people').get() as { n: number }).n + (temp.prepare('select count(*) n from import_changes').get() as { n: number }).n;
    const file = path.join(dir, '燕河营镇.xlsx');
    await writeSheet(file, '燕河营镇脱贫人口台账', ['乡镇', '村', '姓名', '身份证号码', '人员类别', '劳动能力', '联系电话'],
      people.map((p, i) => ['燕河营镇', villages.get(p.village_code)!, p.name, p.id_number, '脱贫户', '普通劳动力', `1390335${2000 + i}`]));
    const before = count();
    const run = workbench('import', file, '--db', db, '--kind', 'people', '--user', 'lulong', '--json');
    const after = count();
    temp.close();
    expect(run.status, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout) as { rows: number; created: number; updated: number; rejected: number; errors: { row: number; code: string }[] };
    expect(result).toMatchObject({ rows: 5, created: 0, updated: 0, rejected: 5 });
    expect(result.errors.filter((e) => e.code === 'OUT_OF_SCOPE').map((e) => e.row)).toEqual([3, 4, 5, 6, 7]);
    expect(after).toBe(before);
  });
});
