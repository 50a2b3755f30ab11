// One way into the engine for every door (IPC, HTTP, CLI, the benchmarks): who is calling
// (session), may they call this channel (role), is the input valid (zod), then the handler with the township
// scope its registration declares, and its answer masked (masking.ts) — answering {ok, data} or
// {ok:false, error:{code, message}}, never a throw.
import { isChannel, type Channel } from '../../shared/contract/channels';
import { contract, type ApiResult } from '../../shared/contract/schemas';
import { mayCall, whoCan } from '../../shared/contract/access';
import type { KindAccess } from './registry';
import { fieldLabel } from '../../shared/domain/field-labels';
import { messageFor } from '../../shared/domain/errors';
import { ANONYMOUS, contextFor, type Engine, type EngineContext, type SessionDoor } from './context';
import { registry } from './channels';
import { operationalFailure } from './failure';
import { actorOf, findUserById } from './admin/users-repository';
import { townshipScope, undeclaredScope } from './scope';
import { maskAnswer, seesFullNumbers } from './masking';

function refusal(code: 'NOT_FOUND' | 'VALIDATION' | 'FORBIDDEN' | 'UNAUTHENTICATED', detail = ''): ApiResult<never> {
  return { ok: false, error: { code, message: messageFor(code, { detail, who: detail }) } };
}

/** A zod issue as a clerk reads it: the field's Chinese label, then what is wrong (zod-chinese.ts). */
function validationDetail(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  return issues.slice(0, 5).map((i) => {
    const named = i.path.filter((p): p is string | number => typeof p === 'string' || typeof p === 'number');
    return `${named.length ? named.map(fieldLabel).join(' ') : '输入'}${i.message}`;
  }).join('；');
}

/** Runs a channel for a known actor (the CLI, tests, and handleRequest below). */
export async function dispatch(ctx: EngineContext, channel: string, rawInput: unknown): Promise<ApiResult<unknown>> {
  if (!isChannel(channel)) return refusal('NOT_FOUND');
  const registration = registry[channel];
  if (!mayCall(ctx.actor.role, registration.access)) return refusal('FORBIDDEN', whoCan(registration.access));
  const parsed = contract[channel].input.safeParse(rawInput ?? {});
  if (!parsed.success) return refusal('VALIDATION', validationDetail(parsed.error.issues));
  const fullNumbers = seesFullNumbers(ctx.actor, registration.reveals === true);
  try {
    // Access by kind (an import of a bank's return file is for managers, a township workbook for clerks).
    const byKind = registration.byKind as KindAccess | undefined;
    const kind = byKind ? await byKind.kindOf(ctx, parsed.data) : null;
    const kindAccess = kind === null ? undefined : byKind?.access[kind];
    if (kindAccess && !mayCall(ctx.actor.role, kindAccess)) return refusal('FORBIDDEN', whoCan(kindAccess));
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
  // Through the gate: while a PostgreSQL restore swaps the database, a request waits here (request-gate.ts).
  return engine.gate.run(() => handleInside(engine, door, channel, rawInput));
}

async function handleInside(engine: Engine, door: SessionDoor, channel: Channel, rawInput: unknown): Promise<ApiResult<unknown>> {
  const userId = engine.sessions.resolve(door.token());
  const user = userId === null ? undefined : await findUserById(engine.wdb.db, userId);
  if (user?.disabled) engine.sessions.endAllFor(user.id);
  const actor = user && !user.disabled ? actorOf(user) : null;
  if (!actor && registry[channel].access !== 'public') return refusal('UNAUTHENTICATED');
  return dispatch(contextFor(engine, actor ?? ANONYMOUS, door), channel, rawInput);
}
