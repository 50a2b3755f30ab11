// The worker side of scanning a large sheet (scan-aside.ts): opens the workbook from its bytes, reads the
// sheet and posts its rows a piece at a time as they are read (shared strings by index), then its merged
// ranges — or the refusal.
// Built as its own bundle (dist/xlsx-scan.cjs); run from the sources through tsx in development and tests.
import { parentPort, workerData } from 'node:worker_threads';
import { WorkbenchFailure } from '../../failure';
import { readSheet } from './sheet';
import { openWorkbook } from './workbook';
import type { ScanReply, ScanRequest } from './scan-aside';

const port = parentPort!;
const post = (reply: ScanReply) => port.postMessage(reply);

async function scan({ bytes, sheet: name }: ScanRequest): Promise<void> {
  // The shared strings are not read here: the main thread has them (it opened the workbook to list its
  // sheets), and a cell names its string by index — no second copy of every string, here or there.
  const workbook = openWorkbook(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), { withoutSharedStrings: true });
  const sheet = workbook.sheets.find((s) => s.name === name);
  if (!sheet) throw new WorkbenchFailure('SHEET_NOT_FOUND', { sheet: name });
  const { merges } = await readSheet(workbook, sheet, {
    sharedStringRefs: true,
    onRows: (rows, refs = []) => {
      const indices = Uint32Array.from(refs);
      port.postMessage({ rows, refs: indices } satisfies ScanReply, [indices.buffer]);
    },
  });
  post({ merges });
}

scan(workerData as ScanRequest).catch((error: unknown) => {
  post(error instanceof WorkbenchFailure
    ? { failure: { code: error.code, message: error.message } }
    : { error: String((error as Error)?.stack ?? error) });
});
