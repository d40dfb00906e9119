// Sending the outbox to the server: unsent transactions go in batches to
// POST /api/offline/transactions, and a batch is marked sent only once the server has answered that
// it stored it durably. A failure stops the sending and leaves the rest unsent; sending again is
// always safe, because the server stores each transaction once by its id. Used by the offline client
// and by the staff app, which share this browser's outbox.
import { ApiError } from '../../shared/api/errors.ts';
import { OfflineUploadResult, type OutcomeSummary } from '../../shared/api/offline.ts';
import { CSRF_HEADER, SessionInfo } from '../../shared/api/session.ts';
import type { OfflineTransaction } from '../../shared/offline/transaction.ts';
import type { Outbox, OutboxEntry } from '../outbox/outbox.ts';

/**
 * Transactions per request: ~0.8 MB, far below the server's 50,000 and 32 MiB, so each request is
 * answered in well under a second and a failure costs little to repeat.
 */
export const SEND_BATCH_SIZE = 2_000;
export const SEND_TRANSACTIONS_URL = '/api/offline/transactions';
export const SESSION_URL = '/api/session';
/** The server answers once the batch is stored and processed (at most ~20 s); then give up. */
export const SEND_REQUEST_TIMEOUT_MS = 120_000;

/**
 * Why sending stopped, so a screen can say what to do next:
 * - UNREACHABLE: no answer (server down, network gone, timed out); send again later.
 * - SERVER_ERROR: the server failed (5xx) and stored nothing of this batch; send again later.
 * - SIGNED_OUT: nobody is signed in to Circa in this browser (401); sign in, then send.
 * - REFUSED: the server refused the batch (4xx); its message says why.
 * - UNREADABLE_ANSWER: an answer this version cannot read; nothing is marked sent.
 * - STORAGE: the server stored the batch but this browser could not mark it sent.
 */
export type SendFailureReason =
  'UNREACHABLE' | 'SERVER_ERROR' | 'SIGNED_OUT' | 'REFUSED' | 'UNREADABLE_ANSWER' | 'STORAGE';

