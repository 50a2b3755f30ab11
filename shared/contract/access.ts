// Roles (SPEC §1) and the access a channel is registered with. Each feature of the engine declares its
// channels' access where it registers them (electron/backend/*/channels.ts); dispatch enforces it for every
// door, and the UI receives the same table (app.access) only to hide what would be refused.

import type { Role } from '../domain/roles';

export type { Role };
export type Access = 'public' | 'any' | readonly Role[];

/** 审核员 and administrators: approvals, plans, the city reports. */
export const MANAGERS: readonly Role[] = ['manager', 'admin'];
export const ADMINS: readonly Role[] = ['admin'];
/** 录入员 and administrators: the people who enter and import data. */
export const EDITORS: readonly Role[] = ['clerk', 'admin'];

export { ROLE_NAMES, whoCan } from '../domain/roles';

/**
 * Who may import each kind of file (issue 12): the township workbooks are entered by 录入员 (and
 * administrators); a bank's return file answers a county payment batch, so it is for those who make batches
 * (审核员 and administrators). The import channels are registered with this table (import/channels.ts:
 * dispatch checks the kind an input names, or the kind of the batch an undo names); the import screen offers
 * a role only its kinds.
 */
export const IMPORT_ACCESS = {
  people: EDITORS, employment: EDITORS, placements: EDITORS, attendance: EDITORS, 'bank-return': MANAGERS,
} as const satisfies Record<string, readonly Role[]>;
export type ImportKindName = keyof typeof IMPORT_ACCESS;

/** Every role that may import some kind: the import channels' own access. */
export const IMPORTERS: readonly Role[] = [...new Set(Object.values(IMPORT_ACCESS).flat())];

/** The kinds a role may import, in the table's order. */
export function importKindsFor(role: Role | null): ImportKindName[] {
  return (Object.keys(IMPORT_ACCESS) as ImportKindName[]).filter((kind) => mayCall(role, IMPORT_ACCESS[kind]));
}

/** May a caller of this role call a channel registered with this access? */
export function mayCall(role: Role | null, access: Access): boolean {
  if (access === 'public') return true;
  if (role === null) return false;
  return access === 'any' || access.includes(role);
}
