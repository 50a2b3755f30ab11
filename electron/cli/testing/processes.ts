// Test helper: the built `workbench` in real child processes — CLI commands, `serve` with a logged-in
// HTTP client — and people workbooks written by openpyxl, for the tests of two processes on one database.
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import Database from 'better-sqlite3';
import { checkCharacter } from '../../../shared/domain/id-number';

export const ROOT = path.resolve(__dirname, '..', '..', '..');
export const BIN = path.join(ROOT, 'bin', 'workbench.cjs');

export function buildEngine(): void {
  spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'build.mjs'), 'engine'], { stdio: 'ignore' });
}

export interface Run { status: number | null; stdout: string; stderr: string; json(): any }

export function workbenchSync(...args: string[]): Run {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, json: () => JSON.parse(r.stdout) };
}

/** A CLI command in the background; resolves when it exits. */
export function workbench(...args: string[]): { child: ChildProcess; done: Promise<Run> } {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => { stdout += d; });
  child.stderr!.on('data', (d) => { stderr += d; });
  const done = new Promise<Run>((resolve) => child.on('exit', (status) => resolve({ status, stdout, stderr, json: () => JSON.parse(stdout.trim().split('\n').pop()!) })));
  return { child, done };
}

export interface Served { url: string; child: ChildProcess; post(channel: string, body: unknown): Promise<{ status: number; json: any }>; login(username: string, password: string): Promise<void>; stop(): Promise<void> }

/** `workbench serve --port 0` in a child process, with a cookie jar and a same-origin Origin header. */
export async function serve(db: string, ...extra: string[]): Promise<Served> {
  const child = spawn(process.execPath, [BIN, 'serve', '--db', db, '--port', '0', '--json', ...extra], { stdio: ['ignore', 'pipe', 'pipe'] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d) => { out += d; const line = out.split('\n').find((l) => l.startsWith('{')); if (line) resolve(JSON.parse(line).url); });
    child.on('exit', (code) => reject(new Error(`serve exited ${code}`)));
  });
  let cookie = '';
  const post = async (channel: string, body: unknown) => {
    const response = await fetch(`${url}/api/${channel}`, { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: url, Cookie: cookie }, body: JSON.stringify(body) });
    const set = response.headers.get('set-cookie');
    if (set) cookie = set.split(';')[0]!;
    return { status: response.status, json: await response.json() };
  };
  return {
    url, child, post,
    login: async (username, password) => { const r = await post('auth.login', { username, password }); if (!r.json.ok) throw new Error(JSON.stringify(r.json)); },
    stop: () => new Promise<void>((resolve) => { if (child.exitCode !== null) { resolve(); return; } child.on('exit', () => resolve()); child.kill('SIGTERM'); }),
  };
}

/** A valid 18-digit ID number (born 1950–1989), distinct for each n below 40,000. */
export function idNumber(n: number): string {
  const first17 = `130324${1950 + Math.floor(n / 1000)}0101${String(n % 1000).padStart(3, '0')}`;
  return first17 + checkCharacter(first17);
}

/** A township of the database's county and one of its villages, by name. */
export function aVillage(db: string): { township: string; village: string } {
  const sqlite = new Database(db, { readonly: true });
  try {
    return sqlite.prepare(`select t.name township, v.name village from divisions v join divisions t on t.code = v.parent_code
      where v.level = 'village' order by v.code limit 1`).get() as { township: string; village: string };
  } finally { sqlite.close(); }
}

/** A people workbook written by openpyxl: a header row and the rows, as a township would send it. */
export function peopleWorkbook(file: string, header: string[], rows: (string | number)[][]): string {
  const code = 'import json,sys,openpyxl\nwb=openpyxl.Workbook();ws=wb.active;ws.title="台账"\nd=json.loads(sys.argv[2])\nws.append(d["h"])\nfor r in d["r"]: ws.append(r)\nwb.save(sys.argv[1])';
  execFileSync('/usr/bin/python3', ['-c', code, file, JSON.stringify({ h: header, r: rows })]);
  return file;
}
