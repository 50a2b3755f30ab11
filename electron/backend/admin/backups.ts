// Backups (数据备份): automatic ones before risky work, before a migration and once a day, each kind with
// its own retention, plus the administrator's own; and restore, which checks the file, refuses while
// another process has the database open, and replaces the contents inside one transaction of the live
// file (never a rename under another process's feet), with its audit entry in that same transaction. A
// PostgreSQL store's backups are pg_dump archives, restored by pg_restore in the running server (restore-pg.ts).
import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { APP_MARKER, openDatabase, requireSqlite } from '../db/database';
import { migrations } from '../db/migrations/index';
import { backupFileName, backupTo, backupToSync } from '../db/backup';
import { replaceContents, withSoleAccess } from '../db/sole-access';
import { writeAudit } from './audit-repository';
import { findPgTool, isPgDump, pgDumpTo } from '../db/pg-dump';
import { restorePostgresStore } from './restore-pg';
import { messageFor } from '../../../shared/domain/errors';
import { writeAuditSync } from '../import/audit-sync';
import { WorkbenchFailure } from '../failure';
import { partialName, privateDir, removeStalePartials } from '../file-safety';
import type { Engine } from '../context';
import type { BackupKind, BackupView } from '../../../shared/contract/schemas';

/**
 * How many of each kind are kept. Full copies (VACUUM INTO, so no free pages), not compressed or
 * incremental: any one of them restores alone, opens in any SQLite tool and is checked by the same
 * integrity check; a lost or damaged link cannot take the later copies with it. 25 copies at most.
 */
export const RETENTION: Record<BackupKind, { label: string; keep: number }> = {
  risky: { label: '导入、撤销、审核、恢复之前', keep: 10 },
  daily: { label: '每日', keep: 7 },
  migration: { label: '升级之前', keep: 3 },
  manual: { label: '手动', keep: 5 },
};

// A SQLite store's backups are .sqlite files; a PostgreSQL store's are pg_dump archives (.dump).
const BACKUP_NAME = /^workbench-\d{8}-\d{6}-([\w-]+)\.(sqlite|dump)$/;

export function backupKind(reason: string): BackupKind {
  if (reason === 'daily' || reason === 'manual') return reason;
  if (reason === 'before-migration') return 'migration';
  return 'risky';
}

function kindOfFile(name: string): BackupKind | null {
  const reason = BACKUP_NAME.exec(name)?.[1];
  return reason ? backupKind(reason) : null;
}

/** Prunes one kind to its retention: a burst of imports never pushes out the daily or pre-migration copies. */
function prune(backupDir: string, kind: BackupKind): void {
  const ofKind = fs.readdirSync(backupDir).filter((name) => kindOfFile(name) === kind).sort();
  for (const old of ofKind.slice(0, Math.max(0, ofKind.length - RETENTION[kind].keep))) {
    for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(path.join(backupDir, old + suffix), { force: true });
  }
}

/** A backup into the backups folder, then its kind pruned; `sync` for the restore's safety copy. */
async function takeBackup(engine: Engine, reason: string, now: Date): Promise<string> {
  const target = path.join(engine.backupDir, backupFileName(reason, now));
  await backupTo(requireSqlite(engine.wdb, '数据备份'), target);
  prune(engine.backupDir, backupKind(reason));
  return target;
}

function takeBackupSync(engine: Engine, reason: string, now: Date): string {
  const target = path.join(engine.backupDir, backupFileName(reason, now));
  backupToSync(requireSqlite(engine.wdb, '数据备份'), target);
  prune(engine.backupDir, backupKind(reason));
  return target;
}

// One backup at a time in this process. Office seats start imports and approvals at the same moment: two
// backups of one second and reason have the same file name (and temporary name), and written side by side
// they broke each other ("disk I/O error", found by the load test). The second waits and then replaces
// the first with a copy as new or newer.
let backupsInFlight: Promise<unknown> = Promise.resolve();

