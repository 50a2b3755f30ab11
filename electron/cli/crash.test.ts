// SIGKILL at random moments of an import commit, an undo, a backup (CLI), a payroll approval and a restore
// (`serve`), 20 each, in real child processes: afterwards the database passes integrity_check and holds
// the state before or the state after — never a mixture — and a backup's --out file is whole or absent.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../backend/testing/temp-db';
import { aVillage, buildEngine, idNumber, peopleWorkbook, serve, workbench, workbenchSync, type Served } from './testing/processes';

const KILLS = 20;
const tally: Record<string, { before: number; after: number }> = {};
const record = (op: string, outcome: 'before' | 'after') => { (tally[op] ??= { before: 0, after: 0 })[outcome] += 1; };
afterAll(() => console.log('kills and outcomes:', JSON.stringify(tally)));

/** Sends a request to `serve` and kills the process after a random share of `duration` ms. */
async function killServeDuring(server: Served, duration: number, channel: string, body: unknown): Promise<void> {
  const exited = new Promise<void>((resolve) => { if (server.child.exitCode !== null || server.child.signalCode !== null) resolve(); else server.child.on('exit', () => resolve()); });
  const timer = setTimeout(() => server.child.kill('SIGKILL'), duration * 1.2 * Math.random());
  await server.post(channel, body).catch(() => undefined);
  clearTimeout(timer);
  server.child.kill('SIGKILL');
  await exited;
}
const ROWS = 100;

function state(db: string): string {
  const sqlite = new Database(db);
  try {
    const integrity = sqlite.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') return `CORRUPT ${String(integrity)}`;
    const n = (sql: string) => (sqlite.prepare(sql).get() as { n: number }).n;
    return [n('select count(*) n from people'), n("select count(*) n from import_batches where status = 'applied'"), n("select count(*) n from audit_log where action in ('import', 'undo')")].join('/');
  } finally { sqlite.close(); }
}

/** Runs the command and kills it after a random share of `duration` ms; resolves when it is gone. */
async function killDuring(duration: number, ...args: string[]): Promise<void> {
  const { child, done } = workbench(...args);
  // Most of a run is starting Node and reading the file; the kills are spread over its second half.
  const delay = duration * (0.3 + 0.9 * Math.random());
  const timer = setTimeout(() => child.kill('SIGKILL'), delay);
  await done;
  clearTimeout(timer);
}

async function timed(...args: string[]): Promise<number> {
  const started = Date.now();
  const run = await workbench(...args).done;
  expect(run.status, run.stderr).toBe(0);
  return Date.now() - started;
}

