// The messages between the desktop app's main process and the engine process (an Electron utilityProcess).
// Plain structured-clone data, so the same messages travel over a MessagePort, a utilityProcess or a forked
// Node child. The window's login token never leaves the engine process: main names windows by id only.
import type { ApiError, ApiResult } from '../../shared/contract/schemas';

export type ToEngine =
  /** A contract call from the window `windowId` (its session decides who is calling). */
  | { type: 'call'; id: number; windowId: number; channel: string; input: unknown }
  /** A folder the user chose in the desktop's folder dialog: backups may be written there and restored from it. */
  | { type: 'grant'; id: number; folder: string }
  /** The window closed: forget its session. */
  | { type: 'forget'; windowId: number }
  /** Close the database and stop. */
  | { type: 'shutdown' };

export type FromEngine =
  | { type: 'ready'; db: string }
  /** The engine could not start (e.g. a database from a newer version): the coded reason, for a dialog. */
  | { type: 'failed'; error: ApiError }
  | { type: 'result'; id: number; result: ApiResult<unknown> }
  | { type: 'closed' };

/** The least a message channel must offer: Node's MessagePort, Electron's parentPort or utilityProcess, a child process. */
export interface MessageEnd<In, Out> {
  postMessage(message: Out): void;
  onMessage(listener: (message: In) => void): void;
}
