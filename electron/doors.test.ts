// Every door into the engine refuses the same things (issue 10): for each role and each family of channels,
// the engine's dispatch, the desktop's IPC handlers (electron/main/ipc.ts with a stand-in ipcMain), `serve`
// over HTTP and the `workbench` command line (the built bin, in a child process, --user NAME) answer alike —
// and a clerk sees no full ID through any of them.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTempDb, type TempDb } from './backend/testing/temp-db';
import { contextFor, type SessionDoor } from './backend/context';
import { dispatch, handleRequest } from './backend/dispatch';
import { actorOf, findUserByName } from './backend/admin/users-repository';
import { registerIpc, type IpcEventLike } from './main/ipc';
import { startServer, type RunningServer } from './cli/server';
import { checkCharacter } from '../shared/domain/id-number';
import type { ApiResult } from '../shared/contract/schemas';
import { requireSqlite } from './backend/db/database';

const ROOT = path.resolve(__dirname, '..');
const BIN = path.join(ROOT, 'bin', 'workbench.cjs');
const YANHEYING = '130324102000';
const PASSWORD = 'secret123';
const ID_RUN = /(?<![0-9A-Za-z])\d{17}[\dX](?![0-9A-Za-z])/g;
/** Does the text hold a full ID number (18 characters whose check character is right)? */
const FULL_ID = { test: (text: string) => [...text.matchAll(ID_RUN)].some(([run]) => checkCharacter(run.slice(0, 17)) === run[17]) };
const ORIGIN = 'app://workbench';

type Role = 'clerk' | 'manager' | 'admin';
const USERS: Record<Role, string> = { clerk: 'clerk-yhy', manager: 'reviewer', admin: 'boss' };

/** One probe per channel family, and what each role gets: 'ok' or the refusal's code. */
interface Probe { family: string; channel: string; input: () => unknown; expect: Record<Role, string> }

type Door = (role: Role, channel: string, input: unknown) => Promise<ApiResult<unknown>>;

function workbench(...args: string[]) {
  const result = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, json: () => JSON.parse(result.stdout) as Record<string, unknown> };
}

