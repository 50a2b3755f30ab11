// The main process's side of the engine process: each window's contract call becomes a numbered message,
// and the engine's answer resolves it. Kept free of the 'electron' import so it is tested over a Node
// MessageChannel; main.ts hands it the utilityProcess.
import type { ApiError, ApiResult } from '../../shared/contract/schemas';
import { messageFor } from '../../shared/domain/errors';
import type { FromEngine, MessageEnd, ToEngine } from '../utility/protocol';

export interface EngineRelay {
  /** Resolves once the engine has opened its database, or with the coded reason it could not. */
  readonly started: Promise<{ ok: true; db: string } | { ok: false; error: ApiError }>;
  call(channel: string, input: unknown, windowId: number): Promise<ApiResult<unknown>>;
  /** Grants the engine a folder the user chose in the folder dialog (the engine answers with its real path). */
  grant(folder: string): Promise<ApiResult<{ folder: string }>>;
  forget(windowId: number): void;
  /** Asks the engine to finish running calls and close the database; resolves when it has. */
  shutdown(): Promise<void>;
  /** The engine process ended (crash or exit): every waiting and later call is answered ENGINE_STOPPED. */
  stopped(reason: string): void;
}

export function createEngineRelay(port: MessageEnd<FromEngine, ToEngine>): EngineRelay {
  let nextId = 1;
  const pending = new Map<number, (result: ApiResult<unknown>) => void>();
  let stoppedBecause: string | null = null;
  let markStarted!: (value: Awaited<EngineRelay['started']>) => void;
  const started = new Promise<Awaited<EngineRelay['started']>>((resolve) => { markStarted = resolve; });
  let markClosed!: () => void;
  const closed = new Promise<void>((resolve) => { markClosed = resolve; });
  const stoppedResult = (): { ok: false; error: ApiError } => ({ ok: false, error: { code: 'ENGINE_STOPPED', message: messageFor('ENGINE_STOPPED', { detail: stoppedBecause ?? '' }) } });

  port.onMessage((message) => {
    if (message.type === 'ready') markStarted({ ok: true, db: message.db });
    else if (message.type === 'failed') markStarted({ ok: false, error: message.error });
    else if (message.type === 'closed') markClosed();
    else if (message.type === 'result') {
      const resolve = pending.get(message.id);
      pending.delete(message.id);
      resolve?.(message.result);
    }
  });

  /** Sends a numbered message; its answer (or the engine stopping) resolves the promise. */
  const ask = (message: (id: number) => ToEngine): Promise<ApiResult<unknown>> => {
    if (stoppedBecause !== null) return Promise.resolve(stoppedResult());
    const id = nextId++;
    return new Promise((resolve) => {
      pending.set(id, resolve);
      port.postMessage(message(id));
    });
  };

  return {
    started,
    call(channel, input, windowId) {
      return ask((id) => ({ type: 'call', id, windowId, channel, input }));
    },
    grant(folder) {
      return ask((id) => ({ type: 'grant', id, folder })) as Promise<ApiResult<{ folder: string }>>;
    },
    forget(windowId) {
      if (stoppedBecause === null) port.postMessage({ type: 'forget', windowId });
    },
    shutdown() {
      if (stoppedBecause !== null) return Promise.resolve();
      port.postMessage({ type: 'shutdown' });
      return closed;
    },
    stopped(reason) {
      stoppedBecause = reason;
      markStarted({ ok: false, error: stoppedResult().error });
      markClosed();
      for (const resolve of pending.values()) resolve(stoppedResult());
      pending.clear();
    },
  };
}
