// Backups of a PostgreSQL store (issue 16) with PostgreSQL's own tools: `pg_dump -Fc` writes one custom-format
// file (compressed, restorable table by table), `pg_restore` puts it back. Both come with Debian's
// `postgresql-client`; when one is missing the administrator gets a coded Chinese message saying what to
// install, never a stack. The password travels in PGPASSWORD, not on the command line (other users of the
// server can read command lines). The dump is written under a temporary name and renamed when whole.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { WorkbenchFailure } from '../failure';
import { partialName, privateDir, publish } from '../file-safety';

export type PgTool = 'pg_dump' | 'pg_restore';

/** Where a PostgreSQL client tool is: WORKBENCH_PG_BIN, the PATH, or Debian's /usr/lib/postgresql/N/bin. */
export function findPgTool(tool: PgTool): string | null {
  const folders = [
    ...(process.env.WORKBENCH_PG_BIN ? [process.env.WORKBENCH_PG_BIN] : []),
    ...(process.env.PATH ?? '').split(path.delimiter).filter(Boolean),
  ];
  const debian = '/usr/lib/postgresql';
  if (fs.existsSync(debian)) {
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
