// The one vocabulary for what can go wrong talking to the server, used by both apps: the server
// refused with a code (ApiRequestError), answered in a way this version cannot read
// (UnreadableAnswerError), or did not answer at all (ServerUnreachableError).
import { ApiError, type ErrorCode } from '../../shared/api/errors.ts';

/** The server answered with an error: `code` is stable for branching, `message` is for people. */
export class ApiRequestError extends Error {
  override name = 'ApiRequestError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly status: number,
    readonly details?: Record<string, unknown>,
    /**
     * True when the server worded the message itself (Circa's error shape); false when this client
     * had to guess from the status, e.g. behind a proxy's error page.
     */
    readonly fromServer = false,
  ) {
    super(message);
  }
}

/** The server answered, but not as the shared contract says: nothing in it can be trusted. */
export class UnreadableAnswerError extends ApiRequestError {
  override name = 'UnreadableAnswerError';
  constructor(method: string, path: string, status: number) {
    super(
      'INTERNAL',
      `The server sent an answer this version of Circa does not understand (${method} ${path}). Reload the page; if it persists, tell your system administrator.`,
      status,
    );
  }
}

/** No answer at all: the server is down, restarting, or the network is gone (or it timed out). */
export class ServerUnreachableError extends Error {
  override name = 'ServerUnreachableError';
  constructor(cause?: unknown) {
    super(
      'The Circa server cannot be reached. Check the network connection, then try again; if it keeps failing, tell your supervisor.',
      { cause },
    );
  }
}

/** The typed error for an error answer, in the server's own words where it gave them. */
export function toRequestError(status: number, json: unknown): ApiRequestError {
  const parsed = ApiError.safeParse(json);
  if (parsed.success) {
    const { code, message, details } = parsed.data.error;
    return new ApiRequestError(code, message, status, details, true);
  }
  // A proxy or a crashed server can answer without Circa's error shape; still say something useful.
  if (status === 401) {
    return new ApiRequestError('UNAUTHENTICATED', 'Your session has ended. Sign in again.', status);
  }
  if (status === 502 || status === 503 || status === 504) {
    return new ApiRequestError(
      'INTERNAL',
      `The Circa server is not answering (HTTP ${status}). Wait a moment and try again; if it keeps failing, tell your system administrator.`,
      status,
    );
  }
  return new ApiRequestError(
    'INTERNAL',
    `The server answered with an unexpected error (HTTP ${status}). Try again; if it keeps failing, tell your system administrator.`,
    status,
  );
}

/** Plain words for any error a request can throw, for an alert region. */
export function describeError(error: unknown): string {
  if (error instanceof ApiRequestError || error instanceof ServerUnreachableError) {
    return error.message;
  }
  return 'Something went wrong in this page. Reload it and try again; if it keeps happening, tell your system administrator.';
}
