import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { startServer, type RunningServer } from './server';
import { createTempDb, type TempDb } from '../backend/testing/temp-db';

describe('workbench serve (HTTP door to the engine)', () => {
  let temp: TempDb;
  let server: RunningServer;
  beforeAll(async () => {
    temp = await createTempDb();
    const staticDir = path.join(temp.dir, 'renderer');
    fs.mkdirSync(staticDir);
    fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>工作台</title>');
    server = await startServer(temp.ctx, { staticDir });
  });
  afterAll(async () => { await server.close(); await temp.cleanup(); });

  const post = (channel: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${server.url}/api/${channel}`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });

  it('listens on 127.0.0.1 only and answers the contract with {ok, data}', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const response = await post('app.info', {});
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(await response.json()).toMatchObject({ ok: true, data: { county: { name: '卢龙县' } } });
  });

  it('answers bad input with a validation error and unknown channels with NOT_FOUND', async () => {
    expect(await (await post('people.save', { person: 'x' })).json()).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await (await post('people.drop', {})).json()).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const garbage = await fetch(`${server.url}/api/app.info`, { method: 'POST', body: '{not json' });
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
});
