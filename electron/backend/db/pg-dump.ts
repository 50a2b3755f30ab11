// Backups of a PostgreSQL store (issue 16) with PostgreSQL's own tools: `pg_dump -Fc` writes one custom-format
// file (compressed, restorable table by table), `pg_restore` puts it back. Both come with Debian's
// `postgresql-client`; when one is missing the administrator gets a coded Chinese message saying what to
// install, never a stack. The password travels in PGPASSWORD, not on the command line (other users of the
// server can read command lines). The dump is written under a temporary name and renamed when whole.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { WorkbenchFailure } from '../failure';
import { APP_MARKER, getMeta, openDatabase } from './database';
import { migrations } from './migrations/index';
import { writeAudit } from '../admin/audit-repository';
import { partialName, privateDir, publish } from '../file-safety';

export type PgTool = 'pg_dump' | 'pg_restore';

/** Where a PostgreSQL client tool is: only WORKBENCH_PG_BIN when set, else the PATH or Debian's /usr/lib/postgresql/N/bin. */
export function findPgTool(tool: PgTool): string | null {
  const configured = process.env.WORKBENCH_PG_BIN;
  const folders = configured ? [configured] : (process.env.PATH ?? '').split(path.delimiter).filter(Boolean);
  const debian = '/usr/lib/postgresql';
  if (!configured && fs.existsSync(debian)) {
    for (const version of fs.readdirSync(debian).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a))) folders.push(path.join(debian, version, 'bin'));
  }
  for (const folder of folders) {
    const candidate = path.join(folder, tool);
    try { fs.accessSync(candidate, fs.constants.X_OK); return candidate; } catch { /* not here */ }
  }
  return null;
}

function requireTool(tool: PgTool): string {
  const found = findPgTool(tool);
  if (!found) throw new WorkbenchFailure('PG_TOOL_MISSING', { tool });
  return found;
}

/** The URL without its password, and the password for PGPASSWORD. */
function splitPassword(url: string): { url: string; password: string | undefined } {
  const parsed = new URL(url);
  const password = parsed.password ? decodeURIComponent(parsed.password) : undefined;
  parsed.password = '';
  return { url: parsed.toString(), password };
}

function runTool(tool: PgTool, args: string[], url: string): Promise<void> {
  const { url: bare, password } = splitPassword(url);
  const env = { ...process.env, ...(password !== undefined ? { PGPASSWORD: password } : {}) };
  return toolOutput(tool, [...args, `--dbname=${bare}`], env).then(() => undefined);
}

/** Runs a tool and collects what it writes to stdout (pg_restore --file=- prints a dump's SQL). */
function toolOutput(tool: PgTool, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(requireTool(tool), args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout!.setEncoding('utf8').on('data', (d: string) => { stdout += d; });
    child.stderr!.on('data', (d) => { stderr += d; });
    child.on('error', (error) => reject(new WorkbenchFailure('PG_TOOL_FAILED', { tool, detail: error.message })));
    child.on('close', (code) => {
      if (code === 0) resolve(stdout);
      else reject(new WorkbenchFailure('PG_TOOL_FAILED', { tool, detail: stderr.trim().split('\n').slice(-3).join(' ') || `exit ${code}` }));
    });
  });
}

/** What a dump says about itself before it is restored: its county, its migrations, its usable administrators. */
export interface DumpFacts { county: string | undefined; migrations: string[]; admins: number; people: number | null }

