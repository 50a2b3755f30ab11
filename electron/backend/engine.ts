// Starting the engine on a database file: open (or create on first run), build the context.
import fs from 'node:fs';
import path from 'node:path';
import { openDatabase, type WorkbenchDb } from './db/database';
import { initCountyDatabase } from './county-setup';
import { createContext, LOCAL_ADMIN, type Actor, type EngineContext } from './context';
import { backupFileName, backupTo } from './backup';

export interface StartOptions {
  /** Create the database for the default county when the file does not exist (first run). */
  createIfMissing?: boolean;
  actor?: Actor;
}

export async function startEngine(file: string, options: StartOptions = {}): Promise<EngineContext> {
  let wdb: WorkbenchDb;
  if (!fs.existsSync(file) && options.createIfMissing) {
    wdb = await initCountyDatabase(file);
  } else {
    wdb = await openDatabase(file, {
      beforeMigrate: async (sqlite) => { await backupTo(sqlite, path.join(path.dirname(file), 'backups', backupFileName('before-migration'))); },
    });
  }
  return createContext(wdb, options.actor ?? LOCAL_ADMIN);
}
