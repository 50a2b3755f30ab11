// IPC registration: one handler per contract channel. Each call is checked in this order:
// the sender is our own window's page → the input parses with the channel's zod schema → the engine runs.
// Kept free of the 'electron' import so it can be tested with a fake ipcMain.
import { CHANNELS } from '../../shared/contract/channels';
import type { ApiResult } from '../../shared/contract/schemas';
import { messageFor } from '../../shared/domain/errors';

export interface IpcLike {
  handle(channel: string, listener: (event: IpcEventLike, input: unknown) => Promise<unknown>): void;
}
export interface IpcEventLike {
  senderFrame: { url: string } | null;
  sender: { id: number };
}

/** Runs a channel for the window that sent it (the window's id keys its login session). */
export type Dispatch = (channel: string, input: unknown, windowId: number) => Promise<ApiResult<unknown>>;

/** Only pages we loaded ourselves may call: the packaged renderer's app:// origin (or the dev file URL). */
export function isTrustedUrl(url: string, trustedOrigins: readonly string[]): boolean {
  try {
    const parsed = new URL(url);
    // URL.origin is "null" for custom schemes such as app://, so compare scheme and host ourselves.
    const origin = `${parsed.protocol}//${parsed.host}`;
    return trustedOrigins.some((trusted) => (trusted === 'file://' ? parsed.protocol === 'file:' : origin === trusted));
  } catch {
    return false;
  }
}

export function registerIpc(ipc: IpcLike, dispatch: Dispatch, trustedOrigins: readonly string[]): void {
  for (const channel of CHANNELS) {
    ipc.handle(channel, async (event, input) => {
      const url = event.senderFrame?.url ?? '';
      if (!isTrustedUrl(url, trustedOrigins)) {
        return { ok: false, error: { code: 'UNTRUSTED_SENDER', message: messageFor('UNTRUSTED_SENDER') } } satisfies ApiResult<never>;
      }
      return dispatch(channel, input, event.sender.id);
    });
  }
}
