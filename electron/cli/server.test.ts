import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { startServer, type RunningServer } from './server';
import { createTempDb, type TempDb } from '../backend/testing/temp-db';
import { dispatch } from '../backend/dispatch';

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
    fetch(`${server.url}/api/${channel}`, { method: 'POST', headers: { 'Content-Type': 'application/json', Cookie: cookie, ...headers }, body: JSON.stringify(body) });

  it('answers 401 to every data call without a session, and touches nothing', async () => {
    const before = temp.ctx.wdb.sqlite.prepare('select count(*) n from people').get();
    for (const channel of ['app.info', 'people.list', 'people.save', 'users.list', 'backups.restore']) {
      const response = await post(channel, {});
      expect(response.status, channel).toBe(401);
      expect(await response.json()).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    }
    expect(temp.ctx.wdb.sqlite.prepare('select count(*) n from people').get()).toEqual(before);
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
    const garbage = await fetch(`${server.url}/api/app.info`, { method: 'POST', headers: { Cookie: cookie }, body: '{not json' });
    expect(await garbage.json()).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
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