/** One table's rows from pg_restore's plain-text output (COPY … FROM stdin; tab-separated, \N null, backslash escapes). */
export function copyRows(script: string, table: string): Record<string, string | null>[] {
  const header = new RegExp(`^COPY (?:public\\.)?"?${table}"? \\(([^)]*)\\) FROM stdin;$`, 'm').exec(script);
  if (!header) return [];
  const columns = header[1]!.split(',').map((c) => c.trim().replace(/^"|"$/g, ''));
  const rows: Record<string, string | null>[] = [];
  const unescape = (value: string): string | null => (value === '\\N' ? null : value.replace(/\\(.)/g, (_, c: string) => ({ t: '\t', n: '\n', r: '\r', b: '\b', f: '\f', v: '\v' } as Record<string, string>)[c] ?? c));
  for (const line of script.slice(header.index + header[0].length + 1).split('\n')) {
    if (line === '\\.') break;
    const values = line.split('\t');
    rows.push(Object.fromEntries(columns.map((column, i) => [column, unescape(values[i] ?? '\\N')])));
  }
  return rows;
}

/** Reads the meta, users and migration rows of a dump (pg_restore prints them; nothing is written anywhere). */
export async function dumpFacts(file: string): Promise<DumpFacts> {
  if (!fs.existsSync(file) || !isPgDump(file)) throw new WorkbenchFailure('BACKUP_INVALID', { detail: `${path.basename(file)} 不是 pg_dump 的备份文件（-Fc 格式）` });
  let script: string;
  try {
    script = await toolOutput('pg_restore', ['--data-only', '--table=meta', '--table=users', '--table=kysely_migration', '--file=-', file]);
  } catch (error) {
    // A damaged or cut-off archive: pg_restore cannot read its table of contents.
    if (error instanceof WorkbenchFailure && error.code === 'PG_TOOL_FAILED') throw new WorkbenchFailure('BACKUP_INVALID', { detail: error.message });
    throw error;
  }
  const meta = new Map(copyRows(script, 'meta').map((row) => [row.key, row.value]));
  if (meta.get('app') !== APP_MARKER) throw new WorkbenchFailure('BACKUP_INVALID', { detail: '不是工作台的数据库' });
  const isFalse = (value: string | null) => value === '0' || value === 'f' || value === 'false';
  const admins = copyRows(script, 'users').filter((u) => u.role === 'admin' && isFalse(u.disabled ?? '0') && u.password_hash !== null).length;
  return { county: meta.get('county_code') ?? undefined, migrations: copyRows(script, 'kysely_migration').map((r) => r.name!).sort(), admins, people: null };
}

/**
 * Sessions of other programs on this database: client backends other than the asking one (autovacuum and
 * other server workers are not programs using it), by the name each program gave (application_name) and
 * where it connects from. One connection of its own, closed at once.
 */
export async function otherConnections(url: string, options: { settleMs?: number } = {}): Promise<string[]> {
  const client = new pg.Client({ connectionString: url, application_name: 'county-employment-workbench' });
  await client.connect();
  try {
    // Connections this process has just closed take a moment to leave pg_stat_activity: asked again for
    // up to `settleMs` before the answer counts.
    const deadline = Date.now() + (options.settleMs ?? 0);
    for (let wait = 20; ; wait = Math.min(wait * 2, 200)) {
      const { rows } = await client.query<{ name: string; address: string | null }>(
        "select coalesce(nullif(application_name, ''), '未命名程序') as name, client_addr::text as address from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid() and backend_type = 'client backend' order by pid");
      if (rows.length === 0 || Date.now() >= deadline) return rows.map((r) => (r.address ? `${r.name}（${r.address}）` : r.name));
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  } finally {
    await client.end();
  }
}

/** DB_IN_USE naming who is connected, so the administrator knows what to stop. */
export function inUse(others: readonly string[]): WorkbenchFailure {
  return new WorkbenchFailure('DB_IN_USE', { who: `（${others.length} 个连接：${[...new Set(others)].slice(0, 5).join('、')}）` });
}

/** The safety dump taken before a restore, in `folder`, named like the automatic backups. */
export async function safetyDump(url: string, folder: string, now: Date = new Date()): Promise<string> {
  // Named like backup.ts's backupFileName (local time), which this folder may not import.
  const two = (n: number) => String(n).padStart(2, '0');
  const stamp = `${now.getFullYear()}${two(now.getMonth() + 1)}${two(now.getDate())}-${two(now.getHours())}${two(now.getMinutes())}${two(now.getSeconds())}`;
  return (await pgDumpTo(url, path.join(folder, `workbench-${stamp}-before-restore.dump`))).path;
}

/** pg_restore over the current contents in one transaction (a failure half-way leaves the database as it was). */
export function restoreDump(url: string, file: string): Promise<void> {
  return runTool('pg_restore', ['--clean', '--if-exists', '--no-owner', '--no-privileges', '--single-transaction', '--exit-on-error', file], url);
}

/** `pg_dump -Fc` of the whole database into `target` (created 0600 in a private folder); its size in bytes. */
export async function pgDumpTo(url: string, target: string): Promise<{ path: string; bytes: number }> {
  // A folder made here is private; an existing one (the office's backup share) is left as it is.
  if (!fs.existsSync(path.dirname(path.resolve(target)))) privateDir(path.dirname(path.resolve(target)));
  const partial = partialName(path.resolve(target));
  fs.rmSync(partial, { force: true });
  try {
    // No owners or grants: the dump restores into a database owned by whichever account the office uses.
    await runTool('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', `--file=${partial}`], url);
    publish(partial, target);
  } catch (error) {
    fs.rmSync(partial, { force: true });
    throw error;
  }
  return { path: target, bytes: fs.statSync(target).size };
}

