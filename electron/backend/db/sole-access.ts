// Holding the database file alone, through SQLite's own locks (released by the kernel when a process
// dies, unlike a lock file): every open connection in WAL mode holds a shared lock on the file, so an
// exclusive lock is granted only when no other window or program has the database open, and while it is
// held, others wait (busy_timeout) and then see the result.
import type SqliteDatabase from 'better-sqlite3';
import { WorkbenchFailure, isBusy } from '../failure';

/** How long a restore waits for another process to close the database before refusing. */
export const SOLE_ACCESS_WAIT_MS = 3_000;

export function withSoleAccess<T>(sqlite: SqliteDatabase.Database, run: () => T, waitMs = SOLE_ACCESS_WAIT_MS): T {
  const busyTimeout = sqlite.pragma('busy_timeout', { simple: true }) as number;
  sqlite.pragma(`busy_timeout = ${waitMs}`);
  sqlite.pragma('locking_mode = EXCLUSIVE');
  try {
    try {
      // The first write in exclusive locking mode takes the file's exclusive lock and keeps it.
      sqlite.exec('begin exclusive; commit');
    } catch (error) {
      if (sqlite.inTransaction) sqlite.exec('rollback');
      throw isBusy(error) ? new WorkbenchFailure('DB_IN_USE') : error;
    }
    return run();
  } finally {
    sqlite.pragma('locking_mode = NORMAL');
    // The lock is released at the next access of the file.
    sqlite.prepare('select count(*) from sqlite_master').get();
    sqlite.pragma(`busy_timeout = ${busyTimeout}`);
  }
}

/**
 * Replaces every row of the live database with those of `sourceFile` (same schema) in one transaction,
 * then runs `alsoInside` (audit entry) in it. Triggers that guard rows (append-only audit log, locked
 * months, frozen payroll lines) are set aside for the copy and put back before the commit.
 */
export function replaceContents(sqlite: SqliteDatabase.Database, sourceFile: string, alsoInside: () => void): void {
  sqlite.prepare("attach database ? as restore_source").run(sourceFile);
  // Foreign keys are checked once for the whole copy (foreign_key_check below) instead of row by row on
  // every delete and insert, which made a restore of the demo county take seconds per table.
  sqlite.pragma('foreign_keys = OFF');
  try {
    sqlite.transaction(() => {
      const triggers = sqlite.prepare("select name, sql from main.sqlite_master where type = 'trigger'").all() as { name: string; sql: string }[];
      for (const t of triggers) sqlite.exec(`drop trigger main."${t.name}"`);
      const tables = (sqlite.prepare("select name from main.sqlite_master where type = 'table' and name not like 'sqlite_%'").all() as { name: string }[]).map((t) => t.name);
      for (const table of tables) {
        const columns = (sqlite.pragma(`main.table_info("${table}")`) as { name: string }[]).map((c) => `"${c.name}"`).join(', ');
        sqlite.exec(`delete from main."${table}"`);
        sqlite.exec(`insert into main."${table}" (${columns}) select ${columns} from restore_source."${table}"`);
      }
      const hasSequence = (db: string) => Boolean(sqlite.prepare(`select 1 from ${db}.sqlite_master where name = 'sqlite_sequence'`).get());
      if (hasSequence('main')) {
        sqlite.exec('delete from main.sqlite_sequence');
        if (hasSequence('restore_source')) sqlite.exec('insert into main.sqlite_sequence (name, seq) select name, seq from restore_source.sqlite_sequence');
      }
      for (const t of triggers) sqlite.exec(t.sql);
      const broken = sqlite.pragma('main.foreign_key_check') as unknown[];
      if (broken.length > 0) throw new WorkbenchFailure('BACKUP_INVALID', { detail: `${broken.length} 处关联记录缺失` });
      alsoInside();
    }).exclusive();
  } finally {
    sqlite.pragma('foreign_keys = ON');
    sqlite.exec('detach database restore_source');
  }
}
