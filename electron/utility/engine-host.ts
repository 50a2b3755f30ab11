// The engine's side of the desktop app: opens the database and answers the main process's messages.
// Runs in Electron's utilityProcess, so imports, payroll and reports never block the window; written
// against a MessageEnd so it runs the same over a Node MessageChannel or a forked child in tests.
import fs from 'node:fs';
import { handleRequest } from '../backend/dispatch';
import { startEngine } from '../backend/engine';
import { grantFolder, type Engine } from '../backend/context';
import { WorkbenchFailure } from '../backend/failure';
import { messageFor } from '../../shared/domain/errors';
import type { ApiError, ApiResult } from '../../shared/contract/schemas';
import type { FromEngine, MessageEnd, ToEngine } from './protocol';

/** A coded error for the main process: ours as they are, anything else as INTERNAL. */
function startFailure(error: unknown): ApiError {
  if (error instanceof WorkbenchFailure) return error.toError();
  return { code: 'INTERNAL', message: messageFor('INTERNAL', { detail: (error as Error).message }) };
}

/** A folder chosen in the desktop's folder dialog, granted for backups (context.ts grantFolder): its real path. */
function grant(engine: Engine, folder: string): ApiResult<{ folder: string }> {
  try {
    if (!fs.statSync(folder).isDirectory()) throw new Error('不是文件夹');
    grantFolder(engine, folder);
    return { ok: true, data: { folder: fs.realpathSync(folder) } };
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    return { ok: false, error: { code: 'FOLDER_UNAVAILABLE', message: messageFor('FOLDER_UNAVAILABLE', { path: folder, detail: e.code === 'ENOENT' ? '文件夹不存在' : e.message }) } };
  }
}

/**
 * Serves one engine over `port` until told to shut down. `open` starts the engine (the real one opens the
 * database file); calls that arrive while it starts wait for it. Resolves when the engine has closed.
 */
export function serveEngine(port: MessageEnd<ToEngine, FromEngine>, open: () => Promise<Engine>): Promise<void> {
  // Each window keeps its own login session; the token stays in this process.
  const tokens = new Map<number, string>();
  const started: Promise<Engine | ApiError> = open().then(
    (engine) => { port.postMessage({ type: 'ready', db: engine.wdb.path }); return engine; },
    (error: unknown) => { const failure = startFailure(error); port.postMessage({ type: 'failed', error: failure }); return failure; },
  );
  // Calls still running when shutdown comes are let finish before the database closes.
  const running = new Set<Promise<void>>();
  const answer = async (message: Exclude<ToEngine, { type: 'shutdown' }>): Promise<void> => {
    const engine = await started;
    if (message.type === 'forget') { tokens.delete(message.windowId); return; }
    if (message.type === 'grant') { port.postMessage({ type: 'result', id: message.id, result: 'wdb' in engine ? grant(engine, message.folder) : { ok: false, error: engine } }); return; }
    const door = {
      token: () => tokens.get(message.windowId),
      setToken: (token: string | undefined) => { if (token) tokens.set(message.windowId, token); else tokens.delete(message.windowId); },
    };
    // handleRequest answers every refusal and failure itself; a throw here would be a bug, still answered.
    const result = 'wdb' in engine
      ? await handleRequest(engine, door, message.channel, message.input).catch((error: unknown) => ({ ok: false as const, error: startFailure(error) }))
      : { ok: false as const, error: engine };
    port.postMessage({ type: 'result', id: message.id, result });
  };
  return new Promise((resolve) => {
    port.onMessage((message) => {
      if (message.type === 'shutdown') {
        void (async () => {
          const engine = await started;
          await Promise.all(running);
          if ('wdb' in engine) await engine.wdb.close();
          port.postMessage({ type: 'closed' });
          resolve();
        })();
        return;
      }
      const work = answer(message);
      running.add(work);
      void work.finally(() => running.delete(work));
    });
  });
}

/** The real engine for a database file: created on first run like the desktop app always did. */
export function serveDatabase(port: MessageEnd<ToEngine, FromEngine>, file: string): Promise<void> {
  return serveEngine(port, () => startEngine(file, { createIfMissing: true }));
}
