// Test helper: a real store in a fresh temp folder, created for a county like `workbench init` does: a
// SQLite file, or (WORKBENCH_TEST_STORE=postgres, the `unit-pg` project) a new database in the run's
// throwaway PostgreSQL cluster (testing/postgres-setup.ts), dropped again by cleanup().
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { initCountyDatabase } from '../county-setup';
import { createContext, LOCAL_ADMIN, type Actor, type EngineContext } from '../context';
import { seedDemo } from '../demo/seed';

export type TestStore = 'sqlite' | 'postgres';

export interface TempDb { ctx: EngineContext; dir: string; file: string; store: TestStore; cleanup(): Promise<void> }

export function tempDir(prefix = 'workbench-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** The store this run's tests use by default: WORKBENCH_TEST_STORE=postgres (set by the unit-pg project), else SQLite. */
export function testStore(): TestStore {
  return process.env.WORKBENCH_TEST_STORE === 'postgres' ? 'postgres' : 'sqlite';
}

export async function createTempDb(options: { demo?: boolean; actor?: Actor; county?: string; store?: TestStore } = {}): Promise<TempDb> {
  const store = options.store ?? testStore();
  const dir = tempDir();
  // Loaded only here: it reaches vitest's provided cluster URL, which scripts using tempDir() do not have.
  const database = store === 'postgres' ? await (await import('./temp-postgres')).tempPostgresDatabase() : null;
  const file = database ? database.url : path.join(dir, 'workbench.sqlite');
  const wdb = await initCountyDatabase(file, options.county);
  const ctx = await createContext(wdb, options.actor ?? LOCAL_ADMIN);
  if (options.demo) await seedDemo(ctx);
  return {
    ctx, dir, file, store,
    cleanup: async () => { await wdb.close(); await database?.drop(); fs.rmSync(dir, { recursive: true, force: true }); },
  };
}
