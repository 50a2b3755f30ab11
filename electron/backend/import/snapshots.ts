// The snapshot of a batch (import_snapshots.rows_gz): every accepted row as the file said it, kept for
// 与上次对比. Stored as gzipped JSON in columns — {"fields":[names…],"rows":[[key, label, value…]…]}, a
// field's name written once rather than on each of 100,000 rows — compressed a chunk of rows at a time
// (gzip members concatenated are one gzip stream to every reader), so the whole text of 100,000 rows is
// never held at once. A commit of 20,000 rows or more compresses it on a worker thread
// (encodeSnapshotAside) while the rows are written: this thread lays the rows out and writes their JSON,
// and moves each chunk's UTF-8 bytes to the worker, so the worker's own memory stays small. (Compressing
// on libuv's threads instead overlapped little and grew the process by ~50 MB, each thread's allocator
// arena.) Batches written before the columns hold a plain array of SnapshotRow; both read back the same.
import zlib from 'node:zlib';
import { MessageChannel, Worker, receiveMessageOnPort } from 'node:worker_threads';
import type { SnapshotRow } from './kind';

/** Rows per gzip member. */
const CHUNK_ROWS = 5000;

/** Rows laid out in columns: [key, label, value of each field in the order first seen…] (null where a row has no such field). */
class Columns {
  readonly fields: string[] = [];
  private readonly column = new Map<string, number>();

  values(row: SnapshotRow): (string | null)[] {
    const values: (string | null)[] = [row.key, row.label];
    for (const [name, value] of Object.entries(row.fields)) {
      let at = this.column.get(name);
      if (at === undefined) { at = this.fields.length; this.fields.push(name); this.column.set(name, at); }
      while (values.length < at + 2) values.push(null); // a field this row does not have
      values[at + 2] = value;
    }
    return values;
  }
}

/** The text of one gzip member: the opening with the first chunk, a comma before each later one, the fields last. */
function memberText(rows: readonly (readonly (string | null)[])[], first: boolean, fields?: readonly string[]): string {
  // The chunk's rows as one array's JSON without its brackets (one call, not one per row and a join).
  const body = rows.length > 0 ? `${first ? '{"rows":[' : ','}${JSON.stringify(rows).slice(1, -1)}` : first ? '{"rows":[' : '';
  return fields ? `${body}],"fields":${JSON.stringify(fields)}}` : body;
}

const gzip = (text: string | Uint8Array) => zlib.gzipSync(text, { level: 1 });

/**
 * The stored bytes made a row at a time, on this thread, each chunk's text compressed as soon as it is made:
 * a kind that judges rows as the sheet is read (people) adds each accepted row then, so the write step has
 * only to store the bytes.
 */
export class SnapshotEncoder {
  private readonly columns = new Columns();
  private readonly members: Buffer[] = [];
  private chunk: (string | null)[][] = [];
  private done: Buffer | null = null;

  /** `fields`: a kind whose rows all have the same fields, in this order, adds them with addValues. */
  constructor(private readonly fields?: readonly string[]) {}

  add(row: SnapshotRow): void {
    this.push(this.columns.values(row));
  }

  /** A row as [key, label, each of the fields given to the constructor, in order]. */
  addValues(values: (string | null)[]): void {
    this.push(values);
  }

  private push(values: (string | null)[]): void {
    this.chunk.push(values);
    if (this.chunk.length === CHUNK_ROWS) { this.members.push(gzip(memberText(this.chunk, this.members.length === 0))); this.chunk = []; }
  }

  /** The bytes of every row added (no row may be added after). */
  bytes(): Buffer {
    if (!this.done) {
      this.members.push(gzip(memberText(this.chunk, this.members.length === 0, this.fields ?? this.columns.fields)));
      this.done = Buffer.concat(this.members);
      this.members.length = 0;
      this.chunk = [];
    }
    return this.done;
  }
}

/** The rows' stored bytes, on this thread. */
export function encodeSnapshot(rows: Iterable<SnapshotRow>): Buffer {
  const encoder = new SnapshotEncoder();
  for (const row of rows) encoder.add(row);
  return encoder.bytes();
}

