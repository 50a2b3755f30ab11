// Township scope of an import, row by row: a clerk (an actor with townships) may import only rows of their
// own townships. A row that would create or change a record of another township is rejected with
// OUT_OF_SCOPE naming that township, so nothing outside the clerk's scope is ever written. Every kind
// calls this one function for every township a row touches (the row's and, for an update, the stored one).
import { workbenchError, type WorkbenchError } from '../../../shared/domain/errors';
import { inScope, type EngineContext } from '../context';

/** The refusal for a row of this township, or null when the actor may write it. */
export function scopeRefusal(ctx: EngineContext, townshipCode: string): WorkbenchError | null {
  if (inScope(ctx.actor, townshipCode)) return null;
  return workbenchError('OUT_OF_SCOPE', { township: ctx.divisions.townshipNameOf(townshipCode) || townshipCode });
}
