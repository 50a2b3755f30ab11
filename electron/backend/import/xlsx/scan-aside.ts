// A large sheet is read on a worker thread while this thread judges the rows already read (analyse.ts):
// reading 100,000 rows (inflating and scanning the XML) takes about as long as judging them, and the two
// overlap on a second core instead of running one after the other. The worker posts each piece of rows as
// it reads it; they come here by structured clone, in sheet order, and each is handed on — and awaited —
// in turn. A shared string comes as its index into this thread's strings (read when the workbook was
// opened), not as a copy: the worker reads no strings and this thread holds each once, as when it reads
// the sheet itself. A small sheet is read here: a worker costs more to start than its rows take to read.
import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ErrorCode } from '../../../../shared/domain/errors';
import type { MergeRange, SheetRowData } from '../../../../shared/domain/import-headers';
import { WorkbenchFailure } from '../../failure';
import { resolveSharedStrings } from './sheet';
import { startsAsZip } from './zip';

/**
 * A sheet part at least this large (uncompressed XML; ~45,000 rows of 20 columns) is read on a worker.
 * Measured: a worker's start and its cold code cost ~150 ms; a 10,000-row sheet read here takes ~150 ms
 * in all, on a worker ~300. WORKBENCH_XLSX_ASIDE_FROM_BYTES lowers it (tests of the worker path).
 */
export function asideFromBytes(): number {
  return Number(process.env.WORKBENCH_XLSX_ASIDE_FROM_BYTES) || 32 * 1024 * 1024;
}

export interface ScanRequest { bytes: Uint8Array; sheet: string }
export type ScanReply =
  /** A piece of rows; each shared string's cell null, named in refs by [row in the piece, column, index]. */
  | { rows: SheetRowData[]; refs: Uint32Array }
  | { merges: MergeRange[] }
  | { failure: { code: ErrorCode; message: string } }
  | { error: string };

/**
 * The worker's script: the built bundle beside this one (dist/xlsx-scan.cjs; in the packaged app unpacked
 * from the asar, where a worker cannot read its script), else the source through tsx's require hook
 * (development, tests, benchmarks); null when neither is there.
 */
function workerScript(): { script: string; eval: boolean } | null {
  // The benchmark runs the engine from its sources but measures the worker as shipped, the built bundle
  // (tsx compiling the sources in the worker would add its start-up to every measurement).
  const chosen = process.env.WORKBENCH_XLSX_WORKER;
  if (chosen) return { script: chosen, eval: false };
  for (const dir of [__dirname.replace(/app\.asar(?=[\\/]|$)/, 'app.asar.unpacked'), __dirname]) {
    const built = path.join(dir, 'xlsx-scan.cjs');
    if (fs.existsSync(built)) return { script: built, eval: false };
  }
  const source = path.join(__dirname, 'scan-worker.ts');
  if (fs.existsSync(source)) return { script: `require('tsx/cjs'); require(${JSON.stringify(source)});`, eval: true };
  return null;
}

/**
 * Reads the sheet `name` of the workbook `bytes` on a worker, handing its rows to onRows piece by piece;
 * resolves with its merged ranges, or rejects with the reader's refusal (the same WorkbenchFailure as read
 * here). Null when no worker script is there; a worker that fails before it answers rejects with
 * WorkerUnavailable (the caller reads the sheet here then).
 */
export function scanAside(bytes: Buffer, name: string, sharedStrings: readonly string[], onRows: (rows: SheetRowData[]) => void | Promise<void>): Promise<{ merges: MergeRange[] }> | null {
  const found = workerScript();
  if (!found) return null;
  // Bytes in shared memory (an upload's, shareable()) are read by the worker where they are; others are
  // copied for it, and the copy moved to it.
  const shared = bytes.buffer instanceof SharedArrayBuffer;
  const view = shared ? new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) : new Uint8Array(bytes);
  return new Promise((resolve, reject) => {
    let worker: Worker;
    try {
      worker = new Worker(found.script, {
        eval: found.eval, workerData: { bytes: view, sheet: name } satisfies ScanRequest, transferList: shared ? [] : [view.buffer as ArrayBuffer],
        // Not this process's flags (a loader such as tsx would load again in the worker, for nothing).
        execArgv: [],
        // No resourceLimits: a young generation capped at 8 MB measured ~60 ms slower on 100,000 rows, for
        // no peak RSS saved.
      });
    } catch (error) {
      reject(new WorkerUnavailable(error));
      return;
    }
    // Pieces are handed on one after another, each once the one before it is done.
    let handing: Promise<void> = Promise.resolve();
    let heard = false; // any answer: from then on a failure is the scan's, not the worker's start
    let answered = false; // the last answer (merged ranges or a refusal): the worker may now exit
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      void worker.terminate();
      outcome();
    };
    const after = (outcome: () => void) => handing.then(() => settle(outcome), (error: unknown) => settle(() => reject(error)));
    worker.on('message', (reply: ScanReply) => {
      heard = true;
      if ('rows' in reply) {
        handing = handing.then(async () => {
          const rows = resolveSharedStrings(reply.rows, reply.refs, sharedStrings);
          if (rows.length > 0) await onRows(rows);
        });
        // A piece whose handling failed ends the scan with that failure.
        handing.catch((error: unknown) => settle(() => reject(error)));
      } else if ('merges' in reply) {
        answered = true;
        void after(() => resolve({ merges: reply.merges }));
      } else if ('failure' in reply) {
        answered = true;
        const failure = new WorkbenchFailure(reply.failure.code);
        failure.message = reply.failure.message;
        void after(() => reject(failure));
      } else {
        answered = true;
        settle(() => reject(new Error(`sheet reader failed: ${reply.error}`)));
      }
    });
    worker.on('error', (error) => settle(() => reject(heard ? error : new WorkerUnavailable(error))));
    worker.on('exit', (code) => {
      if (!answered) settle(() => reject(heard ? new Error(`sheet reader stopped (exit code ${code})`) : new WorkerUnavailable(code)));
    });
  });
}

/**
 * An uploaded file's bytes, moved into shared memory when they may be read on a worker: the upload keeps
 * them (for the commit, the error workbook) and the worker reads the same memory, not a copy of its own.
 */
export function shareable(bytes: Buffer): Buffer {
  if (bytes.length < asideFromBytes() / 16) return bytes; // too small a file for its sheet to go aside
  if (!startsAsZip(bytes)) return bytes; // not an .xlsx package (.xls, CSV): never read aside
  const shared = Buffer.from(new SharedArrayBuffer(bytes.length));
  bytes.copy(shared);
  return shared;
}

/** The worker could not start or stopped before its first answer: nothing was handed on. */
export class WorkerUnavailable extends Error {
  constructor(cause: unknown) {
    super(`sheet reader worker unavailable: ${String((cause as Error)?.message ?? cause)}`);
  }
}
