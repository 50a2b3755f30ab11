// Starting the engine on a database file: open (or create on first run), daily backup, build the engine.
import fs from 'node:fs';
import path from 'node:path';
import { isPostgresUrl, openDatabase, type WorkbenchDb } from './db/database';
import { initCountyDatabase } from './county-setup';
import { createEngine, type Engine } from './context';
import { backupFileName, backupTo } from './db/backup';
import { dailyBackupIfDue } from './admin/backups';

export interface StartOptions {
  /** Create the database for the default county when the file does not exist (first run). */
  createIfMissing?: boolean;
}

export async function startEngine(file: string, options: StartOptions = {}): Promise<Engine> {
  let wdb: WorkbenchDb;
  if (!isPostgresUrl(file) && !fs.existsSync(file) && options.createIfMissing) {
    wdb = await initCountyDatabase(file);
  } else {
    wdb = await openDatabase(file, {
      // A PostgreSQL store is backed up by the server's tools before an upgrade, not by a file copy here.
      beforeMigrate: async (opened) => {
        if (opened.dialect === 'sqlite') await backupTo(opened.sqlite, path.join(path.dirname(path.resolve(file)), 'backups', backupFileName('before-migration')));
      },
    });
  }
  const engine = await createEngine(wdb);
  await dailyBackupIfDue(engine);
  return engine;
}
