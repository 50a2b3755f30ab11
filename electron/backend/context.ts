// What every handler works with: the engine (open database, the county it serves, login sessions) and,
// per request, who is asking and their session.
import fs from 'node:fs';
import path from 'node:path';
import type { WorkbenchDb } from './db/database';
import { countyDivision, listTownships, type TownshipWithVillages } from './divisions/repository';
import { getMeta } from './db/database';
import { defaultDataDir } from './data-dir';
import type { DivisionLookup } from '../../shared/domain/person';
import { SessionStore } from './admin/sessions';
import { townshipScope, type TownshipScope } from './scope';
import { RequestGate } from './request-gate';

// The one township check lives in scope.ts; re-exported for the import kinds that reach it from here.
export { inScope } from './scope';

import type { Role } from '../../shared/contract/access';

export type { Role };

export interface Actor {
  username: string;
  role: Role;
  /** Township codes a clerk may see and edit; null for the whole county. */
  townships: readonly string[] | null;
  userId?: number;
  displayName?: string;
}

/** The CLI (without --user) acts as the machine's administrator: whoever can open the file can read it. */
export const LOCAL_ADMIN: Actor = { username: 'local-admin', role: 'admin', townships: null, displayName: '本机管理员' };

/** Who calls a public channel (status, login, first setup) before logging in: sees nothing. */
export const ANONYMOUS: Actor = { username: 'anonymous', role: 'clerk', townships: [] };

export interface CountyInfo {
  code: string;
  name: string;
  cityName: string;
  provinceName: string;
}

export type Divisions = DivisionLookup & { townshipNameOf(code: string): string; villageNameOf(code: string): string };

/** How a door (HTTP cookie, IPC window, CLI) keeps the session token of the caller. */
export interface SessionDoor {
  token(): string | undefined;
  setToken(token: string | undefined): void;
}

export const NO_SESSION: SessionDoor = { token: () => undefined, setToken: () => undefined };

export interface Engine {
  /** Replaced in place by a restore, so every later request sees the restored database. */
  wdb: WorkbenchDb;
  county: CountyInfo;
  townships: TownshipWithVillages[];
  divisions: Divisions;
  sessions: SessionStore;
  /** Folder of the automatic backups: backups/ beside the database file. */
  backupDir: string;
  /** Other folders restore and backups.create may use: those the desktop's folder dialog returned. */
  grantedFolders: Set<string>;
  /** Every window's request passes it; a PostgreSQL restore closes it while it swaps the pool (request-gate.ts). */
  gate: RequestGate;
}

export interface EngineContext extends Engine {
  actor: Actor;
  /** The townships this call may read and write (scope.ts): set by dispatch from the channel's registration. */
  scope: TownshipScope;
  session: SessionDoor;
  /** The shared engine object itself (for a restore, which swaps its database). */
  engine: Engine;
}

export async function createEngine(wdb: WorkbenchDb, sessions = new SessionStore()): Promise<Engine> {
  const countyRow = await countyDivision(wdb.db);
  const townships = await listTownships(wdb.db);
  const townshipNames = new Map(townships.map((t) => [t.code, t.name]));
  const villageOwner = new Map<string, string>();
  const villageNames = new Map<string, string>();
  for (const t of townships) for (const v of t.villages) { villageOwner.set(v.code, t.code); villageNames.set(v.code, v.displayName); }
  return {
    wdb,
    sessions,
    // A PostgreSQL store has no folder of its own: this machine's data folder keeps what it writes.
    backupDir: wdb.dialect === 'postgres' ? path.join(defaultDataDir(), 'backups') : path.join(path.dirname(path.resolve(wdb.path)), 'backups'),
    grantedFolders: new Set(),
    gate: new RequestGate(),
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

export function contextFor(engine: Engine, actor: Actor, session: SessionDoor = NO_SESSION): EngineContext {
  return { ...engine, actor, scope: townshipScope(engine, actor), session, engine };
}

/** The same call narrowed to some townships (an approval computes the one township-month it freezes). */
export function narrowedTo(ctx: EngineContext, townships: readonly string[]): EngineContext {
  return { ...ctx, scope: townshipScope(ctx, townships.filter((code) => ctx.scope.has(code))) };
}

/** An engine and a context for one actor: what tests and the CLI use. */
export async function createContext(wdb: WorkbenchDb, actor: Actor = LOCAL_ADMIN): Promise<EngineContext> {
  return contextFor(await createEngine(wdb), actor);
}

/**
 * The folders restore and backups.create may use besides backups/: those the desktop's folder dialog
 * returned, or `serve --backup-folder` named. A path typed into a request cannot reach elsewhere.
 */
export function grantFolder(engine: Engine, folder: string): void {
  engine.grantedFolders.add(fs.realpathSync(path.resolve(folder)));
}
