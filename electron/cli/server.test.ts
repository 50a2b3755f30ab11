import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { allowedHosts, startServer, type RunningServer } from './server';
import { createTempDb, type TempDb } from '../backend/testing/temp-db';
import { dispatch } from '../backend/dispatch';
import { queryOne } from '../backend/testing/store-sql';

describe('workbench serve (HTTP door to the engine)', () => {
  let temp: TempDb;
  let server: RunningServer;
  let cookie = '';
  beforeAll(async () => {
    temp = await createTempDb();
    await dispatch(temp.ctx, 'users.save', { username: 'admin', displayName: '管理员', role: 'admin', townships: [], disabled: false, password: 'secret123' });
    const staticDir = path.join(temp.dir, 'renderer');
    fs.mkdirSync(staticDir);
    fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>工作台</title>');
    server = await startServer(temp.ctx.engine, { staticDir });
  });
  afterAll(async () => { await server.close(); await temp.cleanup(); });

  const post = (channel: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${server.url}/api/${channel}`, { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: server.url, Cookie: cookie, ...headers }, body: JSON.stringify(body) });

  it('answers 401 to every data call without a session, and touches nothing', async () => {
    const before = (await queryOne(temp.ctx.wdb, 'select count(*) n from people'));
    for (const channel of ['app.info', 'people.list', 'people.save', 'users.list', 'backups.restore']) {
      const response = await post(channel, {});
      expect(response.status, channel).toBe(401);
      expect(await response.json()).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    }
    expect((await queryOne(temp.ctx.wdb, 'select count(*) n from people'))).toEqual(before);
    expect(await (await post('auth.status', {})).json()).toMatchObject({ ok: true, data: { needsSetup: false, user: null } });
  });

  it('logs in with an HttpOnly same-site cookie, then answers the contract', async () => {
    const wrong = await post('auth.login', { username: 'admin', password: 'nope' });
    expect(await wrong.json()).toMatchObject({ ok: false, error: { code: 'LOGIN_FAILED' } });
    const response = await post('auth.login', { username: 'admin', password: 'secret123' });
    const setCookie = response.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/wb_session=[\w-]+; HttpOnly; SameSite=Strict/);
    cookie = setCookie.split(';')[0]!;
    const info = await post('app.info', {});
    expect(info.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(await info.json()).toMatchObject({ ok: true, data: { county: { name: '卢龙县' }, user: { username: 'admin', role: 'admin' } } });
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('answers bad input with a validation error and unknown channels with NOT_FOUND', async () => {
    expect(await (await post('people.save', { person: 'x' })).json()).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await (await post('people.drop', {})).json()).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const garbage = await fetch(`${server.url}/api/app.info`, { method: 'POST', headers: { Cookie: cookie, Origin: server.url }, body: '{not json' });
    expect(garbage.status).toBe(400);
    expect(await garbage.json()).toMatchObject({ ok: false, error: { code: 'REQUEST_INVALID', message: expect.stringContaining('JSON') } });
    const badPercent = await fetch(`${server.url}/api/app.%E0%A4%A`, { method: 'POST', headers: { Cookie: cookie, Origin: server.url }, body: '{}' });
    expect(badPercent.status).toBe(400);
    expect(await badPercent.json()).toMatchObject({ ok: false, error: { code: 'REQUEST_INVALID', message: expect.stringContaining('百分号') } });
    expect((await fetch(`${server.url}/%zz`)).status).toBe(400);
  });

  it('needs a same-origin Origin or the CSRF token from the page for a POST', async () => {
    const bare = await fetch(`${server.url}/api/app.info`, { method: 'POST', headers: { Cookie: cookie }, body: '{}' });
    expect(bare.status).toBe(403);
    const page = await fetch(`${server.url}/`);
    const token = /wb_csrf=([^;]+)/.exec(page.headers.get('set-cookie') ?? '')?.[1];
    expect(token).toBeTruthy();
    const withToken = await fetch(`${server.url}/api/app.info`, { method: 'POST', headers: { Cookie: cookie, 'X-CSRF-Token': token! }, body: '{}' });
    expect(withToken.status).toBe(200);
  });

  it('refuses a big body before reading it when there is no session, by its declared length or as it streams', async () => {
    const { request } = await import('node:http');
    const port = new URL(server.url).port;
    const send = (channel: string, headers: Record<string, string>, chunk: Buffer) => new Promise<number>((resolve) => {
      const req = request({ host: '127.0.0.1', port, path: `/api/${channel}`, method: 'POST', headers: { Host: `127.0.0.1:${port}`, Origin: server.url, ...headers } }, (res) => { res.resume(); resolve(res.statusCode ?? 0); });
      req.on('error', () => resolve(-1));
      req.write(chunk);
    });
    // 70 MB announced to a data channel without a session: 401 at once, nothing read.
    expect(await send('people.save', { 'Content-Length': String(70 * 1024 * 1024) }, Buffer.alloc(1024))).toBe(401);
    // To a public channel: only 64 KB.
    expect(await send('auth.login', { 'Content-Length': String(70 * 1024 * 1024) }, Buffer.alloc(1024))).toBe(413);
    expect(await send('auth.login', { 'Transfer-Encoding': 'chunked' }, Buffer.alloc(200 * 1024, 32))).toBe(413);
  });

  it('refuses foreign origins, foreign Host headers and GET on the API', async () => {
    expect((await post('app.info', {}, { Origin: 'http://evil.example' })).status).toBe(403);
    expect((await fetch(`${server.url}/api/app.info`)).status).toBe(405);
    const port = new URL(server.url).port;
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve) => {
      const req = request({ host: '127.0.0.1', port, path: '/', headers: { Host: `evil.example:${port}` } }, (res) => { res.resume(); resolve(res.statusCode ?? 0); });
      req.end();
    });
    expect(status).toBe(403);
    expect(allowedHosts('127.0.0.1', 5180)).toEqual(new Set(['127.0.0.1:5180', 'localhost:5180', '[::1]:5180']));
    expect(allowedHosts('localhost', 5180).has('evil.example:5180')).toBe(false);
    expect(allowedHosts('0.0.0.0', 5180).has('localhost:5180')).toBe(true);
    expect(allowedHosts('0.0.0.0', 5180).has('evil.example:5180')).toBe(false);
    expect(allowedHosts('192.168.1.10', 5180)).toEqual(new Set(['192.168.1.10:5180']));
  });

  it('serves the page, and never a file outside its folder', async () => {
    expect(await (await fetch(`${server.url}/`)).text()).toContain('工作台');
    const sneaky = await fetch(`${server.url}/..%2f..%2fworkbench.sqlite`);
    expect(await sneaky.text()).toContain('工作台');
  });

  it('ends the session on logout', async () => {
    expect((await post('auth.logout', {})).status).toBe(200);
    expect((await post('app.info', {})).status).toBe(401);
  });
});
