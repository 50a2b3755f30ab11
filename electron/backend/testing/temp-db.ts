// Test helper: a real SQLite file in a fresh temp folder, created for a county like `workbench init` does.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { initCountyDatabase } from '../county-setup';
import { createContext, LOCAL_ADMIN, type Actor, type EngineContext } from '../context';
import { seedDemo } from '../demo/seed';

export interface TempDb { ctx: EngineContext; dir: string; file: string; cleanup(): Promise<void> }

export function tempDir(prefix = 'workbench-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export async function createTempDb(options: { demo?: boolean; actor?: Actor; county?: string } = {}): Promise<TempDb> {
  const dir = tempDir();
  const file = path.join(dir, 'workbench.sqlite');
  const wdb = await initCountyDatabase(file, options.county);
  const ctx = await createContext(wdb, options.actor ?? LOCAL_ADMIN);
  if (options.demo) await seedDemo(ctx);
  return {
    ctx, dir, file,
    cleanup: async () => { await wdb.close(); fs.rmSync(dir, { recursive: true, force: true }); },
  };
}
