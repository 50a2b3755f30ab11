// `workbench serve`: the same contract over HTTP for a browser, plus the built renderer's files.
// Binds to 127.0.0.1 unless --host says otherwise; refuses requests whose Host is not a name this server was
// started with (DNS rebinding) and POSTs that are neither same-origin nor carry the CSRF token.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { randomBytes } from 'node:crypto';
import type { Engine, SessionDoor } from '../backend/context';
import { handleRequest } from '../backend/dispatch';
import { registry } from '../backend/channels';
import { isChannel } from '../../shared/contract/channels';
import { messageFor, type ErrorCode } from '../../shared/domain/errors';
import { CONTENT_SECURITY_POLICY } from '../../shared/contract/csp';

export { CONTENT_SECURITY_POLICY };

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon', '.json': 'application/json', '.woff2': 'font/woff2',
};

// A 50 MB workbook for 数据导入 travels as about 67 MB of base64 JSON; only a logged-in user may send that
// much. Before login (status, login, first setup) a request is small.
export const MAX_BODY = 72 * 1024 * 1024;
export const MAX_PUBLIC_BODY = 64 * 1024;

export interface ServeOptions {
  port?: number;
  host?: string;
  staticDir: string;
  /**
   * The addresses browsers use when a reverse proxy (nginx, Caddy) terminates TLS in front of this server,
   * e.g. https://workbench.office.lan: their Host and Origin are accepted besides this server's own.
   */
  origins?: readonly string[];
}
export interface RunningServer { url: string; close(): Promise<void> }

class HttpRefusal extends Error {
  constructor(readonly status: number, readonly code: ErrorCode, readonly params: Record<string, string | number> = {}) { super(code); }
}

/** Reads a body of at most `limit` bytes; a longer one is refused as soon as it is seen (memory bounded). */
function readBody(req: http.IncomingMessage, limit: number): Promise<string> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) return Promise.reject(new HttpRefusal(413, 'REQUEST_TOO_LARGE', { limit: sizeText(limit) }));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) { chunks.length = 0; req.pause(); reject(new HttpRefusal(413, 'REQUEST_TOO_LARGE', { limit: sizeText(limit) })); return; }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / 1024 / 1024)} MB` : `${Math.round(bytes / 1024)} KB`;
}

/**
 * The Host names a request may carry: the address the server was started with and, when that is a
 * loopback or any-address bind, the loopback names (and for 0.0.0.0/:: this machine's own addresses and
 * name). Anything else is a DNS-rebinding page talking to us under a foreign name.
 */
export function allowedHosts(host: string, port: number): Set<string> {
  const names = new Set<string>([host.includes(':') ? `[${host}]` : host]);
  const loopback = ['127.0.0.1', 'localhost', '::1'].includes(host);
  const anyAddress = host === '0.0.0.0' || host === '::';
  if (loopback || anyAddress) for (const name of ['localhost', '127.0.0.1', '[::1]']) names.add(name);
  if (anyAddress) {
    names.add(os.hostname().toLowerCase());
    for (const addresses of Object.values(os.networkInterfaces())) {
      for (const a of addresses ?? []) names.add(a.family === 'IPv6' ? `[${a.address.split('%')[0]}]` : a.address);
    }
  }
  return new Set([...names].map((name) => `${name.toLowerCase()}:${port}`));
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

/**
 * What `serve` says when it listens beyond this machine: plain HTTP carries passwords and ID numbers over
 * the office network in clear, so the office should put TLS in front (README, 办公室服务器). Null on loopback.
 */
export function exposureWarning(host: string, origins: readonly string[] = []): string | null {
  if (LOOPBACK.has(host)) return null;
  const tls = origins.some((o) => o.startsWith('https://'));
  return tls
    ? `注意：工作台在 ${host} 上以 HTTP 监听，浏览器应经 HTTPS 反向代理（${origins.join('、')}）访问。请用防火墙只让反向代理连接本端口，或改用 --host 127.0.0.1 让代理在本机转发。`
    : `警告：工作台正在 ${host} 上以未加密的 HTTP 对网络开放，登录密码和人员身份证号会以明文在局域网中传输。请只在办公室内网使用，并在前面加一个 HTTPS 反向代理或安装证书（见 README“办公室服务器”）。`;
}

/** Origins given to --origin: whole URLs (scheme and host, no path), as a browser sends them. */
export function parseOrigins(values: readonly string[]): string[] {
  return values.map((value) => {
    let url: URL;
    try { url = new URL(value); } catch { throw new Error(`--origin ${value}: not a URL (e.g. https://workbench.office.lan)`); }
    if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.pathname !== '/' || url.search || url.hash || url.username) {
      throw new Error(`--origin ${value}: give only the scheme and host, e.g. https://workbench.office.lan`);
    }
    return url.origin;
  });
}

