// Divisions of the county this database serves: the county, its townships and villages.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { CountyCatalogue } from './catalogue';
import { townshipKey, villageDisplayName } from '../../../shared/domain/division';

export async function insertCounty(db: Kysely<Database>, county: CountyCatalogue): Promise<void> {
  await db.insertInto('divisions').values({ code: county.code, name: county.name, level: 'county', parent_code: null }).execute();
  for (const township of county.townships) {
    await db.insertInto('divisions').values({ code: township.code, name: township.name, level: 'township', parent_code: county.code }).execute();
    // 乡 and 镇 swap when a township is upgraded (印庄乡 → 印庄镇); both spellings stay matchable.
    const key = townshipKey(township.name);
    const aliases = new Set([`${key}乡`, `${key}镇`, key].filter((alias) => alias !== township.name));
    for (const alias of aliases) await db.insertInto('division_aliases').values({ alias, code: township.code }).execute();
    if (township.villages.length > 0) {
      await db.insertInto('divisions')
        .values(township.villages.map((v) => ({ code: v.code, name: v.name, level: 'village' as const, parent_code: township.code })))
        .execute();
    }
  }
}

export interface TownshipWithVillages {
  code: string;
  name: string;
  villages: { code: string; name: string; displayName: string }[];
}

export async function countyDivision(db: Kysely<Database>) {
  return db.selectFrom('divisions').selectAll().where('level', '=', 'county').executeTakeFirstOrThrow();
}

export async function listTownships(db: Kysely<Database>): Promise<TownshipWithVillages[]> {
  const rows = await db.selectFrom('divisions').select(['code', 'name', 'level', 'parent_code']).where('level', 'in', ['township', 'village']).orderBy('code').execute();
  const townships = new Map<string, TownshipWithVillages>();
  for (const row of rows) if (row.level === 'township') townships.set(row.code, { code: row.code, name: row.name, villages: [] });
  for (const row of rows) {
    if (row.level === 'village' && row.parent_code) townships.get(row.parent_code)?.villages.push({ code: row.code, name: row.name, displayName: villageDisplayName(row.name) });
  }
  return [...townships.values()];
}
