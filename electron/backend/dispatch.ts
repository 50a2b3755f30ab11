// One way into the engine for every door (IPC, HTTP, CLI): who is calling (session), may they call this
// channel (role), is the input valid (zod), then the handler — answering {ok, data} or
// {ok:false, error:{code, message}}, never a throw.
import { isChannel } from '../../shared/contract/channels';
import { contract, type ApiResult } from '../../shared/contract/schemas';
import { mayCall } from '../../shared/contract/access';
import { messageFor } from '../../shared/domain/errors';
import { ANONYMOUS, contextFor, type Engine, type EngineContext, type SessionDoor } from './context';
import { registry } from './channels';
import { operationalFailure } from './failure';
import { actorOf, findUserById } from './admin/users-repository';

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
  try {
    const handler = registration.handler as (c: EngineContext, input: unknown) => Promise<unknown>;
    return { ok: true, data: await handler(ctx, parsed.data) };
  } catch (error) {
    const failure = operationalFailure(error);
    if (failure) return { ok: false, error: failure.toError() };
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
