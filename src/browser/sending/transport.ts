// The server as the sender talks to it: the signed-in session's CSRF token, then one request per
// batch that resolves only once the server has stored it. Both go through the one door
// (callServer); its typed errors become the reasons a sending stops.
import { OfflineUploadResult } from '../../shared/api/offline.ts';
import { SessionInfo } from '../../shared/api/session.ts';
import type { OfflineTransaction } from '../../shared/offline/transaction.ts';
import { callServer, type ServerCallOptions } from '../server/callServer.ts';
import {
  ApiRequestError,
  ServerUnreachableError,
  UnreadableAnswerError,
} from '../server/errors.ts';
import { failureFor, SendFailure, unreachable, unreadable } from './sendFailure.ts';

export const SEND_TRANSACTIONS_URL = '/api/offline/transactions';
export const SESSION_URL = '/api/session';
/** The server answers once the batch is stored and processed (at most ~20 s); then give up. */
export const SEND_REQUEST_TIMEOUT_MS = 120_000;

/** The server, as the sender talks to it. */
export interface SendTransport {
  /** The signed-in session's CSRF token; SIGNED_OUT when nobody is signed in. */
  startSession(): Promise<string>;
  /** Resolves only when the server confirmed it stored every transaction of the batch. */
  sendBatch(
    transactions: readonly OfflineTransaction[],
    csrfToken: string,
  ): Promise<OfflineUploadResult>;
}

/** Why the sending stops, for a failure the door reported. */
export function sendFailureFor(error: unknown): SendFailure {
  if (error instanceof SendFailure) return error;
  if (error instanceof UnreadableAnswerError) return unreadable(error.status);
  if (error instanceof ApiRequestError) {
    return failureFor(error.status, error.fromServer ? error.message : null);
  }
  if (error instanceof ServerUnreachableError) return unreachable(error.cause);
  return unreachable(error);
}

/** The transport over fetch, same origin, with the session cookie and the CSRF header. */
export function createFetchTransport(fetchImpl?: typeof fetch): SendTransport {
  const options: ServerCallOptions = {
    fetch: fetchImpl,
    cache: 'no-store',
    timeoutMs: SEND_REQUEST_TIMEOUT_MS,
  };
  return {
    async startSession() {
      try {
        const session = await callServer('GET', SESSION_URL, SessionInfo, options);
        return session.csrfToken;
      } catch (error) {
        throw sendFailureFor(error);
      }
    },
    async sendBatch(transactions, csrfToken) {
      // An answer for some other batch would mark the wrong transactions sent: unreadable too.
      const forThisBatch = OfflineUploadResult.refine((r) => r.received === transactions.length);
      try {
        return await callServer('POST', SEND_TRANSACTIONS_URL, forThisBatch, {
          ...options,
          body: { transactions },
          csrfToken,
        });
      } catch (error) {
        throw sendFailureFor(error);
      }
    },
  };
}
