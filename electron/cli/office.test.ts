// The office server (issue 16): `serve --host 0.0.0.0` answers the browser that reached it by its LAN
// address (Host and Origin checked against that, CSRF unchanged), a TLS proxy named with --origin, and two
// `serve` processes on one database behave as two office seats: a person edited in both — the second save
// refused with STALE_VERSION; two managers approving one township-month at once — exactly one wins;
// two townships' imports side by side — both land.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exposureWarning, parseOrigins, startServer, type RunningServer } from './server';
import { createTempDb, tempDir, type TempDb } from '../backend/testing/temp-db';
import { dispatch } from '../backend/dispatch';
import { twoSeatsSuite } from './testing/two-seats';

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

twoSeatsSuite('SQLite', async () => ({ location: path.join(tempDir(), 'workbench.sqlite'), drop: async () => undefined }));
