// One way into the engine for every door (IPC, HTTP, CLI, the benchmarks): who is calling
// (session), may they call this channel (role), is the input valid (zod), then the handler with the township
// scope its registration declares, and its answer masked (masking.ts) — answering {ok, data} or
// {ok:false, error:{code, message}}, never a throw.
import { isChannel } from '../../shared/contract/channels';
import { contract, type ApiResult } from '../../shared/contract/schemas';
import { mayCall } from '../../shared/contract/access';
import { messageFor } from '../../shared/domain/errors';
import { ANONYMOUS, contextFor, type Engine, type EngineContext, type SessionDoor } from './context';
import { registry } from './channels';
import { operationalFailure } from './failure';
import { actorOf, findUserById } from './admin/users-repository';
import { townshipScope, undeclaredScope } from './scope';
import { maskAnswer, seesFullNumbers } from './masking';

function refusal(code: 'NOT_FOUND' | 'VALIDATION' | 'FORBIDDEN' | 'UNAUTHENTICATED', detail = ''): ApiResult<never> {
  return { ok: false, error: { code, message: messageFor(code, { detail }) } };
}

/** Runs a channel for a known actor (the CLI, tests, and handleRequest below). */
export async function dispatch(ctx: EngineContext, channel: string, rawInput: unknown): Promise<ApiResult<unknown>> {
  if (!isChannel(channel)) return refusal('NOT_FOUND');
  const registration = registry[channel];
  if (!mayCall(ctx.actor.role, registration.access)) return refusal('FORBIDDEN');
  const parsed = contract[channel].input.safeParse(rawInput ?? {});
  if (!parsed.success) {
    return refusal('VALIDATION', parsed.error.issues.map((i) => `${i.path.join('.') || '输入'}: ${i.message}`).join('; '));
  }
  const fullNumbers = seesFullNumbers(ctx.actor, registration.reveals === true);
  try {
    const handler = registration.handler as (c: EngineContext, input: unknown) => Promise<unknown>;
    // `scoped` and `scopedWrite` handlers work in the actor's townships; a `county` handler may not use scope.
    const scope = registration.scope === 'county' ? undeclaredScope(channel) : townshipScope(ctx, ctx.actor);
    // A write that names its township is refused here when the township is not the actor's.
    const named = (parsed.data as { townshipCode?: unknown }).townshipCode;
    if (registration.scope === 'scopedWrite' && typeof named === 'string') scope.require(named);
    const data = await handler({ ...ctx, scope }, parsed.data);
    return { ok: true, data: fullNumbers ? data : maskAnswer(data) };
  } catch (error) {
    const failure = operationalFailure(error);
    if (failure) return { ok: false, error: fullNumbers ? failure.toError() : maskAnswer(failure.toError()) };
    console.error(`[engine] ${channel} failed:`, error);
    return { ok: false, error: { code: 'INTERNAL', message: messageFor('INTERNAL', { detail: (error as Error).message }) } };
  }
}

/** A call from a logged-in window (HTTP or IPC): the session decides the actor; no session, no data. */
export async function handleRequest(engine: Engine, door: SessionDoor, channel: string, rawInput: unknown): Promise<ApiResult<unknown>> {
  if (!isChannel(channel)) return refusal('NOT_FOUND');
  const userId = engine.sessions.resolve(door.token());
  const user = userId === null ? undefined : await findUserById(engine.wdb.db, userId);
  if (user?.disabled) engine.sessions.endAllFor(user.id);
  const actor = user && !user.disabled ? actorOf(user) : null;
  if (!actor && registry[channel].access !== 'public') return refusal('UNAUTHENTICATED');
  return dispatch(contextFor(engine, actor ?? ANONYMOUS, door), channel, rawInput);
}
