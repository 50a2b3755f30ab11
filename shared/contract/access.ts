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

/** May a caller of this role call a channel registered with this access? */
export function mayCall(role: Role | null, access: Access): boolean {
  if (access === 'public') return true;
  if (role === null) return false;
  return access === 'any' || access.includes(role);
}