export class SendFailure extends Error {
  override readonly name = 'SendFailure';
  constructor(
    readonly reason: SendFailureReason,
    message: string,
    /** The HTTP status, when the server answered. */
    readonly status: number | null = null,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

const UNREACHABLE_MESSAGE =
  'The Circa server could not be reached. The transactions not sent are safe in this browser: send them again once the server is reachable.';
const SIGNED_OUT_MESSAGE =
  'You are not signed in to Circa in this browser. Sign in to the staff app, then send again.';

export interface SendProgress {
  /** Transactions the server has confirmed so far in this sending. */
  sent: number;
  /** Transactions this sending set out to send. */
  total: number;
}

/** What a sending did: `failure` is set when it stopped before the end. */
export interface SendResult {
  status: 'sent' | 'nothing-to-send' | 'busy' | 'failed';
  total: number;
  sent: number;
  /** Outcomes of every confirmed transaction, summed over the batches. */
  summary: OutcomeSummary;
  /** Transactions the server already had (a repeat after an interrupted sending). */
  duplicates: number;
  /** One upload per confirmed batch, for the link to its report. */
  uploadIds: number[];
  failure: SendFailure | null;
}

export const EMPTY_SUMMARY: OutcomeSummary = {
  total: 0,
  pending: 0,
  applied: 0,
  appliedWithWarning: 0,
  exception: 0,
  noted: 0,
  dismissed: 0,
};

export function addSummaries(a: OutcomeSummary, b: OutcomeSummary): OutcomeSummary {
  return {
    total: a.total + b.total,
    pending: a.pending + b.pending,
    applied: a.applied + b.applied,
    appliedWithWarning: a.appliedWithWarning + b.appliedWithWarning,
    exception: a.exception + b.exception,
    noted: a.noted + b.noted,
    dismissed: a.dismissed + b.dismissed,
  };
}

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
      throw new SendFailure('UNREACHABLE', UNREACHABLE_MESSAGE, null, { cause: error });
    }
    let json: unknown;
    try {
      json = JSON.parse(await response.text());
    } catch {
      json = undefined;
    }
    if (!response.ok) throw failureFor(response.status, json);
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

function unreadable(status: number): SendFailure {
  return new SendFailure(
    'UNREADABLE_ANSWER',
    'The server sent an answer this version of Circa cannot read, so nothing more was marked as sent. Reload the page and send again; the server never stores a transaction twice.',
    status,
  );
}

/** The typed failure for an error answer, keeping the server's own message where it gave one. */
export function failureFor(status: number, json: unknown): SendFailure {
  const parsed = ApiError.safeParse(json);
  const message = parsed.success ? parsed.data.error.message : null;
  if (status === 401) return new SendFailure('SIGNED_OUT', SIGNED_OUT_MESSAGE, status);
  if (status >= 500) {
    return new SendFailure(
      'SERVER_ERROR',
      message ??
        `The Circa server had a problem (HTTP ${status}) and did not store these transactions. They are safe in this browser: send them again in a few minutes; if it keeps failing, tell your system administrator.`,
      status,
    );
  }
  return new SendFailure(
    'REFUSED',
    message ??
      `The server refused the transactions (HTTP ${status}). They are safe in this browser: save a backup file and give it to your system administrator.`,
    status,
  );
}

/** What the server stores: the transaction without this browser's bookkeeping. */
function toTransaction(entry: OutboxEntry): OfflineTransaction {
  const { sentAt: _sentAt, ...transaction } = entry;
  return transaction;
}

export interface SendOutboxProps {
  outbox: Outbox;
  transport: SendTransport;
  /** Epoch ms now, recorded as when each batch was acknowledged. */
  now: () => number;
  batchSize?: number;
  onProgress?: (progress: SendProgress) => void;
}

/**
 * Sends every unsent transaction, batch by batch, in workstation and sequence order. Never throws:
 * a failure ends the sending with what was confirmed until then and the reason it stopped.
 */
export async function sendOutbox(props: SendOutboxProps): Promise<SendResult> {
  const { outbox, transport, now, batchSize = SEND_BATCH_SIZE, onProgress } = props;
  const result: SendResult = {
    status: 'sent',
    total: 0,
    sent: 0,
    summary: EMPTY_SUMMARY,
    duplicates: 0,
    uploadIds: [],
    failure: null,
  };
  const fail = (failure: SendFailure): SendResult => ({ ...result, status: 'failed', failure });

  let unsent: OutboxEntry[];
  try {
    unsent = await outbox.unsent();
  } catch (error) {
    return fail(
      new SendFailure(
        'STORAGE',
        'This browser could not read its offline transactions. Reload the page and try again.',
        null,
        { cause: error },
      ),
    );
  }
  if (unsent.length === 0) return { ...result, status: 'nothing-to-send' };
  result.total = unsent.length;
  onProgress?.({ sent: 0, total: result.total });

  try {
    const csrfToken = await transport.startSession();
    for (let start = 0; start < unsent.length; start += batchSize) {
      const batch = unsent.slice(start, start + batchSize);
      const answer = await transport.sendBatch(batch.map(toTransaction), csrfToken);
      // Only now, with the server's word that it stored them, may they count as sent.
      try {
        await outbox.markSent(
          batch.map((entry) => entry.id),
          now(),
        );
      } catch (error) {
        throw new SendFailure(
          'STORAGE',
          'The server stored the transactions, but this browser could not mark them as sent. Send again: the server will not store them twice.',
          null,
          { cause: error },
        );
      }
      result.sent += batch.length;
      result.summary = addSummaries(result.summary, answer.summary);
      result.duplicates += answer.duplicates;
      result.uploadIds.push(answer.uploadId);
      onProgress?.({ sent: result.sent, total: result.total });
    }
  } catch (error) {
    if (error instanceof SendFailure) return fail(error);
    return fail(new SendFailure('UNREACHABLE', UNREACHABLE_MESSAGE, null, { cause: error }));
  }
  return result;
}

/** The name every tab and both apps lock, so one browser sends its outbox once at a time. */
export const SEND_LOCK_NAME = 'circa-offline-send';

/** The part of the Web Locks API the sender uses. */
export interface SendLocks {
  request<T>(
    name: string,
    options: { ifAvailable: true },
    callback: (lock: unknown) => Promise<T>,
  ): Promise<T>;
}

let sendingWithoutLocks = false;

/**
 * Runs `send` while holding the browser-wide send lock, or answers 'busy' at once when another tab
 * (or the other app) is sending. Without the Web Locks API the lock covers this page only; a
 * second tab sending the same transactions then costs a repeat, never a duplicate (the server
 * stores by id).
 */
export async function withSendLock<T>(
  send: () => Promise<T>,
  locks: SendLocks | undefined = browserLocks(),
): Promise<T | 'busy'> {
  if (locks) {
    return locks.request(SEND_LOCK_NAME, { ifAvailable: true }, async (lock) =>
      lock === null ? 'busy' : send(),
    );
  }
  if (sendingWithoutLocks) return 'busy';
  sendingWithoutLocks = true;
  try {
    return await send();
  } finally {
    sendingWithoutLocks = false;
  }
}

function browserLocks(): SendLocks | undefined {
  return typeof navigator === 'undefined' ? undefined : (navigator.locks as SendLocks | undefined);
}

export interface SendOfflineTransactionsProps extends Omit<SendOutboxProps, 'transport'> {
  transport?: SendTransport;
  locks?: SendLocks;
}

/** Sends this browser's outbox unless another tab is already doing it. */
export async function sendOfflineTransactions(
  props: SendOfflineTransactionsProps,
): Promise<SendResult> {
  const transport = props.transport ?? createFetchTransport();
  const outcome = await withSendLock(() => sendOutbox({ ...props, transport }), props.locks);
  if (outcome !== 'busy') return outcome;
  return {
    status: 'busy',
    total: 0,
    sent: 0,
    summary: EMPTY_SUMMARY,
    duplicates: 0,
    uploadIds: [],
    failure: null,
  };
}
