// Backups as whole SQLite files, written under a temporary name and renamed, so a killed backup leaves no
// file that looks finished (the temporary one is removed at the next start).
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type SqliteDatabase from 'better-sqlite3';
import { partialName, privateDir, publish } from '../file-safety';

function prepare(target: string): string {
  privateDir(path.dirname(path.resolve(target)));
  const partial = partialName(path.resolve(target));
  fs.rmSync(partial, { force: true });
  return partial;
}

export interface BackupFile { path: string; bytes: number; ok: boolean }

function finish(partial: string, target: string): BackupFile {
  // A backup is one self-contained file (it may travel on a USB stick): rollback journal, not WAL, so
  // opening it later leaves no -wal/-shm files beside it. Checked before it gets its name, so nothing
  // needs to open the finished file again (which could leave a journal beside it if killed).
  const copy = new Database(partial);
  let ok: boolean;
  try {
    copy.pragma('journal_mode = DELETE');
    ok = copy.pragma('integrity_check', { simple: true }) === 'ok';
  } finally { copy.close(); }
  publish(partial, target);
  return { path: target, bytes: fs.statSync(target).size, ok };
}

function discard(partial: string): void {
  for (const suffix of ['', '-journal', '-wal', '-shm']) fs.rmSync(partial + suffix, { force: true });
}

/** Online backup (better-sqlite3's backup API, in steps): the process keeps answering while it copies. */
export async function backupTo(sqlite: SqliteDatabase.Database, target: string): Promise<BackupFile> {
  const partial = prepare(target);
  try {
    await sqlite.backup(partial);
    return finish(partial, target);
  } catch (error) {
    discard(partial);
    throw error;
  }
}

/** One consistent copy in one statement (VACUUM INTO; nothing else of this process runs meanwhile): for restore. */
export function backupToSync(sqlite: SqliteDatabase.Database, target: string): BackupFile {
  const partial = prepare(target);
  try {
    sqlite.prepare('vacuum into ?').run(partial);
    return finish(partial, target);
  } catch (error) {
    discard(partial);
    throw error;
  }
}

/** A file name that sorts by time, in the clerk's local time (the one they see on the wall clock):
 *  workbench-20261123-114501-reason.sqlite */
export function backupFileName(reason: string, now: Date = new Date()): string {
  const two = (n: number) => String(n).padStart(2, '0');
  const stamp = `${now.getFullYear()}${two(now.getMonth() + 1)}${two(now.getDate())}-${two(now.getHours())}${two(now.getMinutes())}${two(now.getSeconds())}`;
  return `workbench-${stamp}-${reason}.sqlite`;
}
