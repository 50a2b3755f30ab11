// The office server (issue 16): `serve --host 0.0.0.0` answers the browser that reached it by its LAN
// address (Host and Origin checked against that, CSRF unchanged), a TLS proxy named with --origin, and two
// `serve` processes on one database behave as two office seats: a person edited in both — the second save
// refused with STALE_VERSION; two managers approving one township-month at once — exactly one wins;
// two townships' imports side by side — both land.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exposureWarning, parseOrigins, startServer, type RunningServer } from './server';
import { createTempDb, tempDir, type TempDb } from '../backend/testing/temp-db';
import { dispatch } from '../backend/dispatch';
import { buildEngine, idNumber, peopleWorkbook, serve, workbenchSync, type Served } from './testing/processes';

/** An address of this machine other than loopback (its LAN address), else its name: what a seat types. */
function officeAddress(): string {
  for (const list of Object.values(os.networkInterfaces())) {
    for (const a of list ?? []) if (!a.internal && a.family === 'IPv4') return a.address;
  }
  return os.hostname().toLowerCase();
}

/** A POST as a browser on another seat sends it: to this machine, under the Host and Origin it typed. */
function postAs(port: number, host: string, origin: string | undefined, channel: string, body: unknown, cookie = ''): Promise<{ status: number; cookie: string; json: any }> {
  return new Promise((resolve, reject) => {
    const data = JSON.stringify(body);
    const headers: Record<string, string> = { Host: host, 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(data)), Cookie: cookie };
    if (origin) headers.Origin = origin;
    const req = http.request({ host: '127.0.0.1', port, method: 'POST', path: `/api/${channel}`, headers }, (res) => {
      let text = '';
      res.on('data', (d) => { text += d; });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, cookie: (res.headers['set-cookie']?.[0] ?? '').split(';')[0]!, json: JSON.parse(text) }));
    });
    req.on('error', reject);
    req.end(data);
  });
}

describe('serve --host 0.0.0.0 for the office network', () => {
  let temp: TempDb;
  let server: RunningServer;
  let port: number;
  beforeAll(async () => {
    temp = await createTempDb();
    await dispatch(temp.ctx, 'users.save', { username: 'admin', displayName: '管理员', role: 'admin', townships: [], disabled: false, password: 'secret123' });
    const staticDir = path.join(temp.dir, 'renderer');
    fs.mkdirSync(staticDir);
    fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>工作台</title>');
    server = await startServer(temp.ctx.engine, { staticDir, host: '0.0.0.0', origins: ['https://workbench.office.lan'] });
    port = Number(new URL(server.url).port);
  });
  afterAll(async () => { await server.close(); await temp.cleanup(); });

  it('a seat that reached it by the LAN address logs in and works; a page of another origin is refused', async () => {
    const lan = `${officeAddress()}:${port}`;
    const login = await postAs(port, lan, `http://${lan}`, 'auth.login', { username: 'admin', password: 'secret123' });
    expect(login.json.ok, JSON.stringify(login.json)).toBe(true);
    expect((await postAs(port, lan, `http://${lan}`, 'app.info', {}, login.cookie)).json.ok).toBe(true);
    // The same session from a page on another origin (a site the clerk has open beside it): refused.
    expect((await postAs(port, lan, 'http://evil.example', 'app.info', {}, login.cookie)).status).toBe(403);
    // A page served from 127.0.0.1 is another origin than the LAN address the request came to.
    expect((await postAs(port, lan, `http://127.0.0.1:${port}`, 'app.info', {}, login.cookie)).status).toBe(403);
    // A script without Origin still needs the CSRF token.
    expect((await postAs(port, lan, undefined, 'app.info', {}, login.cookie)).status).toBe(403);
    // A foreign name for this machine (DNS rebinding) is refused whatever the Origin.
    expect((await postAs(port, `evil.example:${port}`, `http://evil.example:${port}`, 'app.info', {}, login.cookie)).status).toBe(403);
  });

  it('a TLS reverse proxy named with --origin: its Host and https Origin are accepted', async () => {
    const login = await postAs(port, 'workbench.office.lan', 'https://workbench.office.lan', 'auth.login', { username: 'admin', password: 'secret123' });
    expect(login.json.ok, JSON.stringify(login.json)).toBe(true);
    expect((await postAs(port, 'workbench.office.lan', 'https://other.office.lan', 'app.info', {}, login.cookie)).status).toBe(403);
  });

  it('warns in Chinese when listening beyond loopback, and takes only whole origins', () => {
    expect(exposureWarning('127.0.0.1')).toBeNull();
    expect(exposureWarning('0.0.0.0')).toContain('未加密的 HTTP');
    expect(exposureWarning('0.0.0.0', ['https://workbench.office.lan'])).toContain('HTTPS 反向代理');
    expect(parseOrigins(['https://Workbench.Office.LAN/'])).toEqual(['https://workbench.office.lan']);
    expect(() => parseOrigins(['https://workbench.office.lan/app'])).toThrow(/scheme and host/);
    expect(() => parseOrigins(['workbench'])).toThrow(/not a URL/);
  });
});

