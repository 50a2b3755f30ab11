// Role and township checks for the posts, placements and policy handlers. A clerk works only in the
// townships assigned (SPEC §8); policies are the administrator's; plans are raised by a manager.
import type { EngineContext, Role } from './context';
import { WorkbenchFailure } from './failure';

export function requireRole(ctx: EngineContext, roles: readonly Role[]): void {
  if (!roles.includes(ctx.actor.role)) throw new WorkbenchFailure('FORBIDDEN');
}

export function mayWorkIn(ctx: EngineContext, townshipCode: string): boolean {
  return ctx.actor.townships === null || ctx.actor.townships.includes(townshipCode);
}

export function requireTownship(ctx: EngineContext, townshipCode: string): void {
  if (!mayWorkIn(ctx, townshipCode)) throw new WorkbenchFailure('FORBIDDEN');
}
