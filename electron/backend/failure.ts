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
