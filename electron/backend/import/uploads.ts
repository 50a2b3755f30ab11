// Files a clerk picked in 数据导入, kept in the engine by token between preview, commit and error report,
// so a 50 MB workbook crosses IPC/HTTP once. Few and short-lived: the oldest go when a new one comes.
import crypto from 'node:crypto';
import { WorkbenchFailure } from '../failure';
import type { DryRun } from './commit';
import type { Spreadsheet } from './spreadsheet';

export interface Upload {
  owner: string;
  fileName: string;
  bytes: Buffer;
  openedAt: number;
  /** The workbook as opened (its shared strings parsed once), read again by every dry run of the file. */
  workbook?: Spreadsheet;
  /** The last dry run of this file, so the commit after it does not read and judge the file again. */
  dryRun?: DryRun;
}

// Kept per user: on the office server twelve clerks open files at the same moment, and one clerk's new
// file must not push out another's before it is committed (IMPORT_EXPIRED, found by the load test).
// All of them together stay within a memory bound; beyond it the oldest go first, whoever's.
const KEPT_PER_USER = 3;
const KEPT_BYTES = 512 * 1024 * 1024;
const TTL_MS = 2 * 60 * 60 * 1000;
const uploads = new Map<string, Upload>();

export function keepUpload(owner: string, fileName: string, bytes: Buffer, workbook: Spreadsheet): string {
  const now = Date.now();
  for (const [token, upload] of uploads) if (now - upload.openedAt > TTL_MS) uploads.delete(token);
  const own = [...uploads].filter(([, upload]) => upload.owner === owner);
  for (const [token] of own.slice(0, Math.max(0, own.length - KEPT_PER_USER + 1))) uploads.delete(token);
  let total = bytes.length;
  for (const upload of uploads.values()) total += upload.bytes.length;
  for (const [token, upload] of uploads) {
    if (total <= KEPT_BYTES) break;
    uploads.delete(token);
    total -= upload.bytes.length;
  }
  const token = crypto.randomBytes(16).toString('hex');
  // Only a user's newest file stays opened with its dry run: the memory of a dozen seats stays one workbook
  // each; an older file of theirs is opened again from its bytes if it is used.
  for (const upload of uploads.values()) if (upload.owner === owner) { upload.workbook = undefined; upload.dryRun = undefined; }
  uploads.set(token, { owner, fileName, bytes, openedAt: now, workbook });
  return token;
}

/** A file this user opened (another user's token is as unknown as an expired one). */
export function getUpload(token: string, owner: string): Upload {
  const upload = uploads.get(token);
  if (!upload || upload.owner !== owner) throw new WorkbenchFailure('IMPORT_EXPIRED');
  return upload;
}
