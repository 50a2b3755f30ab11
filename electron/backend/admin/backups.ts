// Backups (数据备份): automatic ones before risky work and once a day, the newest 30 kept; backups to a
// folder of the user's choice; and restore, which checks the file before it touches anything.
import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { APP_MARKER, openDatabase } from '../db/database';
import { migrations } from '../db/migrations/index';
import { backupFileName, backupTo } from '../db/backup';
import { writeAudit } from './audit-repository';
import { WorkbenchFailure } from '../failure';
import type { Engine } from '../context';
import type { BackupView } from '../../../shared/contract/schemas';

export const KEEP_AUTOMATIC = 30;
const AUTO_PATTERN = /^workbench-\d{8}-\d{6}-[\w-]+\.sqlite$/;

/** Takes a backup into the engine's backups folder and prunes the automatic ones beyond the newest 30. */
export async function automaticBackup(engine: Engine, reason: string, now: Date = new Date()): Promise<string | null> {
  // An in-memory database (tests) has nothing on disk to back up.
  if (engine.wdb.path === ':memory:') return null;
  const target = path.join(engine.backupDir, backupFileName(reason, now));
  await backupTo(engine.wdb.sqlite, target);
  const autos = fs.readdirSync(engine.backupDir).filter((name) => AUTO_PATTERN.test(name)).sort();
  for (const old of autos.slice(0, Math.max(0, autos.length - KEEP_AUTOMATIC))) {
    for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(path.join(engine.backupDir, old + suffix), { force: true });
  }
  return target;
}

/** Once a day, at the first start of that day. */
export async function dailyBackupIfDue(engine: Engine, now = new Date()): Promise<string | null> {
  const stamp = backupFileName('daily', now).slice(0, 'workbench-YYYYMMDD'.length);
  const existing = fs.existsSync(engine.backupDir) ? fs.readdirSync(engine.backupDir) : [];
  if (existing.some((name) => name.startsWith(stamp) && name.endsWith('-daily.sqlite'))) return null;
  return automaticBackup(engine, 'daily', now);
}

export interface BackupInspection { ok: boolean; problem?: string; county?: string; migrations: string[]; people: number | null }

/** Reads a backup read-only: is it ours, whole, of a schema we know, and of which county? */
export function inspectBackup(file: string): BackupInspection {
  let db: SqliteDatabase.Database | undefined;
  try {
    const header = Buffer.alloc(16);
    const fd = fs.openSync(file, 'r');
    try { fs.readSync(fd, header, 0, 16, 0); } finally { fs.closeSync(fd); }
    if (header.toString('latin1') !== 'SQLite format 3\0') return { ok: false, problem: '不是 SQLite 数据库文件', migrations: [], people: null };
    db = new SqliteDatabase(file, { readonly: true, fileMustExist: true });
    const marker = (() => { try { return (db!.prepare("select value from meta where key='app'").get() as { value: string } | undefined)?.value; } catch { return undefined; } })();
    if (marker !== APP_MARKER) return { ok: false, problem: '不是工作台的数据库', migrations: [], people: null };
    const integrity = db.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') return { ok: false, problem: `完整性检查未通过（${String(integrity)}）`, migrations: [], people: null };
    const county = (db.prepare("select value from meta where key='county_code'").get() as { value: string } | undefined)?.value;
    const applied = (db.prepare('select name from kysely_migration order by name').all() as { name: string }[]).map((r) => r.name);
    const people = (db.prepare('select count(*) n from people').get() as { n: number }).n;
    return { ok: true, county, migrations: applied, people };
  } catch (error) {
    return { ok: false, problem: (error as Error).message, migrations: [], people: null };
  } finally {
    db?.close();
  }
}

function view(file: string): BackupView {
  const stat = fs.statSync(file);
  const inspection = inspectBackup(file);
  return { file, name: path.basename(file), createdAt: stat.mtime.toISOString(), bytes: stat.size, people: inspection.people, ok: inspection.ok };
}

export function listBackups(engine: Engine): BackupView[] {
  if (!fs.existsSync(engine.backupDir)) return [];
  return fs.readdirSync(engine.backupDir).filter((n) => n.endsWith('.sqlite')).sort().reverse().map((n) => view(path.join(engine.backupDir, n)));
}

export async function backupToFolder(engine: Engine, directory: string | undefined, username: string): Promise<BackupView> {
  const target = directory ? path.join(directory, backupFileName('manual')) : await automaticBackup(engine, 'manual');
  if (!target) throw new WorkbenchFailure('BACKUP_INVALID', { detail: '内存数据库无法备份' });
  if (directory) await backupTo(engine.wdb.sqlite, target);
  await writeAudit(engine.wdb.db, { username, entity: 'database', entityId: null, action: 'backup', after: { file: target } });
  return view(target);
}

/**
 * Restores a backup over the open database: the file is checked first (ours, whole, not from a newer
 * version, same county); the current state is backed up; then the file replaces the database and the
 * engine reopens it. Nothing changes when a check fails.
 */
export async function restoreBackup(engine: Engine, file: string, username: string): Promise<{ restored: string; safetyBackup: string }> {
  const source = path.isAbsolute(file) ? file : path.join(engine.backupDir, path.basename(file));
  if (!fs.existsSync(source)) throw new WorkbenchFailure('BACKUP_INVALID', { detail: '文件不存在' });
  const inspection = inspectBackup(source);
  if (!inspection.ok) throw new WorkbenchFailure('BACKUP_INVALID', { detail: inspection.problem ?? '' });
  const known = new Set(Object.keys(migrations));
  if (inspection.migrations.some((name) => !known.has(name))) throw new WorkbenchFailure('BACKUP_NEWER');
  if (inspection.county !== engine.county.code) throw new WorkbenchFailure('BACKUP_FOREIGN', { county: inspection.county ?? '未知' });

  const safetyBackup = await automaticBackup(engine, 'before-restore');
  if (!safetyBackup) throw new WorkbenchFailure('BACKUP_INVALID', { detail: '内存数据库无法恢复' });
  const dbPath = path.resolve(engine.wdb.path);
  // Copy first, so the swap below is a rename on the same disk.
  const staged = `${dbPath}.restoring`;
  fs.copyFileSync(source, staged);
  await engine.wdb.close();
  for (const suffix of ['-wal', '-shm']) fs.rmSync(dbPath + suffix, { force: true });
  fs.renameSync(staged, dbPath);
  engine.wdb = await openDatabase(dbPath, { beforeMigrate: async () => undefined });
  await writeAudit(engine.wdb.db, { username, entity: 'database', entityId: null, action: 'restore', after: { from: source, safetyBackup } });
  return { restored: source, safetyBackup };
}
