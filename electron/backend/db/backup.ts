// Online backups (better-sqlite3's backup API): the database stays usable while it is copied.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type SqliteDatabase from 'better-sqlite3';

export async function backupTo(sqlite: SqliteDatabase.Database, target: string): Promise<{ path: string; bytes: number }> {
  fs.mkdirSync(path.dirname(path.resolve(target)), { recursive: true });
  await sqlite.backup(target);
  // A backup is one self-contained file (it may travel on a USB stick): rollback journal, not WAL, so
  // opening it later leaves no -wal/-shm files beside it.
  const copy = new Database(target);
  try { copy.pragma('journal_mode = DELETE'); } finally { copy.close(); }
  return { path: target, bytes: fs.statSync(target).size };
}

/** A file name that sorts by time, in the clerk's local time (the one they see on the wall clock):
 *  workbench-20261123-114501-reason.sqlite */
export function backupFileName(reason: string, now: Date = new Date()): string {
  const two = (n: number) => String(n).padStart(2, '0');
  const stamp = `${now.getFullYear()}${two(now.getMonth() + 1)}${two(now.getDate())}-${two(now.getHours())}${two(now.getMinutes())}${two(now.getSeconds())}`;
  return `workbench-${stamp}-${reason}.sqlite`;
}
