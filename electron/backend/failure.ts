// A refusal the engine means to give: a stable code and its Chinese message, carried to IPC, HTTP and CLI.
import { messageFor, type ErrorCode, type WorkbenchError } from '../../shared/domain/errors';

export class WorkbenchFailure extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;

  constructor(code: ErrorCode, params: Record<string, string | number> = {}, details?: unknown, message?: string) {
    super(message ?? messageFor(code, params));
    this.code = code;
    this.details = details;
  }

  /** A refusal the pure domain already worded (its code and filled-in message). */
  static from(error: WorkbenchError, details?: unknown): WorkbenchFailure {
    const failure = new WorkbenchFailure(error.code, {}, details);
    failure.message = error.message;
    return failure;
  }

  toError(): WorkbenchError & { details?: unknown } {
    return this.details === undefined ? { code: this.code, message: this.message } : { code: this.code, message: this.message, details: this.details };
  }
}

const BUSY_CODES = new Set(['SQLITE_BUSY', 'SQLITE_BUSY_SNAPSHOT', 'SQLITE_BUSY_RECOVERY', 'SQLITE_BUSY_TIMEOUT', 'SQLITE_LOCKED', 'SQLITE_LOCKED_SHAREDCACHE']);

/** Another process holds the database (its write lock, or an exclusive lock during a restore); on PostgreSQL a lock not granted within lock_timeout (55P03). */
export function isBusy(error: unknown): boolean {
  const code = (error as { code?: string } | null)?.code ?? '';
  return BUSY_CODES.has(code) || code === '55P03';
}

/**
 * Faults of the machine rather than bugs of the program — a busy database, a full disk, a read-only
 * folder — as the coded message that tells the user what to do. Null for anything else.
 */
export function operationalFailure(error: unknown): WorkbenchFailure | null {
  if (error instanceof WorkbenchFailure) return error;
  const code = (error as { code?: string } | null)?.code ?? '';
  if (isBusy(error)) return new WorkbenchFailure('DB_BUSY');
  if (code === 'SQLITE_FULL' || code === 'ENOSPC') return new WorkbenchFailure('DISK_FULL');
  if (code.startsWith('SQLITE_READONLY') || code === 'EACCES' || code === 'EROFS' || code === 'EPERM') return new WorkbenchFailure('NO_WRITE_ACCESS', { detail: (error as Error).message });
  return null;
}
