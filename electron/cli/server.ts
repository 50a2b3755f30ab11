// `workbench serve`: the same contract over HTTP for a browser, plus the built renderer's files.
// Binds to 127.0.0.1; refuses requests whose Host or Origin is not this server (DNS rebinding, CSRF).
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Engine, SessionDoor } from '../backend/context';
import { handleRequest } from '../backend/dispatch';
import { messageFor } from '../../shared/domain/errors';
import { CONTENT_SECURITY_POLICY } from '../../shared/contract/csp';

export { CONTENT_SECURITY_POLICY };

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon', '.json': 'application/json', '.woff2': 'font/woff2',
};

// A 50 MB workbook for 数据导入 travels as about 67 MB of base64 JSON.
const MAX_BODY = 72 * 1024 * 1024;

export interface ServeOptions { port?: number; host?: string; staticDir: string }
export interface RunningServer { url: string; close(): Promise<void> }

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) { reject(new Error('body too large')); req.destroy(); return; }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

const SESSION_COOKIE = 'wb_session';

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

  const server = http.createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const hostHeader = req.headers.host ?? '';
      const port = (server.address() as AddressInfo).port;
      const allowedHosts = host === '127.0.0.1' ? [`127.0.0.1:${port}`, `localhost:${port}`] : null;
      if (allowedHosts && !allowedHosts.includes(hostHeader)) { send(res, 403, 'forbidden host', 'text/plain'); return; }

      if (url.pathname.startsWith('/api/')) {
        if (req.method !== 'POST') { send(res, 405, 'POST only', 'text/plain'); return; }
        const requestOrigin = req.headers.origin;
        if (requestOrigin && requestOrigin !== `http://${hostHeader}`) { send(res, 403, 'forbidden origin', 'text/plain'); return; }
        const channel = decodeURIComponent(url.pathname.slice('/api/'.length));
        let input: unknown;
        try {
          input = JSON.parse((await readBody(req)) || '{}');
        } catch {
          send(res, 200, JSON.stringify({ ok: false, error: { code: 'VALIDATION', message: messageFor('VALIDATION', { detail: '请求不是有效的 JSON' }) } }), 'application/json; charset=utf-8');
          return;
        }
        const result = await handleRequest(engine, cookieDoor(req, res), channel, input);
        const status = !result.ok && result.error.code === 'UNAUTHENTICATED' ? 401 : 200;
        send(res, status, JSON.stringify(result), 'application/json; charset=utf-8');
        return;
      }

      if (req.method !== 'GET' && req.method !== 'HEAD') { send(res, 405, 'method not allowed', 'text/plain'); return; }
      const relative = url.pathname === '/' ? 'index.html' : decodeURIComponent(url.pathname).replace(/^\/+/, '');
      const file = path.resolve(staticRoot, relative);
      if (!file.startsWith(staticRoot + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
        // Single-page app: unknown paths get the page itself.
        const index = path.join(staticRoot, 'index.html');
        if (!fs.existsSync(index)) { send(res, 500, 'renderer not built: run npm run build', 'text/plain; charset=utf-8'); return; }
        send(res, 200, fs.readFileSync(index), MIME['.html']!);
        return;
      }
      send(res, 200, fs.readFileSync(file), MIME[path.extname(file)] ?? 'application/octet-stream');
    } catch (error) {
      console.error('[serve]', error);
      if (!res.headersSent) send(res, 500, 'internal error', 'text/plain');
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  origin = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${address.port}`;
  return {
    url: origin,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