// The worker compresses each member's text as it comes (UTF-8 bytes, moved to it, not copied) and, after the
// last, sends the bytes back on the port and sets the shared flag, which take() waits on. Plain JavaScript
// evaluated as the worker's script, so it runs the same from the sources (tsx, vitest) and from the built
// bundles, with no file to find.
const WORKER = `
const { workerData } = require('node:worker_threads');
const zlib = require('node:zlib');
const { port, flag } = workerData;
const members = [];
port.on('message', (message) => {
  try {
    members.push(zlib.gzipSync(message.text, { level: 1 }));
    if (!message.last) return;
    port.postMessage({ bytes: Buffer.concat(members) });
  } catch (error) {
    port.postMessage({ error: String((error && error.stack) || error) });
  }
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
  port.close();
});
`;

const WORKER_LIMITS = { maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: 256 };

/** Fewer rows are compressed on this thread: a few milliseconds, less than starting a worker costs. */
export const ASIDE_FROM_ROWS = 20_000;

/** How long a commit waits for the worker's bytes before it gives up (and writes nothing). */
const WORKER_WAIT_MS = 120_000;

export interface SnapshotAside {
  /** The bytes, waiting (blocking this thread, not yielding to other requests) for the worker to finish. */
  take(): Buffer;
}

/**
 * The same bytes as encodeSnapshot, compressed on a worker thread: this thread lays the rows out in columns,
 * writes each chunk's JSON and moves its bytes to the worker, which compresses them while this thread goes on.
 * take() waits for it synchronously, so a commit that takes the bytes inside its write transaction never
 * lets another request's statements run there. count: the rows there are (fewer than ASIDE_FROM_ROWS are
 * encoded here at once).
 */
export function encodeSnapshotAside(rows: Iterable<SnapshotRow>, count: number): SnapshotAside {
  if (count < ASIDE_FROM_ROWS) {
    const bytes = encodeSnapshot(rows);
    return { take: () => bytes };
  }
  const flag = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  // No execArgv: the worker needs no loader (tsx in development and tests) and starts faster without.
  // A small young generation: the worker's garbage is each chunk's text, and the process's peak RSS is the
  // import's budget (SPEC §7).
  const worker = new Worker(WORKER, { eval: true, execArgv: [], workerData: { port: port2, flag }, transferList: [port2], resourceLimits: WORKER_LIMITS });
  worker.unref();
  const columns = new Columns();
  let chunk: (string | null)[][] = [];
  let first = true;
  const post = (last: boolean) => {
    const text = Buffer.from(memberText(chunk, first, last ? columns.fields : undefined));
    // A Buffer of its own memory (not a slice of the shared pool) can be moved.
    const movable = text.byteOffset === 0 && text.byteLength === text.buffer.byteLength;
    port1.postMessage({ text, last }, movable ? [text.buffer] : []);
    chunk = [];
    first = false;
  };
  for (const row of rows) {
    chunk.push(columns.values(row));
    if (chunk.length === CHUNK_ROWS) post(false);
  }
  post(true);
  let taken: Buffer | null = null;
  return {
    take() {
      if (taken) return taken;
      try {
        if (Atomics.wait(flag, 0, 0, WORKER_WAIT_MS) === 'timed-out') throw new Error('snapshot worker did not answer');
        const reply = receiveMessageOnPort(port1)?.message as { bytes?: Uint8Array; error?: string } | undefined;
        if (!reply?.bytes) throw new Error(`snapshot worker failed: ${reply?.error ?? 'no reply'}`);
        taken = Buffer.from(reply.bytes.buffer, reply.bytes.byteOffset, reply.bytes.byteLength);
        return taken;
      } finally {
        port1.close();
        void worker.terminate();
      }
    },
  };
}

export function decodeSnapshot(bytes: Buffer): SnapshotRow[] {
  const parsed = JSON.parse(zlib.gunzipSync(bytes).toString('utf8')) as SnapshotRow[] | { fields: string[]; rows: (string | null)[][] };
  if (Array.isArray(parsed)) return parsed;
  return parsed.rows.map((values) => {
    const fields: Record<string, string> = {};
    parsed.fields.forEach((name, i) => { const value = values[i + 2]; if (value !== null && value !== undefined) fields[name] = value; });
    return { key: values[0]!, label: values[1]!, fields };
  });
}
