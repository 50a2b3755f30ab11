// The renderer's one way to the engine: window.api in Electron (preload), HTTP to `workbench serve` in a
// browser. Both return {ok, data} | {ok:false, error}; screens never know which door they used.
import { CHANNELS, type Channel } from '../../shared/contract/channels';
import type { Api, ApiResult, ChannelInput, ChannelOutput } from '../../shared/contract/schemas';
import type { DesktopApi } from '../../shared/contract/desktop';

declare global {
  interface Window { api?: Api; desktop?: DesktopApi }
}

function httpApi(): Api {
  const entries = CHANNELS.map((channel) => [channel, async (input: unknown) => {
    try {
      const response = await fetch(`/api/${channel}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(input ?? {}) });
      // Refusals (401, 400, 409, 503 …) come as JSON with a code and a Chinese message.
      if ((response.headers.get('content-type') ?? '').startsWith('application/json')) return (await response.json()) as ApiResult<unknown>;
      return { ok: false, error: { code: 'HTTP', message: `服务器返回 ${response.status}` } };
    } catch (error) {
      // The browser's own words ("Failed to fetch") tell a clerk nothing: they go to the console only.
      console.warn(`/api/${channel}:`, error);
      return { ok: false, error: { code: 'OFFLINE', message: '无法连接工作台服务：网络中断，或服务已停止。请确认工作台服务仍在运行，然后重试。' } };
    }
  }]);
  return Object.fromEntries(entries) as Api;
}

export const api: Api = window.api ?? httpApi();

/** Calls a channel and throws the engine's error (with its Chinese message) when it refuses. */
export async function call<K extends Channel>(channel: K, input: ChannelInput<K>): Promise<ChannelOutput<K>> {
  const fn = api[channel] as (i: ChannelInput<K>) => Promise<ApiResult<ChannelOutput<K>>>;
  const result = await fn(input);
  if (!result.ok) {
    // The session ended (idle 30 minutes, logged out elsewhere, account disabled): back to the login screen.
    if (result.error.code === 'UNAUTHENTICATED') window.dispatchEvent(new CustomEvent(SESSION_ENDED));
    throw new ApiFailure(result.error.code, result.error.message, result.error.details);
  }
  return result.data;
}

/** What only the desktop shell does (print to PDF, the folder dialog); null in a browser. */
export const desktop: DesktopApi | null = window.desktop ?? null;

/** A desktop call's answer, or its Chinese message thrown. */
export async function desktopCall<T>(result: Promise<ApiResult<T>>): Promise<T> {
  const answer = await result;
  if (!answer.ok) throw new ApiFailure(answer.error.code, answer.error.message, answer.error.details);
  return answer.data;
}

export const SESSION_ENDED = 'workbench:session-ended';

export class ApiFailure extends Error {
  constructor(readonly code: string, message: string, readonly details?: unknown) { super(message); }
}
