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

/** The folder automatic backups go to: `backups/` beside the database file. */
export function backupDirFor(databaseFile: string): string {
  return path.join(path.dirname(path.resolve(databaseFile)), 'backups');
}

/** Keeps the newest `keep` automatic backups made for one reason; older ones are removed. */
export function pruneBackups(dir: string, reason: string, keep: number): void {
  if (!fs.existsSync(dir)) return;
  const mine = fs.readdirSync(dir).filter((f) => f.endsWith(`-${reason}.sqlite`)).sort();
  for (const old of mine.slice(0, Math.max(0, mine.length - keep))) fs.rmSync(path.join(dir, old), { force: true });
}
