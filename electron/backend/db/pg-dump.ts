// Backups of a PostgreSQL store (issue 16) with PostgreSQL's own tools: `pg_dump -Fc` writes one custom-format
// file (compressed, restorable table by table), `pg_restore` puts it back. Both come with Debian's
// `postgresql-client`; when one is missing the administrator gets a coded Chinese message saying what to
// install, never a stack. The password travels in PGPASSWORD, not on the command line (other users of the
// server can read command lines). The dump is written under a temporary name and renamed when whole.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { WorkbenchFailure } from '../failure';
import { openDatabase } from './database';
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
  return new Promise((resolve, reject) => {
    const child = spawn(requireTool(tool), [...args, `--dbname=${bare}`], { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (d) => { stderr += d; });
    child.on('error', (error) => reject(new WorkbenchFailure('PG_TOOL_FAILED', { tool, detail: error.message })));
    child.on('exit', (code) => {
      if (code === 0) resolve();
      else reject(new WorkbenchFailure('PG_TOOL_FAILED', { tool, detail: stderr.trim().split('\n').slice(-3).join(' ') || `exit ${code}` }));
    });
  });
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
  if (!fs.existsSync(file) || !isPgDump(file)) throw new WorkbenchFailure('BACKUP_INVALID', { detail: `${path.basename(file)} 不是 pg_dump 的备份文件（-Fc 格式）` });
  requireTool('pg_restore');
  const before = await openDatabase(url);
  let safety: string;
  try {
    const others = await sql<{ n: number | string }>`select count(*) as n from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`.execute(before.db);
    if (Number(others.rows[0]?.n ?? 0) > 0) throw new WorkbenchFailure('DB_IN_USE');
    const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
    safety = (await pgDumpTo(url, path.join(safetyDir, `workbench-${stamp}-before-restore.dump`))).path;
  } finally {
    await before.close();
  }
  await runTool('pg_restore', ['--clean', '--if-exists', '--no-owner', '--no-privileges', '--single-transaction', '--exit-on-error', file], url);
  const after = await openDatabase(url);
  try {
    await writeAudit(after.db, { username, entity: 'database', entityId: null, action: 'restore', after: { from: path.resolve(file), safetyBackup: safety } });
  } finally {
    await after.close();
  }
  return { restored: path.resolve(file), safetyBackup: safety };
}
