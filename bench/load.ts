// The office load test (issue 16), `npm run bench load`: one `workbench serve` on loopback and 15 seats,
// each its own HTTP session — 12 township clerks entering a month's attendance from the grid (in pastes of
// 20 lines, each naming the version it loaded) and importing 100 new people, then submitting; 3 managers
// opening the whole county's payroll grid over and over and approving their 4 townships as they come in.
// Printed: requests per second, p50/p95 latency, errors (must be 0), and whether the month's totals equal
// those of the same work done one seat after another on a fresh copy (the baseline of the same run).
// Timings are printed, never asserted.
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkCharacter } from '../shared/domain/id-number';
import { startPostgresCluster, type PostgresCluster } from '../electron/backend/testing/postgres';

const ROOT = path.resolve(__dirname, '..');
const BIN = path.join(ROOT, 'bin', 'workbench.cjs');
const MONTH = '2022-08';
const PASSWORD = 'Load-Test-2026';

interface Session { post<T = any>(channel: string, body: unknown): Promise<T> }
interface Stats { latencies: number[]; errors: string[] }

function cli(...args: string[]): string {
  const run = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`workbench ${args[0]}: ${run.stderr || run.stdout}`);
  return run.stdout;
}

async function startServe(db: string): Promise<{ url: string; child: ChildProcess; stop(): Promise<void> }> {
  const child = spawn(process.execPath, [BIN, 'serve', '--db', db, '--port', '0', '--json'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d) => { out += d; const line = out.split('\n').find((l) => l.startsWith('{')); if (line) resolve(JSON.parse(line).url); });
    child.on('exit', (code) => reject(new Error(`serve exited ${code}`)));
  });
  return { url, child, stop: () => new Promise<void>((resolve) => { if (child.exitCode !== null) resolve(); else { child.on('exit', () => resolve()); child.kill('SIGTERM'); } }) };
}

/** One browser seat: its own cookie, the page's Origin, every request timed; a refusal counts as an error. */
async function login(url: string, username: string, stats: Stats): Promise<Session> {
  let cookie = '';
  const post = async <T>(channel: string, body: unknown): Promise<T> => {
    const start = process.hrtime.bigint();
    const response = await fetch(`${url}/api/${channel}`, { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: url, Cookie: cookie }, body: JSON.stringify(body) });
    const set = response.headers.get('set-cookie');
    if (set) cookie = set.split(';')[0]!;
    const answer = await response.json() as { ok: boolean; data: T; error?: { code: string; message: string } };
    stats.latencies.push(Number(process.hrtime.bigint() - start) / 1e6);
    if (!answer.ok) { stats.errors.push(`${username} ${channel}: ${answer.error?.code} ${answer.error?.message}`); throw new Error(`${channel}: ${answer.error?.code}`); }
    return answer.data;
  };
  await post('auth.login', { username, password: PASSWORD });
  return { post };
}

interface Township { code: string; name: string; villages: { code: string; name: string }[] }

/** A people workbook for a township's new registrations, written by openpyxl as a township would send it. */
function peopleFile(dir: string, index: number, township: Township): string {
  const rows = Array.from({ length: 100 }, (_, i) => {
    const n = index * 100 + i;
    const first17 = `130324${1960 + Math.floor(n / 1000)}0101${String(n % 1000).padStart(3, '0')}`;
    return [first17 + checkCharacter(first17), `新登记${index}号${i}`, township.name, township.villages[i % township.villages.length]!.name, '脱贫户', '普通劳动力'];
  });
  const file = path.join(dir, `people-${index}.xlsx`);
  const code = 'import json,sys,openpyxl\nwb=openpyxl.Workbook();ws=wb.active\nd=json.loads(sys.argv[2])\nws.append(d["h"])\nfor r in d["r"]: ws.append(r)\nwb.save(sys.argv[1])';
  execFileSync('/usr/bin/python3', ['-c', code, file, JSON.stringify({ h: ['身份证号', '姓名', '乡镇', '村', '人员类别', '劳动能力'], r: rows })]);
  return file;
}

