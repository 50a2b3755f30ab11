// Two real processes on one database file: imports that change different fields of the same people,
// an undo beside an import, a CLI import beside a busy `serve`, a restore while another window has the
// file open, and 50 wrong passwords sent at once. Nothing may be lost, and nobody may fail with
// "database is locked".
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../backend/testing/temp-db';
import { aVillage, buildEngine, idNumber, peopleWorkbook, serve, workbench, workbenchSync } from './testing/processes';

const PEOPLE = 20;
const HEADER = ['身份证号', '姓名', '乡镇', '村', '人员类别', '劳动能力'];

function rowsOf(db: string, sql: string): Record<string, unknown>[] {
  const sqlite = new Database(db, { readonly: true });
  try { return sqlite.prepare(sql).all() as Record<string, unknown>[]; } finally { sqlite.close(); }
}

describe('two processes on one database', () => {
  let dir: string;
  let db: string;
  let place: { township: string; village: string };
  const ids = Array.from({ length: PEOPLE }, (_, i) => idNumber(i));
  const names = ids.map((_, i) => `测试${'甲乙丙丁戊己庚辛壬癸'[i % 10]}${'一二'[Math.floor(i / 10)]}`);

  beforeAll(() => {
    buildEngine();
    dir = tempDir();
    db = path.join(dir, 'workbench.sqlite');
    expect(workbenchSync('init', '--db', db).status).toBe(0);
    place = aVillage(db);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  function createPeople(tag: string): number {
    const file = peopleWorkbook(path.join(dir, `create-${tag}.xlsx`), HEADER, ids.map((id, i) => [id, names[i]!, place.township, place.village, '脱贫户', '普通劳动力']));
    const run = workbenchSync('import', file, '--db', db, '--kind', 'people', '--json');
    expect(run.status, run.stderr).toBe(0);
    return run.json().batchId as number;
  }

  it('two imports changing different fields of the same 20 people, 4 runs: both changes kept every time', async () => {
    createPeople('fields');
    for (let run = 0; run < 4; run++) {
      const phones = peopleWorkbook(path.join(dir, `phones-${run}.xlsx`), ['身份证号', '姓名', '乡镇', '村', '联系电话'],
        ids.map((id, i) => [id, names[i]!, place.township, place.village, `1390000${run}${String(i).padStart(3, '0')}`]));
      const remarks = peopleWorkbook(path.join(dir, `remarks-${run}.xlsx`), ['身份证号', '姓名', '乡镇', '村', '备注'],
        ids.map((id, i) => [id, names[i]!, place.township, place.village, `第${run}轮备注${i}`]));
      const [a, b] = await Promise.all([
        workbench('import', phones, '--db', db, '--kind', 'people', '--json').done,
        workbench('import', remarks, '--db', db, '--kind', 'people', '--json').done,
      ]);
      expect(a.status, a.stderr).toBe(0);
      expect(b.status, b.stderr).toBe(0);
      expect(a.json().updated).toBe(PEOPLE);
      expect(b.json().updated).toBe(PEOPLE);
      const stored = rowsOf(db, `select phone, remark from people where id_number in (${ids.map((id) => `'${id}'`).join(',')}) order by id_number`);
      const lost = stored.filter((p) => !String(p.phone).startsWith(`1390000${run}`) || !String(p.remark).startsWith(`第${run}轮`));
      expect(lost, `run ${run}: lost updates`).toEqual([]);
    }
  }, 120_000);

  it('undo of a batch beside an import that updates its people, 4 runs: never an applied batch for people who are gone', async () => {
    for (let run = 0; run < 4; run++) {
      const fresh = Array.from({ length: PEOPLE }, (_, i) => idNumber(100 + run * PEOPLE + i));
      const created = peopleWorkbook(path.join(dir, `undo-create-${run}.xlsx`), HEADER, fresh.map((id, i) => [id, names[i]!, place.township, place.village, '脱贫户', '普通劳动力']));
      const batch = workbenchSync('import', created, '--db', db, '--kind', 'people', '--json').json().batchId as number;
      const update = peopleWorkbook(path.join(dir, `undo-update-${run}.xlsx`), ['身份证号', '姓名', '乡镇', '村', '联系电话'], fresh.map((id, i) => [id, names[i]!, place.township, place.village, `1370000${String(i).padStart(4, '0')}`]));
      const [undo, imported] = await Promise.all([
        workbench('undo-import', String(batch), '--db', db, '--json').done,
        workbench('import', update, '--db', db, '--kind', 'people', '--json').done,
      ]);
      // Either the undo went first (the import then finds nobody to update: all rows refused, no batch) or
      // the import did (the undo is refused: a later batch changed the same people).
      expect([0, 2]).toContain(undo.status);
      expect(imported.status, imported.stderr).toBe(0);
      const orphans = rowsOf(db, `select c.batch_id, c.entity_id from import_changes c join import_batches b on b.id = c.batch_id
        where b.status = 'applied' and c.entity = 'person' and not exists (select 1 from people p where p.id = c.entity_id)`);
      expect(orphans, `run ${run}`).toEqual([]);
      if (undo.status === 2) expect(undo.json().error.code).toBe('UNDO_BLOCKED');
      else expect(imported.json().batchId).toBeNull();
    }
  }, 120_000);

  it('a CLI import beside a busy serve: every write of both queues, none fails with "database is locked"', async () => {
    expect(workbenchSync('add-user', '--db', db, '--username', 'admin', '--role', 'admin', '--password', 'Secret-2026', '--json').status).toBe(0);
    const server = await serve(db);
    try {
      await server.login('admin', 'Secret-2026');
      // 20 different people (those the first test made): each save names the version it loaded, and a save
      // over another's change would be refused, so no two of these writes touch the same person.
      const chosen = rowsOf(db, 'select id from people order by id limit 20') as { id: number }[];
      expect(chosen).toHaveLength(20);
      const big = Array.from({ length: 400 }, (_, i) => idNumber(1000 + i));
      const files = [0, 1, 2].map((n) => peopleWorkbook(path.join(dir, `busy-${n}.xlsx`), HEADER.concat('备注'), big.map((id, i) => [id, `批量${i}`, place.township, place.village, '脱贫户', '普通劳动力', `第${n}次`])));
      const imports = files.map((file) => workbench('import', file, '--db', db, '--kind', 'people', '--json').done);
      const writes: Promise<{ status: number; json: any }>[] = [];
      for (let i = 0; i < chosen.length; i++) {
        const full = (await server.post('people.get', { id: chosen[i]!.id })).json.data;
        writes.push(server.post('people.save', { id: full.id, version: full.version, person: { ...pick(full), remark: `网页写入${i}` } }));
        await new Promise((r) => setTimeout(r, 15));
      }
      const results = await Promise.all(writes);
      const cli = await Promise.all(imports);
      expect(cli.map((r) => r.status), cli.map((r) => r.stderr).join('\n')).toEqual([0, 0, 0]);
      expect(results.filter((r) => !r.json.ok).map((r) => r.json.error)).toEqual([]);
    } finally {
      await server.stop();
    }
  }, 120_000);

  it('restore is refused while another process has the database open, and works once it is closed', async () => {
    const first = await serve(db);
    const second = await serve(db);
    try {
      await first.login('admin', 'Secret-2026');
      await second.login('admin', 'Secret-2026');
      const made = await first.post('backups.create', {});
      expect(made.json.ok, JSON.stringify(made.json)).toBe(true);
      const refused = await first.post('backups.restore', { file: made.json.data.name });
      expect(refused.status).toBe(409);
      expect(refused.json.error.code).toBe('DB_IN_USE');
      expect(refused.json.error.message).toContain('数据库正被另一个窗口或程序使用');
      // The other window's save after the refusal reaches the disk.
      const saved = await second.post('app.info', {});
      expect(saved.json.ok).toBe(true);
      await second.stop();
      const restored = await first.post('backups.restore', { file: made.json.data.name });
      expect(restored.json.ok, JSON.stringify(restored.json)).toBe(true);
      expect(rowsOf(db, "select count(*) n from audit_log where action = 'restore'")[0]!.n).toBe(1);
    } finally {
      await first.stop();
      await second.stop();
    }
  }, 120_000);

  it('50 wrong passwords at once, then the right one: the account is locked', async () => {
    expect(workbenchSync('add-user', '--db', db, '--username', 'target', '--role', 'clerk', '--password', 'Right-2026', '--townships', '130324100000', '--json').status).toBe(0);
    const server = await serve(db);
    try {
      const wrong = await Promise.all(Array.from({ length: 50 }, () => server.post('auth.login', { username: 'target', password: 'wrong-guess' })));
      expect(wrong.every((r) => !r.json.ok)).toBe(true);
      const right = await server.post('auth.login', { username: 'target', password: 'Right-2026' });
      expect(right.json).toMatchObject({ ok: false, error: { code: 'ACCOUNT_LOCKED' } });
    } finally {
      await server.stop();
    }
  }, 60_000);
});

/** The person fields people.save takes, from what people.get answered. */
function pick(p: Record<string, unknown>): Record<string, unknown> {
  const keys = ['idNumber', 'name', 'phone', 'townshipCode', 'villageCode', 'householdNo', 'relation', 'category', 'labourAbility', 'cardNumber', 'bank', 'remark'];
  return Object.fromEntries(keys.map((k) => [k, p[k] ?? '']));
}
