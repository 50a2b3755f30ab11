// One way into the engine for every door (IPC, HTTP, CLI): validate the input with the contract's zod
// schema, run the handler, and answer {ok, data} or {ok:false, error:{code, message}} — never a throw.
import { isChannel } from '../../shared/contract/channels';
import { contract, type ApiResult } from '../../shared/contract/schemas';
import { messageFor } from '../../shared/domain/errors';
import type { EngineContext } from './context';
import { handlers } from './handlers/index';
import { WorkbenchFailure } from './failure';

export async function dispatch(ctx: EngineContext, channel: string, rawInput: unknown): Promise<ApiResult<unknown>> {
  if (!isChannel(channel)) return { ok: false, error: { code: 'NOT_FOUND', message: messageFor('NOT_FOUND') } };
  const parsed = contract[channel].input.safeParse(rawInput ?? {});
  if (!parsed.success) {
    const detail = parsed.error.issues.map((i) => `${i.path.join('.') || '输入'}: ${i.message}`).join('; ');
    return { ok: false, error: { code: 'VALIDATION', message: messageFor('VALIDATION', { detail }) } };
  }
  try {
    const handler = handlers[channel] as (c: EngineContext, input: unknown) => Promise<unknown>;
    return { ok: true, data: await handler(ctx, parsed.data) };
  } catch (error) {
    if (error instanceof WorkbenchFailure) return { ok: false, error: error.toError() };
    console.error(`[engine] ${channel} failed:`, error);
    return { ok: false, error: { code: 'INTERNAL', message: messageFor('INTERNAL', { detail: (error as Error).message }) } };
  }
}