/** A demo county with an administrator, 12 clerks (one township each) and 3 managers; the township list. */
async function prepare(db: string): Promise<Township[]> {
  cli('init', '--db', db, '--demo');
  cli('add-user', '--db', db, '--username', 'admin', '--role', 'admin', '--password', PASSWORD);
  const setup: Stats = { latencies: [], errors: [] };
  const server = await startServe(db);
  try {
    const admin = await login(server.url, 'admin', setup);
    const townships = await admin.post<Township[]>('divisions.townships', {});
    for (const [i, t] of townships.entries()) {
      await admin.post('users.save', { username: `clerk${i + 1}`, displayName: `${t.name}录入员`, role: 'clerk', townships: [t.code], disabled: false, password: PASSWORD });
    }
    for (let j = 1; j <= 3; j++) await admin.post('users.save', { username: `lead${j}`, displayName: `审核员${j}`, role: 'manager', townships: [], disabled: false, password: PASSWORD });
    return townships;
  } finally {
    await server.stop();
  }
}

const daysFor = (placementId: number) => 16 + (placementId % 7);

async function clerk(url: string, index: number, file: string | null, stats: Stats): Promise<void> {
  const seat = await login(url, `clerk${index + 1}`, stats);
  const view = await seat.post<{ lines: { placementId: number; attendanceVersion: number | null; status: string }[]; townships: { code: string }[] }>('payroll.month', { month: MONTH });
  const lines = view.lines.filter((l) => l.status !== 'outside_paid_months' && l.status !== 'adjustment_only');
  for (let start = 0; start < lines.length; start += 20) {
    const entries = lines.slice(start, start + 20).map((l) => ({ placementId: l.placementId, attendedDays: daysFor(l.placementId), version: l.attendanceVersion }));
    await seat.post('payroll.setAttendance', { month: MONTH, entries });
  }
  if (file) {
    const opened = await seat.post<{ token: string }>('import.open', { fileName: path.basename(file), base64: fs.readFileSync(file).toString('base64'), kind: 'people' });
    await seat.post('import.commit', { token: opened.token, kind: 'people' });
  }
  await seat.post('payroll.transition', { month: MONTH, townshipCode: view.townships[0]!.code, action: 'submit' });
}

/** A manager with 4 townships: opens the county's grid, approves whichever of them are submitted, until all are. */
async function manager(url: string, index: number, mine: string[], stats: Stats, deadline: number): Promise<number> {
  const seat = await login(url, `lead${index + 1}`, stats);
  const left = new Set(mine);
  let grids = 0;
  while (left.size > 0) {
    // A clerk that failed never submits: stop rather than wait for it.
    if (stats.errors.length > 0) throw new Error(`lead${index + 1}: stopped after an error`);
    if (Date.now() > deadline) throw new Error(`lead${index + 1}: townships never submitted: ${[...left].join(', ')}`);
    const view = await seat.post<{ townships: { code: string; status: string }[] }>('payroll.month', { month: MONTH });
    grids += 1;
    for (const t of view.townships) {
      if (!left.has(t.code) || t.status !== '已提交') continue;
      await seat.post('payroll.transition', { month: MONTH, townshipCode: t.code, action: 'approve' });
      left.delete(t.code);
    }
    // Waiting for clerks: the next grid comes when this answer is in (a seat re-opening its grid), no timer.
  }
  return grids;
}

interface RunResult { seconds: number; requests: number; p50: number; p95: number; errors: string[]; grids: number; totals: string }

function percentile(sorted: number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]! : 0;
}