describe('crash safety (SIGKILL)', () => {
  let dir: string;
  let db: string;
  let place: { township: string; village: string };
  const files: string[] = [];

  beforeAll(() => {
    buildEngine();
    dir = tempDir();
    db = path.join(dir, 'workbench.sqlite');
    expect(workbenchSync('init', '--db', db).status).toBe(0);
    place = aVillage(db);
    for (let f = 0; f <= KILLS + 2; f++) {
      files.push(peopleWorkbook(path.join(dir, `people-${f}.xlsx`), ['身份证号', '姓名', '乡镇', '村', '人员类别', '劳动能力'],
        Array.from({ length: ROWS }, (_, i) => [idNumber(f * ROWS + i), `导入${f}号${i}`, place.township, place.village, '脱贫户', '普通劳动力'])));
    }
  }, 120_000);
  afterAll(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it(`import commit killed ${KILLS} times: before or after, never torn`, async () => {
    // The first run of the day also takes the daily backup: time the second.
    await timed('import', files[KILLS + 2]!, '--db', db, '--kind', 'people');
    const duration = await timed('import', files[KILLS + 1]!, '--db', db, '--kind', 'people');
    for (let k = 0; k < KILLS; k++) {
      const before = state(db);
      await killDuring(duration, 'import', files[k]!, '--db', db, '--kind', 'people');
      const [people, batches, audits] = before.split('/').map(Number);
      const after = [people! + ROWS, batches! + 1, audits! + 1].join('/');
      const now = state(db);
      expect([before, after], `kill ${k}`).toContain(now);
      record('import', now === before ? 'before' : 'after');
    }
  }, 180_000);

  it(`undo killed ${KILLS} times: before or after, never torn`, async () => {
    const latestOrNull = () => (new Database(db, { readonly: true }).prepare("select id from import_batches where status = 'applied' order by id desc limit 1").get() as { id: number } | undefined)?.id ?? null;
    const latest = () => latestOrNull()!;
    let duration = 0;
    let next = 0;
    for (let id = latestOrNull(); id !== null; id = latestOrNull()) expect(workbenchSync('undo-import', String(id), '--db', db).status).toBe(0);
    for (let k = 0; k < KILLS; k++) {
      // An applied batch to undo: the one a killed undo left in place, or a new one.
      const applied = new Database(db, { readonly: true }).prepare("select count(*) n from import_batches where status = 'applied'").get() as { n: number };
      if (applied.n === 0 || duration === 0) {
        const imported = workbenchSync('import', files[next++]!, '--db', db, '--kind', 'people', '--json');
        expect(imported.status, imported.stderr).toBe(0);
      }
      if (duration === 0) { duration = await timed('undo-import', String(latest()), '--db', db); k -= 1; continue; }
      const before = state(db);
      await killDuring(duration, 'undo-import', String(latest()), '--db', db);
      const [people, batches, audits] = before.split('/').map(Number);
      const after = [people! - ROWS, batches! - 1, audits! + 1].join('/');
      const now = state(db);
      expect([before, after], `kill ${k}`).toContain(now);
      record('undo', now === before ? 'before' : 'after');
    }
    expect(tally.undo!.before + tally.undo!.after).toBeGreaterThanOrEqual(KILLS - 1);
  }, 240_000);

  it(`backup --out killed ${KILLS} times: the file is whole or absent`, async () => {
    const duration = await timed('backup', '--db', db, '--out', path.join(dir, 'timing.sqlite'));
    for (let k = 0; k < KILLS; k++) {
      const out = path.join(dir, `out-${k}.sqlite`);
      await killDuring(duration, 'backup', '--db', db, '--out', out);
      if (fs.existsSync(out)) {
        expect(state(out), `kill ${k}`).not.toMatch(/CORRUPT/);
        record('backup', 'after');
      } else record('backup', 'before');
      expect(state(db)).not.toMatch(/CORRUPT/);
    }
    // Only temporary names may be left behind by the kills (removed at the next start), never a torn --out.
    const leftovers = fs.readdirSync(dir).filter((n) => n.startsWith('out-') && !/\.sqlite$/.test(n) && !/\.partial/.test(n));
    expect(leftovers).toEqual([]);
  }, 180_000);
});

describe('crash safety of serve (SIGKILL during a request)', () => {
  let dir: string;
  const ADMIN = ['--username', 'admin', '--role', 'admin', '--password', 'Secret-2026'];

  beforeAll(() => {
    buildEngine();
    dir = tempDir();
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  function read<T>(db: string, sql: string, ...params: unknown[]): T {
    const sqlite = new Database(db);
    try {
      expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
      return sqlite.prepare(sql).get(...params) as T;
    } finally { sqlite.close(); }
  }

  it(`payroll approval killed ${KILLS} times: the township-month is submitted without frozen lines, or approved with them and audited`, async () => {
    const db = path.join(dir, 'demo.sqlite');
    expect(workbenchSync('init', '--db', db, '--demo').status).toBe(0);
    expect(workbenchSync('add-user', '--db', db, ...ADMIN).status).toBe(0);
    const month = '2022-07';
    const townships = (new Database(db, { readonly: true }).prepare('select township_code t from payroll_months where month = ? order by 1').all(month) as { t: string }[]).map((r) => r.t);
    const stateOf = (t: string) => read<{ status: string; lines: number; audits: number }>(db, `select
        (select status from payroll_months where month = ? and township_code = ?) status,
        (select count(*) from payroll_lines l join placements p on p.id = l.placement_id join posts o on o.id = p.post_id where l.month = ? and o.township_code = ?) lines,
        (select count(*) from audit_log where action = 'approve' and entity_id = ?) audits`, month, t, month, t, `${month}/${t}`);
    let duration = 0;
    for (let k = 0; k <= KILLS; k++) {
      const township = townships[k % townships.length]!;
      const server = await serve(db);
      await server.login('admin', 'Secret-2026');
      const status = stateOf(township).status;
      if (status === '已审核') expect((await server.post('payroll.transition', { month, townshipCode: township, action: 'reopen', reason: '测试' })).json.ok).toBe(true);
      if (status !== '已提交') expect((await server.post('payroll.transition', { month, townshipCode: township, action: 'submit' })).json.ok).toBe(true);
      const approve = { month, townshipCode: township, action: 'approve' };
      if (k === 0) {
        // Timed once, not killed.
        const started = Date.now();
        expect((await server.post('payroll.transition', approve)).json.ok).toBe(true);
        duration = Date.now() - started;
        await server.stop();
        continue;
      }
      const before = stateOf(township);
      await killServeDuring(server, duration, 'payroll.transition', approve);
      const now = stateOf(township);
      if (now.status === '已审核') {
        expect(now.lines, `kill ${k}`).toBeGreaterThan(0);
        expect(now.audits, `kill ${k}`).toBe(before.audits + 1);
        record('approval', 'after');
      } else {
        expect(now, `kill ${k}`).toEqual(before);
        record('approval', 'before');
      }
    }
  }, 300_000);

  it(`restore killed ${KILLS} times: the database is the one before or the backup (with its audit entry), never a mixture`, async () => {
    const db = path.join(dir, 'restore.sqlite');
    expect(workbenchSync('init', '--db', db).status).toBe(0);
    expect(workbenchSync('add-user', '--db', db, ...ADMIN).status).toBe(0);
    const place = aVillage(db);
    const seed = peopleWorkbook(path.join(dir, 'seed.xlsx'), ['身份证号', '姓名', '乡镇', '村', '人员类别', '劳动能力'], [[idNumber(29_999), '种子', place.township, place.village, '脱贫户', '普通劳动力']]);
    expect(workbenchSync('import', seed, '--db', db, '--kind', 'people').status).toBe(0);
    const backupDir = path.join(dir, 'backups');
    fs.mkdirSync(backupDir, { recursive: true });
    const backup = path.join(backupDir, 'workbench-20260101-000000-manual.sqlite');
    expect(workbenchSync('backup', '--db', db, '--out', backup).status).toBe(0);
    const backupPeople = read<{ n: number }>(backup, 'select count(*) n from people').n;
    const stateOf = () => read<{ people: number; restores: number; audits: number }>(db, "select (select count(*) from people) people, (select count(*) from audit_log where action = 'restore') restores, (select count(*) from audit_log) audits");
    let duration = 0;
    for (let k = 0; k <= KILLS; k++) {
      // A row the backup does not have, so before and after differ.
      const sqlite = new Database(db);
      sqlite.prepare("insert into people (id_number, name, sex, birth_date, township_code, village_code, category, labour_ability, updated_at) select ?, ?, '男', '1980-01-01', township_code, village_code, '脱贫户', '普通劳动力', '2026-01-01' from people limit 1").run(idNumber(30_000 + k), `恢复前${k}`);
      sqlite.close();
      const server = await serve(db);
      await server.login('admin', 'Secret-2026');
      const restore = { file: backup };
      if (k === 0) {
        const started = Date.now();
        const done = await server.post('backups.restore', restore);
        expect(done.json.ok, JSON.stringify(done.json)).toBe(true);
        duration = Date.now() - started;
        await server.stop();
        continue;
      }
      const before = stateOf();
      await killServeDuring(server, duration, 'backups.restore', restore);
      const now = stateOf();
      if (now.people === before.people) {
        expect(now, `kill ${k}`).toEqual(before);
        record('restore', 'before');
      } else {
        // The backup's rows, and the restore audited in the same transaction.
        expect(now.people, `kill ${k}`).toBe(backupPeople);
        expect(now.restores, `kill ${k}`).toBe(1);
        record('restore', 'after');
      }
      // No temporary file of the killed restore is left with a final name.
      expect(fs.readdirSync(path.join(dir, 'backups')).filter((n) => n.endsWith('.sqlite') && n.includes('restore-source'))).toEqual([]);
    }
  }, 300_000);
});
