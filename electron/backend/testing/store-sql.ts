// Test helper: a raw statement with `?` parameters on either store (PostgreSQL numbers them $1, $2…), for
// tests that look at or poke rows the way a script or another program would, bypassing the engine.
import { CompiledQuery } from 'kysely';
import type { WorkbenchDb } from '../db/database';

function forStore(wdb: WorkbenchDb, text: string): string {
  let n = 0;
  return wdb.dialect === 'postgres' ? text.replace(/\?/g, () => `$${++n}`) : text;
}

export async function queryRows<T = Record<string, unknown>>(wdb: WorkbenchDb, text: string, params: readonly unknown[] = []): Promise<T[]> {
  return (await wdb.db.executeQuery<T>(CompiledQuery.raw(forStore(wdb, text), [...params]))).rows as T[];
}

export async function queryOne<T = Record<string, unknown>>(wdb: WorkbenchDb, text: string, params: readonly unknown[] = []): Promise<T | undefined> {
  return (await queryRows<T>(wdb, text, params))[0];
}

/** `select count(*) n …` and the like: the one number of the first row. */
export async function queryNumber(wdb: WorkbenchDb, text: string, params: readonly unknown[] = []): Promise<number> {
  const row = await queryOne<Record<string, unknown>>(wdb, text, params);
  return Number(Object.values(row ?? {})[0]);
}