async function run(db: string, townships: Township[], files: (string | null)[], concurrent: boolean): Promise<RunResult> {
  const server = await startServe(db);
  const stats: Stats = { latencies: [], errors: [] };
  try {
    const deadline = Date.now() + 10 * 60_000;
    const groups = [0, 1, 2].map((j) => townships.filter((_, i) => i % 3 === j).map((t) => t.code));
    const start = process.hrtime.bigint();
    let grids = 0;
    if (concurrent) {
      const seats = [
        ...townships.map((_, i) => clerk(server.url, i, files[i]!, stats)),
        ...groups.map((mine, j) => manager(server.url, j, mine, stats, deadline).then((n) => { grids += n; })),
      ];
      const settled = await Promise.allSettled(seats);
      for (const s of settled) if (s.status === 'rejected' && !stats.errors.length) stats.errors.push(String(s.reason));
    } else {
      for (const [i] of townships.entries()) await clerk(server.url, i, files[i]!, stats);
      for (const [j, mine] of groups.entries()) grids += await manager(server.url, j, mine, stats, deadline);
    }
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    const reader = await login(server.url, 'admin', { latencies: [], errors: stats.errors });
    const computed = await reader.post<{ totalFen: number; lines: number; townships: { code: string; status: string; lines: number; netFen: number }[] }>('payroll.compute', { month: MONTH });
    // The imports too: every clerk's batch landed whole (its people in the ledger, its rows created).
    const people = await reader.post<{ total: number }>('people.list', { limit: 1 });
    const batches = await reader.post<{ created: number; status: string }[]>('import.batches', {});
    const imported = { people: people.total, batches: batches.length, created: batches.reduce((n, b) => n + b.created, 0) };
    const totals = JSON.stringify({ lines: computed.lines, totalFen: computed.totalFen, townships: computed.townships.map((t) => [t.code, t.status, t.lines, t.netFen]), imported });
    const sorted = [...stats.latencies].sort((a, b) => a - b);
    return { seconds, requests: stats.latencies.length, p50: percentile(sorted, 0.5), p95: percentile(sorted, 0.95), errors: stats.errors, grids, totals };
  } finally {
    await server.stop();
  }
}

function printRun(label: string, r: RunResult): void {
  console.log(`${label.padEnd(40)} ${String(r.requests).padStart(5)} requests in ${r.seconds.toFixed(2).padStart(6)} s  ${(r.requests / r.seconds).toFixed(1).padStart(6)} req/s  `
    + `p50 ${r.p50.toFixed(0).padStart(5)} ms  p95 ${r.p95.toFixed(0).padStart(5)} ms  errors ${r.errors.length}  grids opened ${r.grids}`);
  for (const e of r.errors.slice(0, 5)) console.log(`    error: ${e}`);
}

/** The load test on one store: `location(name)` gives a fresh database (a SQLite file, or a PostgreSQL URL). */
export async function benchLoadOn(store: string, location: (name: string) => Promise<string>): Promise<{ concurrent: RunResult; serial: RunResult; equal: boolean }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'workbench-load-'));
  try {
    const [loadDb, serialDb] = [await location('load'), await location('serial')];
    const townships = await prepare(loadDb);
    await prepare(serialDb);
    const files = townships.map((t, i) => peopleFile(dir, i + 1, t));
    const serial = await run(serialDb, townships, files, false);
    const concurrent = await run(loadDb, townships, files, true);
    printRun(`${store}: one seat after another (baseline)`, serial);
    printRun(`${store}: 12 clerks + 3 managers at once`, concurrent);
    const equal = serial.totals === concurrent.totals;
    console.log(`${store}: month ${MONTH} totals (lines, net fen, per township status/lines/net; people, import batches, rows created) equal the serial run's: ${equal ? 'yes' : 'NO'}`);
    if (!equal) console.log(`    serial     ${serial.totals}\n    concurrent ${concurrent.totals}`);
    return { concurrent, serial, equal };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchLoad(): Promise<void> {
  console.log(`\nLoad (issue 16): serve on loopback, 12 township clerks and 3 managers, each its own session, month ${MONTH}`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'workbench-load-db-'));
  // Approvals take automatic backups (pg_dump for PostgreSQL) into the data folder: the bench's own.
  const dataDir = process.env.WORKBENCH_DATA_DIR;
  process.env.WORKBENCH_DATA_DIR = path.join(dir, 'data');
  try {
    await benchLoadOn('SQLite', async (name) => path.join(dir, `${name}.sqlite`));
    let cluster: PostgresCluster | undefined;
    try {
      cluster = await startPostgresCluster();
    } catch (error) {
      console.log(`PostgreSQL: not run — no throwaway cluster could be started here (${(error as Error).message.split('\n')[0]})`);
    }
    if (cluster) {
      try {
        console.log(`PostgreSQL: ${cluster.version.split(' on ')[0]}, a throwaway cluster on loopback`);
        await benchLoadOn('PostgreSQL', (name) => cluster!.createDatabase(`load_${name}`));
      } finally {
        cluster.stop();
      }
    }
  } finally {
    if (dataDir === undefined) delete process.env.WORKBENCH_DATA_DIR; else process.env.WORKBENCH_DATA_DIR = dataDir;
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