/** True when the file is a pg_dump custom-format archive (its magic "PGDMP"). */
export function isPgDump(file: string): boolean {
  const head = Buffer.alloc(5);
  const fd = fs.openSync(file, 'r');
  try { fs.readSync(fd, head, 0, 5, 0); } finally { fs.closeSync(fd); }
  return head.toString('latin1') === 'PGDMP';
}

/**
 * `pg_restore` of a dump into the database, replacing what it has (`--clean --if-exists`), all in one
 * transaction: a failure half-way leaves the database as it was.
 */
export async function pgRestoreFrom(url: string, file: string): Promise<void> {
  if (!fs.existsSync(file) || !isPgDump(file)) throw new WorkbenchFailure('BACKUP_INVALID', { detail: `${path.basename(file)} 不是 pg_dump 的备份文件（-Fc 格式）` });
  await runTool('pg_restore', ['--clean', '--if-exists', '--no-owner', '--no-privileges', '--single-transaction', '--exit-on-error', file], url);
}

/**
 * `workbench restore --db postgres://… --from FILE.dump`: refused while anyone else is connected to the
 * database (a running `serve`, another command), like a SQLite restore; a safety dump of the current state
 * first (named in the answer, so a wrong restore can itself be undone); then pg_restore in one transaction;
 * then the database is opened as usual (ours, migrated if the dump is older) and the restore audited.
 */
export async function restorePostgres(url: string, file: string, safetyDir: string, username: string): Promise<{ restored: string; safetyBackup: string }> {
  const facts = await dumpFacts(file);
  const before = await openDatabase(url);
  try {
    refuseDump(facts, await getMeta(before.db, 'county_code'));
  } finally {
    await before.close();
  }
  const others = await otherConnections(url, { settleMs: 5000 });
  if (others.length > 0) throw inUse(others);
  const safety = await safetyDump(url, safetyDir);
  await restoreDump(url, file);
  const after = await openDatabase(url);
  try {
    await writeAudit(after.db, { username, entity: 'database', entityId: null, action: 'restore', after: { from: path.resolve(file), safetyBackup: safety } });
  } finally {
    await after.close();
  }
  return { restored: path.resolve(file), safetyBackup: safety };
}

/** A dump this build must not restore here: from a newer version (its schema unknown) or of another county. */
export function refuseDump(facts: DumpFacts, county: string | undefined): void {
  const known = new Set(Object.keys(migrations));
  if (facts.migrations.some((name) => !known.has(name))) throw new WorkbenchFailure('BACKUP_NEWER');
  if (facts.county !== county) throw new WorkbenchFailure('BACKUP_FOREIGN', { county: facts.county ?? '未知' });
}
