// The one error type route handlers and commands throw: a code from the API contract, an HTTP
// status, and a message that tells staff what is wrong and what to do next.
import type { ErrorCode } from '../shared/api/errors.ts';

export class CircaError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly status: number,
    message: string,
    readonly details?: Record<string, unknown>,
    /** What went wrong underneath, for the log (never sent to the client). */
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'CircaError';
  }
}
