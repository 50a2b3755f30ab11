// Two `serve` processes on one database, as two office seats (issue 16), on either store: a person edited
// in both — the second save refused with STALE_VERSION; two managers approving one township-month at
// once — exactly one wins and the lines are frozen once; two townships' imports side by side — both land.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type WorkbenchDb } from '../../backend/db/database';
import { queryNumber, queryRows } from '../../backend/testing/store-sql';
import { tempDir } from '../../backend/testing/temp-db';
import { buildEngine, idNumber, peopleWorkbook, serve, workbenchSync, type Served } from './processes';

export function twoSeatsSuite(store: string, database: () => Promise<{ location: string; drop(): Promise<void> }>): void {
describe(`two serve processes on one ${store} database, as two office seats`, () => {
  let dir: string;
  let db: string;
  let drop: () => Promise<void>;
  let reader: WorkbenchDb;
  let first: Served;
  let second: Served;

  beforeAll(async () => {
    buildEngine();
    dir = tempDir();
    // A PostgreSQL store's automatic backups go to the data folder: this test's, not the machine's.
    process.env.WORKBENCH_DATA_DIR = path.join(dir, 'data');
    ({ location: db, drop } = await database());
    const init = workbenchSync('init', '--db', db, '--demo');
    expect(init.status, init.stderr).toBe(0);
    for (const [username, role] of [['lead1', 'manager'], ['lead2', 'manager'], ['admin1', 'admin'], ['admin2', 'admin']]) {
      expect(workbenchSync('add-user', '--db', db, '--username', username!, '--role', role!, '--password', 'Secret-2026', '--json').status).toBe(0);
    }
    [first, second] = await Promise.all([serve(db), serve(db)]);
    reader = await openDatabase(db);
  }, 180_000);
  afterAll(async () => {
    await first?.stop();
    await second?.stop();
    await reader?.close();
    await drop?.();
    delete process.env.WORKBENCH_DATA_DIR;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const rows = <T>(text: string, params: unknown[] = []) => queryRows<T>(reader, text, params);
  const number = (text: string, params: unknown[] = []) => queryNumber(reader, text, params);
  /** Opens a people workbook in a seat and previews it (the dry run kept with the upload); its token. */
  const openPreviewed = async (seat: Served, workbook: string, toCreate: number) => {
    const opened = await seat.post('import.open', { fileName: path.basename(workbook), base64: fs.readFileSync(workbook).toString('base64'), kind: 'people' });
    expect(opened.json.ok, JSON.stringify(opened.json)).toBe(true);
    const preview = await seat.post('import.preview', { token: opened.json.data.token, kind: 'people' });
    expect(preview.json.data.summary.created).toBe(toCreate);
    return opened.json.data.token as string;
  };

  it('the same person saved in both: the second is refused with 已被他人修改，请刷新 and the first change stays', async () => {
    await first.login('admin1', 'Secret-2026');
    await second.login('admin2', 'Secret-2026');
    const id = Number((await rows<{ id: number }>('select id from people order by id limit 1'))[0]!.id);
    const [a, b] = [(await first.post('people.get', { id })).json.data, (await second.post('people.get', { id })).json.data];
    const fields = (p: any) => ({ idNumber: p.idNumber, name: p.name, phone: p.phone, townshipCode: p.townshipCode, villageCode: p.villageCode, householdNo: p.householdNo, relation: p.relation, category: p.category, labourAbility: p.labourAbility, cardNumber: p.cardNumber, bank: p.bank, remark: p.remark });
    const saved = await first.post('people.save', { id, version: a.version, person: { ...fields(a), remark: '甲座位的修改' } });
    expect(saved.json.ok, JSON.stringify(saved.json)).toBe(true);
    const refused = await second.post('people.save', { id, version: b.version, person: { ...fields(b), remark: '乙座位的修改' } });
    expect(refused.status).toBe(409);
    expect(refused.json).toEqual({ ok: false, error: { code: 'STALE_VERSION', message: '已被他人修改，请刷新' } });
    expect(await rows('select remark from people where id = ?', [id])).toEqual([{ remark: '甲座位的修改' }]);
  }, 60_000);

  it('two managers approving the same township-month at once, in two processes: exactly one wins', async () => {
    await first.login('lead1', 'Secret-2026');
    await second.login('lead2', 'Secret-2026');
    const submitted = await rows<{ month: string; township_code: string }>("select month, township_code from payroll_months where status = '已提交' order by month, township_code");
    expect(submitted.length).toBeGreaterThan(1);
    // Each of two township-months approved by both at once; one more by one alone (no one else waiting).
    for (const { month, township_code: townshipCode } of submitted.slice(0, 2)) {
      const before = (await first.post('payroll.compute', { month })).json.data.townships.find((t: { code: string }) => t.code === townshipCode);
      const input = { month, townshipCode, action: 'approve' };
      const results = await Promise.all([first.post('payroll.transition', input), second.post('payroll.transition', input)]);
      expect(results.filter((r) => r.json.ok), JSON.stringify(results.map((r) => r.json.error))).toHaveLength(1);
      expect(results.filter((r) => !r.json.ok).map((r) => r.json.error.code)).toEqual(['PAYROLL_STATE']);
      const lines = await number('select count(*) n from payroll_lines where month = ? and township_code = ?', [month, townshipCode]);
      const netFen = await number('select coalesce(sum(net_fen), 0) n from payroll_lines where month = ? and township_code = ?', [month, townshipCode]);
      const approvals = await number("select count(*) n from audit_log where action = 'approve' and entity_id = ?", [`${month}/${townshipCode}`]);
      // Frozen once: the lines and money the month computed to just before, not twice that.
      expect(approvals).toBe(1);
      expect({ lines, netFen }).toEqual({ lines: before.lines, netFen: before.netFen });
      expect(lines).toBeGreaterThan(0);
    }
  }, 120_000);

  it('two townships\' imports side by side, one in each process: both land whole, each its own batch and undo records', async () => {
    await first.login('admin1', 'Secret-2026');
    await second.login('admin2', 'Secret-2026');
    const [townA, townB] = await rows<{ township: string; village: string }>(`select t.name township, v.name village from divisions v join divisions t on t.code = v.parent_code
      where v.level = 'village' and v.code in (select min(code) from divisions where level = 'village' group by parent_code) order by t.code limit 2`);
    const HEADER = ['身份证号', '姓名', '乡镇', '村', '人员类别', '劳动能力'];
    const file = (n: number, place: { township: string; village: string }) => peopleWorkbook(path.join(dir, `town-${n}.xlsx`), HEADER,
      Array.from({ length: 300 }, (_, i) => [idNumber(30_000 + n * 1000 + i), `乡镇${n}人${i}`, place.township, place.village, '脱贫户', '普通劳动力']));
    const importVia = async (seat: Served, workbook: string) => {
      const opened = await seat.post('import.open', { fileName: path.basename(workbook), base64: fs.readFileSync(workbook).toString('base64'), kind: 'people' });
      expect(opened.json.ok, JSON.stringify(opened.json)).toBe(true);
      return seat.post('import.commit', { token: opened.json.data.token, kind: 'people' });
    };
    const [a, b] = await Promise.all([importVia(first, file(1, townA!)), importVia(second, file(2, townB!))]);
    expect(a.json.ok, JSON.stringify(a.json.error)).toBe(true);
    expect(b.json.ok, JSON.stringify(b.json.error)).toBe(true);
    expect([a.json.data.summary.created, b.json.data.summary.created]).toEqual([300, 300]);
    const landed = await number("select count(*) n from people where name like '乡镇_人%'");
    expect(landed).toBe(600);
    // Two batches, one per township, each with the 300 records its undo needs.
    const batches = await rows<{ township_code: string; created: number; changes: number }>(`select b.township_code, b.created,
      (select count(*) from import_changes c where c.batch_id = b.id and c.action = 'create') changes from import_batches b where b.kind = 'people' and b.created_by in ('admin1', 'admin2') order by b.id`);
    expect(batches.map((x) => [Number(x.created), Number(x.changes)])).toEqual([[300, 300], [300, 300]]);
    expect(new Set(batches.map((x) => x.township_code)).size).toBe(2);
  }, 120_000);

  it('two files of one township naming the same new people, committed at once: one creates them, the other waits, judges again and finds them there', async () => {
    await first.login('admin1', 'Secret-2026');
    await second.login('admin2', 'Secret-2026');
    const [town] = await rows<{ township: string; village: string }>(`select t.name township, v.name village from divisions v join divisions t on t.code = v.parent_code
      where v.level = 'village' order by v.code desc limit 1`);
    const HEADER = ['身份证号', '姓名', '乡镇', '村', '人员类别', '劳动能力', '备注'];
    // The same 200 people in both files, each file with its own remark: whichever commits second updates it.
    const file = (n: number) => peopleWorkbook(path.join(dir, `same-town-${n}.xlsx`), HEADER,
      Array.from({ length: 200 }, (_, i) => [idNumber(40_000 + i), `同乡镇${i}`, town!.township, town!.village, '脱贫户', '普通劳动力', `第${n}份`]));
    // The dry run first (kept with the upload): both see 200 people to create.
    const [tokenA, tokenB] = [await openPreviewed(first, file(1), 200), await openPreviewed(second, file(2), 200)];
    const [a, b] = await Promise.all([first.post('import.commit', { token: tokenA, kind: 'people' }), second.post('import.commit', { token: tokenB, kind: 'people' })]);
    expect(a.json.ok, JSON.stringify(a.json.error)).toBe(true);
    expect(b.json.ok, JSON.stringify(b.json.error)).toBe(true);
    const summaries = [a.json.data.summary, b.json.data.summary].map((x: { created: number; updated: number }) => [x.created, x.updated]).sort((x, y) => y[0]! - x[0]!);
    // One created the 200; the other, judged again on what the first wrote, only changed their remark.
    expect(summaries).toEqual([[200, 0], [0, 200]]);
    expect(await number("select count(*) n from people where name like '同乡镇%'")).toBe(200);
    const remarks = await rows<{ remark: string; n: number }>("select remark, count(*) n from people where name like '同乡镇%' group by remark");
    expect(remarks).toHaveLength(1);
    expect(['第1份', '第2份']).toContain(remarks[0]!.remark);
  }, 120_000);

  /**
   * Two townships' files naming the same 50 new people (each registering them in its own township), opened
   * and previewed (both see 50 to create), then committed at once by `users` in the two seats. On PostgreSQL
   * the two transactions are made to run side by side: the county's import lock is held here until both
   * commits wait for it, so both insert the same ID numbers before either has committed (without the retry
   * the second failed with a unique violation, reported as INTERNAL). On SQLite one process's commit waits
   * for the other's (BEGIN IMMEDIATE) and nothing needs holding. Both commits must succeed.
   */
  const sameNewPeopleInTwoTownships = async (tag: string, idBase: number, users: readonly [string, string]) => {
    const places = await rows<{ code: string; township: string; village: string }>(`select t.code, t.name township, v.name village from divisions v join divisions t on t.code = v.parent_code
      where v.level = 'village' and v.code in (select max(code) from divisions where level = 'village' group by parent_code) order by t.code desc limit 2`);
    await first.login(users[0], 'Secret-2026');
    await second.login(users[1], 'Secret-2026');
    const HEADER = ['身份证号', '姓名', '乡镇', '村', '人员类别', '劳动能力'];
    const file = (n: number) => peopleWorkbook(path.join(dir, `${tag}-${n}.xlsx`), HEADER,
      Array.from({ length: 50 }, (_, i) => [idNumber(idBase + i), `${tag}${i}`, places[n]!.township, places[n]!.village, '脱贫户', '普通劳动力']));
    const [tokenA, tokenB] = [await openPreviewed(first, file(0), 50), await openPreviewed(second, file(1), 50)];
    const gate = reader.dialect === 'postgres' ? await reader.pool.connect() : null;
    await gate?.query("begin; select pg_advisory_xact_lock(hashtextextended('import:*', 0))");
    const commits = Promise.all([first.post('import.commit', { token: tokenA, kind: 'people' }), second.post('import.commit', { token: tokenB, kind: 'people' })]);
    if (gate) {
      await expect.poll(async () => Number((await gate.query("select count(*) n from pg_locks where locktype = 'advisory' and not granted and database = (select oid from pg_database where datname = current_database())")).rows[0].n), { timeout: 60_000 }).toBe(2);
      await gate.query('commit');
      gate.release();
    }
    const [a, b] = await commits;
    expect(a.json.ok, JSON.stringify(a.json.error)).toBe(true);
    expect(b.json.ok, JSON.stringify(b.json.error)).toBe(true);
    expect(await number('select count(*) n from people where name like ?', [`${tag}%`])).toBe(50);
    const results = [a.json.data.summary, b.json.data.summary].map((x: { created: number; updated: number; rejected: number }) => [x.created, x.updated, x.rejected]).sort((x, y) => y[0]! - x[0]!);
    const townships = await rows<{ township_code: string }>('select distinct township_code from people where name like ?', [`${tag}%`]);
    return { places, results, townships };
  };

  it('two townships\' files naming the same 50 new people, committed at once by county administrators: one creates them, the other, judged again, moves them to its township', async () => {
    const { results, townships } = await sameNewPeopleInTwoTownships('两乡镇', 35_000, ['admin1', 'admin2']);
    expect(results).toEqual([[50, 0, 0], [0, 50, 0]]);
    const [updating] = await rows<{ township_code: string }>("select township_code from import_batches where kind = 'people' and updated = 50 and file_name like '两乡镇-%'");
    expect(townships).toEqual([{ township_code: updating!.township_code }]);
  }, 180_000);

  it('the same by the two townships\' clerks: one creates them, the other, judged again, is refused them (registered in another township)', async () => {
    const [townA, townB] = await rows<{ code: string }>(`select parent_code code from divisions where level = 'village' group by parent_code order by parent_code desc limit 2`);
    for (const [username, township] of [['clerk1', townA!.code], ['clerk2', townB!.code]]) {
      const added = workbenchSync('add-user', '--db', db, '--username', username!, '--role', 'clerk', '--password', 'Secret-2026', '--townships', township!, '--json');
      expect(added.status, added.stderr).toBe(0);
    }
    const { results, townships } = await sameNewPeopleInTwoTownships('两站', 35_100, ['clerk1', 'clerk2']);
    expect(results).toEqual([[50, 0, 0], [0, 0, 50]]);
    const [creating] = await rows<{ township_code: string }>("select township_code from import_batches where kind = 'people' and created = 50 and file_name like '两站-%'");
    expect(townships).toEqual([{ township_code: creating!.township_code }]);
    expect(await number("select count(*) n from import_batches where file_name like '两站-%'")).toBe(1);
  }, 180_000);
});
}
