// Online backups (better-sqlite3's backup API): the database stays usable while it is copied.
import fs from 'node:fs';
import path from 'node:path';
import type SqliteDatabase from 'better-sqlite3';

export async function backupTo(sqlite: SqliteDatabase.Database, target: string): Promise<{ path: string; bytes: number }> {
  fs.mkdirSync(path.dirname(path.resolve(target)), { recursive: true });
  await sqlite.backup(target);
  return { path: target, bytes: fs.statSync(target).size };
}

/** A file name that sorts by time: workbench-20261123-114501.sqlite */
export function backupFileName(reason: string, now: Date = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `workbench-${stamp}-${reason}.sqlite`;
}
