// Files a clerk picked in 数据导入, kept in the engine by token between preview, commit and error report,
// so a 50 MB workbook crosses IPC/HTTP once. Few and short-lived: the oldest go when a new one comes.
import crypto from 'node:crypto';
import { WorkbenchFailure } from '../failure';

export interface Upload { owner: string; fileName: string; bytes: Buffer; openedAt: number }

// Kept per user: on the office server twelve clerks open files at the same moment, and one clerk's new
// file must not push out another's before it is committed (IMPORT_EXPIRED, found by the load test).
// All of them together stay within a memory bound; beyond it the oldest go first, whoever's.
const KEPT_PER_USER = 3;
const KEPT_BYTES = 512 * 1024 * 1024;
const TTL_MS = 2 * 60 * 60 * 1000;
const uploads = new Map<string, Upload>();

export function keepUpload(owner: string, fileName: string, bytes: Buffer): string {
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
  uploads.set(token, { owner, fileName, bytes, openedAt: now });
  return token;
}

/** A file this user opened (another user's token is as unknown as an expired one). */
export function getUpload(token: string, owner: string): Upload {
  const upload = uploads.get(token);
  if (!upload || upload.owner !== owner) throw new WorkbenchFailure('IMPORT_EXPIRED');
  return upload;
}
