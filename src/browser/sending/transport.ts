// The server as the sender talks to it: the signed-in session's CSRF token, then one request per
// batch that resolves only once the server has stored it. Failures come out as SendFailure.
import { ApiError } from '../../shared/api/errors.ts';
import { OfflineUploadResult } from '../../shared/api/offline.ts';
import { CSRF_HEADER, SessionInfo } from '../../shared/api/session.ts';
import type { OfflineTransaction } from '../../shared/offline/transaction.ts';
import { failureFor, unreachable, unreadable } from './sendFailure.ts';

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

/** The transport over fetch, same origin, with the session cookie and the CSRF header. */
export function createFetchTransport(fetchImpl: typeof fetch = fetch): SendTransport {
  async function call(url: string, init: RequestInit): Promise<{ status: number; json: unknown }> {
    let response: Response;
    try {
      response = await fetchImpl(url, {
        ...init,
        credentials: 'same-origin',
        cache: 'no-store',
        signal: AbortSignal.timeout(SEND_REQUEST_TIMEOUT_MS),
      });
    } catch (error) {
      throw unreachable(error);
    }
    let json: unknown;
    try {
      json = JSON.parse(await response.text());
    } catch {
      json = undefined;
    }
    if (!response.ok) {
      const parsed = ApiError.safeParse(json);
      throw failureFor(response.status, parsed.success ? parsed.data.error.message : null);
    }
    return { status: response.status, json };
  }

  return {
    async startSession() {
      const { status, json } = await call(SESSION_URL, { headers: { accept: 'application/json' } });
      const session = SessionInfo.safeParse(json);
      if (!session.success) throw unreadable(status);
      return session.data.csrfToken;
    },
    async sendBatch(transactions, csrfToken) {
      const { status, json } = await call(SEND_TRANSACTIONS_URL, {
        method: 'POST',
        headers: {
          accept: 'application/json',
          'content-type': 'application/json',
          [CSRF_HEADER]: csrfToken,
        },
        body: JSON.stringify({ transactions }),
      });
      const result = OfflineUploadResult.safeParse(json);
      if (!result.success || result.data.received !== transactions.length) throw unreadable(status);
      return result.data;
    },
  };
}