describe('two serve processes on one database, as two office seats', () => {
  let dir: string;
  let db: string;
  let first: Served;
  let second: Served;

  beforeAll(async () => {
    buildEngine();
    dir = tempDir();
    db = path.join(dir, 'workbench.sqlite');
    expect(workbenchSync('init', '--db', db, '--demo').status).toBe(0);
    for (const [username, role] of [['lead1', 'manager'], ['lead2', 'manager'], ['admin1', 'admin'], ['admin2', 'admin']]) {
      expect(workbenchSync('add-user', '--db', db, '--username', username!, '--role', role!, '--password', 'Secret-2026', '--json').status).toBe(0);
    }
    [first, second] = await Promise.all([serve(db), serve(db)]);
  }, 120_000);
  afterAll(async () => {
    await first?.stop();
    await second?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  function sqlite<T>(run: (db: Database.Database) => T): T {
    const handle = new Database(db, { readonly: true });
    try { return run(handle); } finally { handle.close(); }
  }

  it('the same person saved in both: the second is refused with 已被他人修改，请刷新 and the first change stays', async () => {
    await first.login('admin1', 'Secret-2026');
    await second.login('admin2', 'Secret-2026');
    const id = sqlite((h) => (h.prepare('select id from people order by id limit 1').get() as { id: number }).id);
    const [a, b] = [(await first.post('people.get', { id })).json.data, (await second.post('people.get', { id })).json.data];
    const fields = (p: any) => ({ idNumber: p.idNumber, name: p.name, phone: p.phone, townshipCode: p.townshipCode, villageCode: p.villageCode, householdNo: p.householdNo, relation: p.relation, category: p.category, labourAbility: p.labourAbility, cardNumber: p.cardNumber, bank: p.bank, remark: p.remark });
    const saved = await first.post('people.save', { id, version: a.version, person: { ...fields(a), remark: '甲座位的修改' } });
    expect(saved.json.ok, JSON.stringify(saved.json)).toBe(true);
    const refused = await second.post('people.save', { id, version: b.version, person: { ...fields(b), remark: '乙座位的修改' } });
    expect(refused.status).toBe(409);
    expect(refused.json).toEqual({ ok: false, error: { code: 'STALE_VERSION', message: '已被他人修改，请刷新' } });
    expect(sqlite((h) => h.prepare('select remark from people where id = ?').get(id))).toEqual({ remark: '甲座位的修改' });
  }, 60_000);

  it('two managers approving the same township-month at once, in two processes: exactly one wins', async () => {
    await first.login('lead1', 'Secret-2026');
    await second.login('lead2', 'Secret-2026');
    const submitted = sqlite((h) => h.prepare("select month, township_code from payroll_months where status = '已提交' order by month, township_code").all()) as { month: string; township_code: string }[];
    expect(submitted.length).toBeGreaterThan(1);
    // Each of two township-months approved by both at once; one more by one alone (no one else waiting).
    for (const { month, township_code: townshipCode } of submitted.slice(0, 2)) {
      const before = (await first.post('payroll.compute', { month })).json.data.townships.find((t: { code: string }) => t.code === townshipCode);
      const input = { month, townshipCode, action: 'approve' };
      const results = await Promise.all([first.post('payroll.transition', input), second.post('payroll.transition', input)]);
      expect(results.filter((r) => r.json.ok), JSON.stringify(results.map((r) => r.json.error))).toHaveLength(1);
      expect(results.filter((r) => !r.json.ok).map((r) => r.json.error.code)).toEqual(['PAYROLL_STATE']);
      const [lines, netFen, approvals] = sqlite((h) => [
        (h.prepare('select count(*) n from payroll_lines where month = ? and township_code = ?').get(month, townshipCode) as { n: number }).n,
        (h.prepare('select coalesce(sum(net_fen), 0) n from payroll_lines where month = ? and township_code = ?').get(month, townshipCode) as { n: number }).n,
        (h.prepare("select count(*) n from audit_log where action = 'approve' and entity_id = ?").get(`${month}/${townshipCode}`) as { n: number }).n,
      ]);
      // Frozen once: the lines and money the month computed to just before, not twice that.
      expect(approvals).toBe(1);
      expect({ lines, netFen }).toEqual({ lines: before.lines, netFen: before.netFen });
      expect(lines).toBeGreaterThan(0);
    }
  }, 120_000);

  it('two townships\' imports side by side, one in each process: both land whole', async () => {
    await first.login('admin1', 'Secret-2026');
    await second.login('admin2', 'Secret-2026');
    const [townA, townB] = sqlite((h) => h.prepare(`select t.name township, v.name village from divisions v join divisions t on t.code = v.parent_code
      where v.level = 'village' and v.code in (select min(code) from divisions where level = 'village' group by parent_code) order by t.code limit 2`).all()) as { township: string; village: string }[];
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
    const landed = sqlite((h) => (h.prepare("select count(*) n from people where name like '乡镇_人%'").get() as { n: number }).n);
    expect(landed).toBe(600);
  }, 120_000);
});
