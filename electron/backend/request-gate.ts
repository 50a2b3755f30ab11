// The gate every window's request passes (handleRequest): normally open. A restore of a PostgreSQL store
// closes it — new requests wait at the gate, the ones already running are let finish — so the server's
// pool can be closed, the database replaced by pg_restore and a new pool opened, without a request meeting
// a closed pool half-way. (A SQLite restore needs none of this: it runs synchronously, holding the file.)
import { AsyncLocalStorage } from 'node:async_hooks';
import { WorkbenchFailure } from './failure';

export class RequestGate {
  private active = 0;
  private closed: Promise<void> | null = null;
  private drained: (() => void) | null = null;
  // Marks the requests running through this gate, so the restore's own request is not waited for.
  private readonly inside = new AsyncLocalStorage<true>();

  constructor(private readonly drainTimeoutMs = 30_000) {}

  /** Runs one request: waits while the gate is closed, and counts it as running until it answers. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    while (this.closed) await this.closed;
    this.active += 1;
    try {
      return await this.inside.run(true, work);
    } finally {
      this.active -= 1;
      this.drained?.();
    }
  }

  /**
   * Runs `work` alone: the gate closes, the requests already running finish (the caller's own excepted),
   * then `work`, then the gate opens again. A second at the same time, or requests that do not finish
   * within the timeout, are refused with DB_BUSY and nothing is done.
   */
  async exclusive<T>(work: () => Promise<T>): Promise<T> {
    if (this.closed) throw new WorkbenchFailure('DB_BUSY');
    let open!: () => void;
    this.closed = new Promise<void>((resolve) => { open = resolve; });
    const own = this.inside.getStore() ? 1 : 0;
    try {
      const deadline = Date.now() + this.drainTimeoutMs;
      while (this.active > own) {
        const left = deadline - Date.now();
        if (left <= 0) throw new WorkbenchFailure('DB_BUSY');
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, left);
          this.drained = () => { clearTimeout(timer); resolve(); };
        });
        this.drained = null;
      }
      return await work();
    } finally {
      this.closed = null;
      open();
    }
  }

  /** True while a restore holds the gate (tests). */
  get isClosed(): boolean {
    return this.closed !== null;
  }
}