/** Takes a backup into the engine's backups folder and prunes its kind beyond its retention. */
export async function automaticBackup(engine: Engine, reason: string, now: Date = new Date()): Promise<string | null> {
  // An in-memory database (tests) has nothing on disk to back up.
  if (engine.wdb.path === ':memory:') return null;
  // A PostgreSQL store is backed up by PostgreSQL's own pg_dump (pg-dump.ts); without it, no copy is taken
  // (said once on the console), as before this store had backups.
  const take = engine.wdb.dialect === 'postgres' ? () => takePgBackup(engine, reason, now) : () => takeBackup(engine, reason, now);
  const run = backupsInFlight.then(take);
  backupsInFlight = run.catch(() => undefined);
  return run;
}

let warnedNoPgDump = false;

/** A PostgreSQL store's automatic backup: pg_dump -Fc into the backups folder, pruned like the others. */
async function takePgBackup(engine: Engine, reason: string, now: Date): Promise<string | null> {
  if (engine.wdb.dialect !== 'postgres') return null;
  if (!findPgTool('pg_dump')) {
    if (!warnedNoPgDump) console.warn(messageFor('PG_TOOL_MISSING', { tool: 'pg_dump' }));
    warnedNoPgDump = true;
    return null;
  }
  privateDir(engine.backupDir);
  const target = path.join(engine.backupDir, backupFileName(reason, now).replace(/\.sqlite$/, '.dump'));
  await pgDumpTo(engine.wdb.url, target);
  prune(engine.backupDir, backupKind(reason));
  return target;
}

/** Once a day, at the first start of that day. */
export async function dailyBackupIfDue(engine: Engine, now = new Date()): Promise<string | null> {
  const stamp = backupFileName('daily', now).slice(0, 'workbench-YYYYMMDD'.length);
  // Temporary files of a backup or restore killed half-way are removed at the next start.
  removeStalePartials(engine.backupDir);
  const existing = fs.existsSync(engine.backupDir) ? fs.readdirSync(engine.backupDir) : [];
  if (existing.some((name) => name.startsWith(stamp) && /-daily\.(sqlite|dump)$/.test(name))) return null;
  return automaticBackup(engine, 'daily', now);
}

export interface BackupInspection { ok: boolean; problem?: string; county?: string; migrations: string[]; people: number | null; admins: number }

/** Reads a backup read-only: is it ours, whole, of a schema we know, of which county, with an administrator? */
export function inspectBackup(file: string): BackupInspection {
  let db: SqliteDatabase.Database | undefined;
  const refused = (problem: string): BackupInspection => ({ ok: false, problem, migrations: [], people: null, admins: 0 });
  try {
    const header = Buffer.alloc(16);
    const fd = fs.openSync(file, 'r');
    try { fs.readSync(fd, header, 0, 16, 0); } finally { fs.closeSync(fd); }
    if (header.toString('latin1') !== 'SQLite format 3\0') return refused('不是 SQLite 数据库文件');
    db = new SqliteDatabase(file, { readonly: true, fileMustExist: true });
    const marker = (() => { try { return (db!.prepare("select value from meta where key='app'").get() as { value: string } | undefined)?.value; } catch { return undefined; } })();
    if (marker !== APP_MARKER) return refused('不是工作台的数据库');
    const integrity = db.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') return refused(`完整性检查未通过（${String(integrity)}）`);
    const county = (db.prepare("select value from meta where key='county_code'").get() as { value: string } | undefined)?.value;
    const applied = (db.prepare('select name from kysely_migration order by name').all() as { name: string }[]).map((r) => r.name);
    const people = (db.prepare('select count(*) n from people').get() as { n: number }).n;
    const admins = (db.prepare("select count(*) n from users where role = 'admin' and disabled = 0 and password_hash is not null").get() as { n: number }).n;
    return { ok: true, county, migrations: applied, people, admins };
  } catch (error) {
    return refused((error as Error).message);
  } finally {
    db?.close();
  }
}