/** Status of a refusal over HTTP: a busy or full machine is 503 (try again), others keep their meaning. */
function statusOf(code: string): number {
  if (code === 'UNAUTHENTICATED') return 401;
  if (code === 'DB_BUSY' || code === 'DISK_FULL' || code === 'NO_WRITE_ACCESS') return 503;
  if (code === 'DB_IN_USE' || code === 'STALE_VERSION' || code === 'IMPORT_CONFLICT' || code === 'WRITE_CONFLICT') return 409;
  return 200;
}

const SESSION_COOKIE = 'wb_session';
export const CSRF_COOKIE = 'wb_csrf';

function cookieValue(req: http.IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
}

/** The session of one HTTP request: read from its cookie, written back as an HttpOnly, same-site cookie. */
function cookieDoor(req: http.IncomingMessage, res: http.ServerResponse): SessionDoor {
  let token = cookieValue(req, SESSION_COOKIE);
  return {
    token: () => token,
    setToken: (next) => {
      token = next;
      res.setHeader('Set-Cookie', next
        ? `${SESSION_COOKIE}=${next}; HttpOnly; SameSite=Strict; Path=/`
        : `${SESSION_COOKIE}=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0`);
    },
  };
}

function send(res: http.ServerResponse, status: number, body: string | Buffer, type: string): void {
  res.writeHead(status, {
    'Content-Type': type,
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-store',
  });
  res.end(body);
}

