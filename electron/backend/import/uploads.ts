// Files a clerk picked in 数据导入, kept in the engine by token between preview, commit and error report,
// so a 50 MB workbook crosses IPC/HTTP once. Few and short-lived: the oldest go when a new one comes.
import crypto from 'node:crypto';
import { WorkbenchFailure } from '../failure';
import type { DryRun } from './commit';
import type { Spreadsheet } from './spreadsheet';

export interface Upload {
  fileName: string;
  bytes: Buffer;
  openedAt: number;
  /** The workbook as opened (its shared strings parsed once), read again by every dry run of the file. */
  workbook: Spreadsheet;
  /** The last dry run of this file, so the commit after it does not read and judge the file again. */
  dryRun?: DryRun;
}

const KEPT = 3;
const TTL_MS = 2 * 60 * 60 * 1000;
const uploads = new Map<string, Upload>();

export function keepUpload(fileName: string, bytes: Buffer, workbook: Spreadsheet): string {
  const now = Date.now();
  for (const [token, upload] of uploads) if (now - upload.openedAt > TTL_MS) uploads.delete(token);
  while (uploads.size >= KEPT) uploads.delete(uploads.keys().next().value!);
  const token = crypto.randomBytes(16).toString('hex');
  uploads.set(token, { fileName, bytes, openedAt: now, workbook });
  return token;
}

export function getUpload(token: string): Upload {
  const upload = uploads.get(token);
  if (!upload) throw new WorkbenchFailure('IMPORT_EXPIRED');
  return upload;
}