function view(file: string): BackupView {
  const stat = fs.statSync(file);
  // A pg_dump archive is checked by its header here; pg_restore reads it whole when it is restored.
  const inspection = file.endsWith('.dump') ? { ok: isPgDump(file), people: null } : inspectBackup(file);
  return {
    file, name: path.basename(file), createdAt: stat.mtime.toISOString(), bytes: stat.size, people: inspection.people, ok: inspection.ok,
    kind: kindOfFile(path.basename(file)) ?? 'manual',
  };
}

export function listBackups(engine: Engine): BackupView[] {
  if (!fs.existsSync(engine.backupDir)) return [];
  const extension = engine.wdb.dialect === 'postgres' ? '.dump' : '.sqlite';
  return fs.readdirSync(engine.backupDir).filter((n) => n.endsWith(extension)).sort().reverse().map((n) => view(path.join(engine.backupDir, n)));
}

/** How many of each kind are kept now, beside the limit (设置 → 数据备份). */
export function retentionCounts(backups: readonly BackupView[]): { kind: BackupKind; label: string; count: number; keep: number }[] {
  return (Object.keys(RETENTION) as BackupKind[]).map((kind) => ({
    kind, label: RETENTION[kind].label, keep: RETENTION[kind].keep, count: backups.filter((b) => b.kind === kind).length,
  }));
}

function allowedPath(engine: Engine, target: string): string {
  const resolved = path.resolve(target);
  let real: string;
  try {
    // Symbolic links are followed before the check, so a link inside the folder cannot point outside it.
    real = fs.existsSync(resolved) ? fs.realpathSync(resolved) : path.join(fs.realpathSync(path.dirname(resolved)), path.basename(resolved));
  } catch {
    throw new WorkbenchFailure('PATH_NOT_ALLOWED', { folder: engine.backupDir, path: target });
  }
  privateDir(engine.backupDir);
  const roots = [fs.realpathSync(engine.backupDir), ...engine.grantedFolders];
  if (!roots.some((root) => real === root || real.startsWith(root + path.sep))) throw new WorkbenchFailure('PATH_NOT_ALLOWED', { folder: engine.backupDir, path: target });
  return real;
}

export async function backupToFolder(engine: Engine, directory: string | undefined, username: string): Promise<BackupView> {
  if (engine.wdb.path === ':memory:') throw new WorkbenchFailure('BACKUP_INVALID', { detail: '内存数据库无法备份' });
  let target: string;
  if (engine.wdb.dialect === 'postgres') {
    const folder = directory ? allowedPath(engine, directory) : engine.backupDir;
    if (!directory) privateDir(folder);
    target = path.join(folder, backupFileName('manual').replace(/\.sqlite$/, '.dump'));
    await pgDumpTo(engine.wdb.url, target);
    if (!directory) prune(engine.backupDir, 'manual');
  } else if (directory) {
    const folder = allowedPath(engine, directory);
    target = path.join(folder, backupFileName('manual'));
    await backupTo(requireSqlite(engine.wdb, '数据备份与恢复'), target);
  } else {
    target = await takeBackup(engine, 'manual', new Date());
  }
  await writeAudit(engine.wdb.db, { username, entity: 'database', entityId: null, action: 'backup', after: { file: target } });
  return view(target);
}

export interface RestoreOptions {
  /** The administrator confirmed restoring a backup without an administrator; their account is kept. */
  confirmNoAdmin?: boolean;
  /** The restoring administrator's user id, carried into a restored database that has no administrator. */
  userId?: number;
}

/**
 * Restores a backup into the open database. Checked first (ours, whole, not from a newer version, same
 * county, an administrator or the current one's confirmation); refused while another window or program
 * has the database open; then, holding the file exclusively: a safety backup of the current state, the
 * backup's rows written over the current ones and the audit entry — one transaction, so a kill leaves the
 * state before (nothing audited) or after (audited), never a mixture.
 */