describe('one door: every role × channel family through dispatch, IPC, HTTP and the CLI', () => {
  let temp: TempDb;
  let server: RunningServer;
  let upload = '';
  let ownPerson = 0;
  let otherPerson = 0;
  const cookies = new Map<Role, string>();
  const count = (table: string) => (requireSqlite(temp.ctx.wdb, 'test').prepare(`select count(*) n from ${table}`).get() as { n: number }).n;

  const probes: Probe[] = [
    { family: 'people (list)', channel: 'people.list', input: () => ({}), expect: { clerk: 'ok', manager: 'ok', admin: 'ok' } },
    { family: 'people (edit form)', channel: 'people.get', input: () => ({ id: ownPerson }), expect: { clerk: 'ok', manager: 'FORBIDDEN', admin: 'ok' } },
    { family: 'people (another township)', channel: 'people.get', input: () => ({ id: otherPerson }), expect: { clerk: 'OUT_OF_SCOPE', manager: 'FORBIDDEN', admin: 'ok' } },
    { family: 'employment', channel: 'employment.ledger', input: () => ({ year: 2022 }), expect: { clerk: 'ok', manager: 'ok', admin: 'ok' } },
    { family: 'posts and placements', channel: 'placements.list', input: () => ({ year: 2022 }), expect: { clerk: 'ok', manager: 'ok', admin: 'ok' } },
    { family: 'payroll', channel: 'payroll.compute', input: () => ({ month: '2022-06' }), expect: { clerk: 'ok', manager: 'ok', admin: 'ok' } },
    { family: 'payroll (approval)', channel: 'payroll.transition', input: () => ({ month: '2022-07', townshipCode: '130324999999', action: 'approve' }), expect: { clerk: 'OUT_OF_SCOPE', manager: 'PAYROLL_STATE', admin: 'PAYROLL_STATE' } },
    { family: 'reports', channel: 'reports.r3', input: () => ({ month: '2022-06', version: 'public' }), expect: { clerk: 'FORBIDDEN', manager: 'ok', admin: 'ok' } },
    { family: 'import', channel: 'import.open', input: () => ({ fileName: '名单.xlsx', base64: upload, kind: 'people' }), expect: { clerk: 'ok', manager: 'FORBIDDEN', admin: 'ok' } },
    { family: 'admin', channel: 'users.list', input: () => ({}), expect: { clerk: 'FORBIDDEN', manager: 'FORBIDDEN', admin: 'ok' } },
  ];

  beforeAll(async () => {
    // `npm test` builds first; a lone `vitest run` builds the engine bundle here.
    spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'build.mjs'), 'engine'], { stdio: 'ignore' });
    temp = await createTempDb({ demo: true });
    for (const [role, username] of Object.entries(USERS)) {
      const saved = await dispatch(temp.ctx, 'users.save', { username, displayName: username, role, townships: role === 'clerk' ? [YANHEYING] : [], disabled: false, password: PASSWORD });
      if (!saved.ok) throw new Error(saved.error.message);
    }
    ownPerson = (requireSqlite(temp.ctx.wdb, 'test').prepare('select id from people where township_code = ? limit 1').get(YANHEYING) as { id: number }).id;
    otherPerson = (requireSqlite(temp.ctx.wdb, 'test').prepare('select id from people where township_code != ? limit 1').get(YANHEYING) as { id: number }).id;
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('脱贫人口台账').addRow(['序号', '乡镇', '村', '姓名', '身份证号码']);
    upload = Buffer.from(await workbook.xlsx.writeBuffer()).toString('base64');
    fs.writeFileSync(path.join(temp.dir, '名单.xlsx'), Buffer.from(upload, 'base64'));
    const staticDir = path.join(temp.dir, 'renderer');
    fs.mkdirSync(staticDir);
    fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>工作台</title>');
    server = await startServer(temp.ctx.engine, { staticDir });
  }, 120_000);
  afterAll(async () => { await server.close(); await temp.cleanup(); });

  const viaDispatch: Door = async (role, channel, input) => {
    const user = await findUserByName(temp.ctx.wdb.db, USERS[role]);
    return dispatch(contextFor(temp.ctx.engine, actorOf(user!)), channel, input);
  };

  // The desktop's door: ipc.ts's handlers, each window keyed to its login session as main.ts does.
  const ipcHandlers = new Map<string, (event: IpcEventLike, input: unknown) => Promise<unknown>>();
  const windowTokens = new Map<number, string | undefined>();
  const windowDoor = (id: number): SessionDoor => ({ token: () => windowTokens.get(id), setToken: (t) => { windowTokens.set(id, t); } });
  registerIpc({ handle: (channel, listener) => { ipcHandlers.set(channel, listener); } }, (channel, input, windowId) => handleRequest(temp.ctx.engine, windowDoor(windowId), channel, input), [ORIGIN]);
  const WINDOWS: Record<Role, number> = { clerk: 1, manager: 2, admin: 3 };
  const viaIpc: Door = async (role, channel, input) => {
    const event: IpcEventLike = { senderFrame: { url: `${ORIGIN}/index.html` }, sender: { id: WINDOWS[role] } };
    if (!windowTokens.get(WINDOWS[role])) await ipcHandlers.get('auth.login')!(event, { username: USERS[role], password: PASSWORD });
    return ipcHandlers.get(channel)!(event, input) as Promise<ApiResult<unknown>>;
  };

  const viaHttp: Door = async (role, channel, input) => {
    const post = (name: string, body: unknown) => fetch(`${server.url}/api/${name}`, {
      // As the page does: same-origin, so serve's Origin check (issue 13) lets it through.
      method: 'POST', headers: { 'Content-Type': 'application/json', Origin: server.url, Cookie: cookies.get(role) ?? '' }, body: JSON.stringify(body),
    });
    if (!cookies.has(role)) cookies.set(role, ((await post('auth.login', { username: USERS[role], password: PASSWORD })).headers.get('set-cookie') ?? '').split(';')[0]!);
    return (await post(channel, input)).json() as Promise<ApiResult<unknown>>;
  };

  for (const [name, door] of [['dispatch', () => viaDispatch], ['IPC handler', () => viaIpc], ['HTTP (serve)', () => viaHttp]] as const) {
    it(`${name}: each role gets what its registration allows, per channel family, and a clerk no full ID`, async () => {
      const got: string[] = [];
      const wanted: string[] = [];
      for (const probe of probes) {
        for (const role of ['clerk', 'manager', 'admin'] as const) {
          const answer = await door()(role, probe.channel, probe.input());
          got.push(`${probe.family} ${role}: ${answer.ok ? 'ok' : answer.error.code}`);
          wanted.push(`${probe.family} ${role}: ${probe.expect[role]}`);
          if (role === 'clerk') expect(FULL_ID.test(JSON.stringify(answer)), `${probe.channel} for a clerk`).toBe(false);
          if (answer.ok && role === 'clerk' && probe.channel === 'people.list') expect(JSON.stringify(answer)).toMatch(/\d{6}\*{8}\d{3}[\dX]/);
          // The refusal says who can act, in Chinese.
          if (!answer.ok && answer.error.code === 'FORBIDDEN') expect(answer.error.message).toMatch(/^没有权限进行此操作：只有(录入员|审核员|管理员)(或(审核员|管理员))?可以进行此操作$/);
        }
      }
      expect(got).toEqual(wanted);
    }, 60_000);
  }

  describe('the CLI (--user NAME)', () => {
    it("refuses a manager's import with exit 2 and a Chinese FORBIDDEN, writing nothing", () => {
      const [people, batches] = [count('people'), count('import_batches')];
      const run = workbench('import', path.join(temp.dir, '名单.xlsx'), '--db', temp.file, '--kind', 'people', '--user', USERS.manager, '--json');
      expect(run.status).toBe(2);
      expect(run.json()).toEqual({ error: { code: 'FORBIDDEN', message: '没有权限进行此操作：只有录入员或管理员可以进行此操作' } });
      expect(run.stderr).toContain('FORBIDDEN');
      expect([count('people'), count('import_batches')]).toEqual([people, batches]);
    });

    it("runs a clerk's import of the clerk's township through the same door: dry run, rejected rows as a workbook, commit, undo", async () => {
      const village = temp.ctx.townships.find((t) => t.code === YANHEYING)!.villages[0]!;
      const first17 = '13032419800101555';
      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet('脱贫人口台账');
      sheet.addRow(['序号', '乡镇', '村', '姓名', '身份证号码', '户编号', '与户主关系', '人员类别', '劳动能力']);
      sheet.addRow([1, '燕河营镇', village.name, '新来的', first17 + checkCharacter(first17), 'T-9', '户主', '脱贫户', '普通劳动力']);
      sheet.addRow([2, '燕河营镇', village.name, '填错的', '130324198001015550', 'T-9', '配偶', '脱贫户', '普通劳动力']);
      const file = path.join(temp.dir, '燕河营镇台账.xlsx');
      await workbook.xlsx.writeFile(file);
      const people = count('people');
      const errors = path.join(temp.dir, 'rejected.xlsx');
      const dry = workbench('import', file, '--db', temp.file, '--kind', 'people', '--dry-run', '--errors', errors, '--user', USERS.clerk, '--json');
      expect(dry.status, dry.stderr).toBe(0);
      expect(dry.json()).toMatchObject({ kind: 'people', rows: 2, created: 1, rejected: 1, batchId: null });
      expect(Object.keys(dry.json()).sort()).toEqual(['batchId', 'created', 'errors', 'kind', 'rejected', 'rows', 'unchanged', 'updated', 'warnings']);
      expect(fs.statSync(errors).size).toBeGreaterThan(0);
      expect(count('people')).toBe(people);
      const committed = workbench('import', file, '--db', temp.file, '--kind', 'people', '--user', USERS.clerk, '--json');
      expect(committed.status, committed.stderr).toBe(0);
      const batchId = committed.json().batchId as number;
      expect(count('people')).toBe(people + 1);
      expect(workbench('undo-import', String(batchId), '--db', temp.file, '--user', USERS.clerk, '--json').json()).toEqual({ batchId, undone: true });
      expect(count('people')).toBe(people);
    }, 60_000);

    it("refuses a clerk's report R3 with exit 2, writing no file; a manager's is written", () => {
      const out = path.join(temp.dir, 'r3-clerk');
      const refused = workbench('report', 'R3', '--db', temp.file, '--month', '2022-06', '--out', out, '--user', USERS.clerk, '--json');
      expect(refused.status).toBe(2);
      expect(refused.json()).toEqual({ error: { code: 'FORBIDDEN', message: '没有权限进行此操作：只有审核员或管理员可以进行此操作' } });
      expect(fs.existsSync(out) ? fs.readdirSync(out) : []).toEqual([]);
      const written = workbench('report', 'R3', '--db', temp.file, '--month', '2022-06', '--out', path.join(temp.dir, 'r3-manager'), '--user', USERS.manager, '--json');
      expect(written.status).toBe(0);
      // R3 alone: the 公示 roster is its own report (PUBLIC) in the registry.
      expect((written.json().files as string[]).map((f) => path.basename(f))).toEqual(['卢龙县_R3_乡村公益性岗位人员花名册_2022年6月.xlsx']);
    }, 60_000);

    it("computes a clerk's payroll for the clerk's township only, with no full ID", () => {
      const clerk = workbench('payroll', '--db', temp.file, '--month', '2022-06', '--user', USERS.clerk, '--json');
      const county = workbench('payroll', '--db', temp.file, '--month', '2022-06', '--json');
      expect([clerk.status, county.status]).toEqual([0, 0]);
      const lines = (requireSqlite(temp.ctx.wdb, 'test').prepare("select count(*) n from payroll_lines where month = '2022-06' and township_code = ?").get(YANHEYING) as { n: number }).n;
      expect(clerk.json().lines).toBe(lines);
      expect(county.json().lines as number).toBeGreaterThan(lines);
      expect(FULL_ID.test(clerk.stdout)).toBe(false);
    }, 60_000);

    it("refuses a clerk's undo of another township's batch, as the window does", () => {
      requireSqlite(temp.ctx.wdb, 'test').prepare(`insert into import_batches (file_name, sha256, kind, month, township_code, created_by, rows, created, updated, unchanged, rejected, warnings, status)
        values ('x.xlsx', 'x', 'people', null, '130324100000', 'someone', 0, 0, 0, 0, 0, 0, 'applied')`).run();
      const batch = (requireSqlite(temp.ctx.wdb, 'test').prepare('select max(id) id from import_batches').get() as { id: number }).id;
      const run = workbench('undo-import', String(batch), '--db', temp.file, '--user', USERS.clerk, '--json');
      expect(run.status).toBe(2);
      expect((run.json().error as { code: string }).code).toBe('OUT_OF_SCOPE');
      expect(requireSqlite(temp.ctx.wdb, 'test').prepare('select status from import_batches where id = ?').get(batch)).toEqual({ status: 'applied' });
    });
  });
});
