// The one error type route handlers and commands throw: a code from the API contract, an HTTP
// status, and a message that tells staff what is wrong and what to do next.
import type { ErrorCode } from '../shared/api/errors.ts';

export class CircaError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly status: number,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'CircaError';
  }
}