export async function restoreBackup(engine: Engine, file: string, username: string, options: RestoreOptions = {}): Promise<{ restored: string; safetyBackup: string }> {
  if (engine.wdb.path === ':memory:') throw new WorkbenchFailure('BACKUP_INVALID', { detail: '内存数据库无法恢复' });
  const source = allowedPath(engine, path.isAbsolute(file) ? file : path.join(engine.backupDir, path.basename(file)));
  if (!fs.existsSync(source)) throw new WorkbenchFailure('BACKUP_INVALID', { detail: '文件不存在' });
  // A PostgreSQL store: pg_restore in the running server, its pool closed meanwhile (restore-pg.ts).
  if (engine.wdb.dialect === 'postgres') {
    const result = await restorePostgresStore(engine, source, username, options);
    prune(engine.backupDir, 'risky');
    return result;
  }
  const inspection = inspectBackup(source);
  if (!inspection.ok) throw new WorkbenchFailure('BACKUP_INVALID', { detail: inspection.problem ?? '' });
  const known = new Set(Object.keys(migrations));
  if (inspection.migrations.some((name) => !known.has(name))) throw new WorkbenchFailure('BACKUP_NEWER');
  if (inspection.county !== engine.county.code) throw new WorkbenchFailure('BACKUP_FOREIGN', { county: inspection.county ?? '未知' });
  if (inspection.admins === 0 && !options.confirmNoAdmin) throw new WorkbenchFailure('BACKUP_NO_ADMIN');

  // A copy brought up to this version's schema, so its tables match the live ones column for column.
  const staged = partialName(path.join(engine.backupDir, 'restore-source.sqlite'));
  fs.copyFileSync(source, staged);
  try {
    const upgraded = await openDatabase(staged);
    await upgraded.close();
    const sqlite = requireSqlite(engine.wdb, '数据备份与恢复');
    const usernames = new Map((sqlite.prepare('select id, username from users').all() as { id: number; username: string }[]).map((u) => [u.id, u.username]));
    const carried = inspection.admins === 0 && options.userId !== undefined
      ? sqlite.prepare('select * from users where id = ?').get(options.userId) as Record<string, unknown> | undefined : undefined;
    const safetyBackup = withSoleAccess(sqlite, () => {
      const safety = takeBackupSync(engine, 'before-restore', new Date());
      replaceContents(sqlite, staged, () => {
        if (carried) keepAdministrator(sqlite, carried);
        writeAuditSync(sqlite, { username, entity: 'database', entityId: null, action: 'restore', after: { from: source, safetyBackup: safety, keptAdministrator: Boolean(carried) } });
      });
      return safety;
    });
    // A login stays only where its user id names the same account in the restored data.
    const restoredNames = new Map((sqlite.prepare('select id, username from users where disabled = 0').all() as { id: number; username: string }[]).map((u) => [u.id, u.username]));
    engine.sessions.retainOnly((id) => restoredNames.get(id) !== undefined && restoredNames.get(id) === usernames.get(id));
    return { restored: source, safetyBackup };
  } finally {
    for (const suffix of ['', '-journal', '-wal', '-shm']) fs.rmSync(staged + suffix, { force: true });
  }
}

/** The confirming administrator's account, put into a restored database that has none. */
function keepAdministrator(sqlite: SqliteDatabase.Database, user: Record<string, unknown>): void {
  sqlite.prepare(`insert into users (username, display_name, role, password_hash, failed_attempts, locked_until, disabled)
      values (@username, @display_name, 'admin', @password_hash, 0, null, 0)
      on conflict (username) do update set role = 'admin', password_hash = excluded.password_hash, disabled = 0, failed_attempts = 0, locked_until = null`)
    .run({ username: user.username, display_name: user.display_name, password_hash: user.password_hash });
}
