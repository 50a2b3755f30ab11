// What every handler works with: the open database, the county it serves, and who is asking.
import type { WorkbenchDb } from './db/database';
import { countyDivision, listTownships, type TownshipWithVillages } from './repositories/divisions';
import { getMeta } from './db/database';
import type { DivisionLookup } from '../../shared/domain/person';

export type Role = 'clerk' | 'manager' | 'admin';

export interface Actor {
  username: string;
  role: Role;
  /** Township codes a clerk may see and edit; null for the whole county. */
  townships: readonly string[] | null;
}

/** The CLI and the single-user desktop act as the machine's administrator (SPEC §6). */
export const LOCAL_ADMIN: Actor = { username: 'local-admin', role: 'admin', townships: null };

export interface CountyInfo {
  code: string;
  name: string;
  cityName: string;
  provinceName: string;
}

export interface EngineContext {
  wdb: WorkbenchDb;
  actor: Actor;
  county: CountyInfo;
  townships: TownshipWithVillages[];
  divisions: DivisionLookup & { townshipNameOf(code: string): string; villageNameOf(code: string): string };
}

export async function createContext(wdb: WorkbenchDb, actor: Actor = LOCAL_ADMIN): Promise<EngineContext> {
  const countyRow = await countyDivision(wdb.db);
  const townships = await listTownships(wdb.db);
  const townshipNames = new Map(townships.map((t) => [t.code, t.name]));
  const villageOwner = new Map<string, string>();
  const villageNames = new Map<string, string>();
  for (const t of townships) for (const v of t.villages) { villageOwner.set(v.code, t.code); villageNames.set(v.code, v.displayName); }
  return {
    wdb,
    actor,
    county: {
      code: countyRow.code,
      name: countyRow.name,
      cityName: (await getMeta(wdb.db, 'city_name')) ?? '',
      provinceName: (await getMeta(wdb.db, 'province_name')) ?? '',
    },
    townships,
    divisions: {
      townshipName: (code) => townshipNames.get(code),
      villageTownship: (code) => villageOwner.get(code),
      townshipNameOf: (code) => townshipNames.get(code) ?? code,
      villageNameOf: (code) => villageNames.get(code) ?? code,
    },
  };
}