export async function startServer(engine: Engine, options: ServeOptions): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  const staticRoot = path.resolve(options.staticDir);
  let origin = '';

  // For a client that sends no Origin (a script): the page sets this token as a cookie, and a POST must
  // echo it in X-CSRF-Token. A browser's fetch always sends Origin, which must then be this server.
  const csrfToken = randomBytes(24).toString('base64url');
  let hosts = new Set<string>();
  const proxied = new Set(options.origins ?? []);

  const refuse = (res: http.ServerResponse, refusal: HttpRefusal, api: boolean) => {
    const message = messageFor(refusal.code, refusal.params);
    if (api) send(res, refusal.status, JSON.stringify({ ok: false, error: { code: refusal.code, message } }), 'application/json; charset=utf-8');
    else send(res, refusal.status, `${refusal.code}: ${message}`, 'text/plain; charset=utf-8');
  };

  const server = http.createServer(async (req, res) => {
    const rawUrl = req.url ?? '/';
    const api = rawUrl.startsWith('/api/');
    try {
      const hostHeader = (req.headers.host ?? '').toLowerCase();
      if (!hosts.has(hostHeader)) throw new HttpRefusal(403, 'UNTRUSTED_SENDER');
      let pathname: string;
      try {
        pathname = decodeURIComponent(new URL(rawUrl, 'http://localhost').pathname);
      } catch {
        throw new HttpRefusal(400, 'REQUEST_INVALID', { detail: '网址中的百分号编码无效' });
      }

      if (api) {
        if (req.method !== 'POST') throw new HttpRefusal(405, 'REQUEST_INVALID', { detail: '只接受 POST 请求' });
        const requestOrigin = req.headers.origin;
        // Same origin: the page was served under the address this request came to (127.0.0.1, the LAN
        // address, the machine's name), or through a reverse proxy named with --origin.
        const sameOrigin = requestOrigin !== undefined && (requestOrigin.toLowerCase() === `http://${hostHeader}` || proxied.has(requestOrigin.toLowerCase()));
        const tokenSent = requestOrigin === undefined && req.headers['x-csrf-token'] === csrfToken;
        if (!sameOrigin && !tokenSent) throw new HttpRefusal(403, 'UNTRUSTED_SENDER');
        const channel = pathname.slice('/api/'.length);
        if (!isChannel(channel)) throw new HttpRefusal(404, 'NOT_FOUND');
        // The session is checked before a byte of the body is read: without one, only the public channels
        // answer, and only to a small body.
        const door = cookieDoor(req, res);
        const loggedIn = engine.sessions.resolve(door.token()) !== null;
        const isPublic = registry[channel].access === 'public';
        if (!loggedIn && !isPublic) throw new HttpRefusal(401, 'UNAUTHENTICATED');
        const body = await readBody(req, loggedIn ? MAX_BODY : MAX_PUBLIC_BODY);
        let input: unknown;
        try {
          input = JSON.parse(body || '{}');
        } catch {
          throw new HttpRefusal(400, 'REQUEST_INVALID', { detail: '请求内容不是有效的 JSON' });
        }
        const result = await handleRequest(engine, door, channel, input);
        send(res, result.ok ? 200 : statusOf(result.error.code), JSON.stringify(result), 'application/json; charset=utf-8');
        return;
      }

      if (req.method !== 'GET' && req.method !== 'HEAD') throw new HttpRefusal(405, 'REQUEST_INVALID', { detail: '只接受 GET 请求' });
      const relative = pathname === '/' ? 'index.html' : pathname.replace(/^\/+/, '');
      const file = path.resolve(staticRoot, relative);
      if (!file.startsWith(staticRoot + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile() || relative === 'index.html') {
        // Single-page app: unknown paths get the page itself, with the CSRF cookie for script clients.
        const index = path.join(staticRoot, 'index.html');
        if (!fs.existsSync(index)) { send(res, 500, 'renderer not built: run npm run build', 'text/plain; charset=utf-8'); return; }
        res.setHeader('Set-Cookie', `${CSRF_COOKIE}=${csrfToken}; SameSite=Strict; Path=/`);
        send(res, 200, fs.readFileSync(index), MIME['.html']!);
        return;
      }
      send(res, 200, fs.readFileSync(file), MIME[path.extname(file)] ?? 'application/octet-stream');
    } catch (error) {
      if (error instanceof HttpRefusal) {
        // A refused body is not read: the connection closes after the answer instead of draining it.
        if (!req.complete) res.setHeader('Connection', 'close');
        refuse(res, error, api);
        if (!req.complete) res.on('finish', () => req.destroy());
        return;
      }
      console.error('[serve]', error);
      if (!res.headersSent) refuse(res, new HttpRefusal(500, 'INTERNAL', { detail: '服务器出错' }), api);
    }
  });

  // A browser keeps its connections to the server open between requests and reuses them. Node closes one
  // idle for 5 s by default, and a request that reaches it while the event loop is busy (a SQLite restore
  // holds it for seconds) is never read: once the loop is free, the expired timer closes the socket first.
  // Chromium's net log shows a reset, and Chromium sends the request again on another connection (seen in
  // an experiment with a loop blocked 8 s); another browser, or a repeat that met a closing socket too, fails
  // in the page ("Failed to fetch"). Kept longer than browsers keep an idle connection (Chromium 300 s,
  // Firefox 115 s), the browser always closes first and no request meets a closing socket. close() still
  // ends idle connections at once.
  server.keepAliveTimeout = 310_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  hosts = allowedHosts(host, address.port);
  // A proxy passes the browser's Host on (nginx: proxy_set_header Host $host).
  for (const proxy of proxied) hosts.add(new URL(proxy).host.toLowerCase());
  origin = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${address.port}`;
  return {
    url: origin,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
