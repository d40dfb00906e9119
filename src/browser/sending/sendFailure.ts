// Why a sending stopped, as a typed reason a screen can explain (see sendWords.ts), with the words
// for the reasons the sender itself words.

/**
 * Why sending stopped, so a screen can say what to do next:
 * - UNREACHABLE: no answer (server down, network gone, timed out) before anything was sent.
 * - ANSWER_LOST: a batch went out and no answer came back: the server may have stored it, and
 *   the next sending confirms it (the server never stores a transaction twice).
 * - SERVER_ERROR: the server failed (5xx) and stored nothing of this batch; send again later.
 * - SIGNED_OUT: nobody is signed in to Circa in this browser (401); sign in, then send.
 * - REFUSED: the server refused the batch (4xx); its message says why.
 * - UNREADABLE_ANSWER: an answer this version cannot read; nothing is marked sent.
 * - STORAGE: the server stored the batch but this browser could not mark it sent.
 */
export type SendFailureReason =
  | 'UNREACHABLE'
  | 'ANSWER_LOST'
  | 'SERVER_ERROR'
  | 'SIGNED_OUT'
  | 'REFUSED'
  | 'UNREADABLE_ANSWER'
  | 'STORAGE';

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

export const UNREACHABLE_MESSAGE =
  'The Circa server could not be reached. The transactions not sent are safe in this browser: send them again once the server is reachable.';
const SIGNED_OUT_MESSAGE =
  'You are not signed in to Circa in this browser. Sign in to the staff app, then send again.';

export function unreachable(cause: unknown): SendFailure {
  return new SendFailure('UNREACHABLE', UNREACHABLE_MESSAGE, null, { cause });
}

const numbers = new Intl.NumberFormat('en-US');

/**
 * A batch went out and no answer came back. The server may well have stored it (a dropped
 * connection, a server stopped between storing and answering), so "could not be reached" would
 * be wrong: say how many were on their way, that nothing is lost, and when it will be known.
 */
export function answerLost(batchSize: number, cause: unknown): SendFailure {
  const what =
    batchSize === 1
      ? '1 transaction was being sent'
      : `${numbers.format(batchSize)} transactions were being sent`;
  return new SendFailure(
    'ANSWER_LOST',
    `The connection to the Circa server was lost while ${what}, so this browser does not know yet whether the server stored ${batchSize === 1 ? 'it' : 'them'}. Nothing is lost: ${batchSize === 1 ? 'it stays' : 'they stay'} in this browser, and the next sending confirms ${batchSize === 1 ? 'it' : 'them'} (the server never stores a transaction twice).`,
    null,
    { cause },
  );
}

export function unreadable(status: number): SendFailure {
  return new SendFailure(
    'UNREADABLE_ANSWER',
    'The server sent an answer this version of Circa cannot read, so nothing more was marked as sent. Reload the page and send again; the server never stores a transaction twice.',
    status,
  );
}

/** The typed failure for an error answer, keeping the server's own message where it gave one. */
export function failureFor(status: number, serverMessage: string | null): SendFailure {
  if (status === 401) return new SendFailure('SIGNED_OUT', SIGNED_OUT_MESSAGE, status);
  if (status >= 500) {
    return new SendFailure(
      'SERVER_ERROR',
      serverMessage ??
        `The Circa server had a problem (HTTP ${status}) and did not store these transactions. They are safe in this browser: send them again in a few minutes; if it keeps failing, tell your system administrator.`,
      status,
    );
  }
  return new SendFailure(
    'REFUSED',
    serverMessage ??
      `The server refused the transactions (HTTP ${status}). They are safe in this browser: save a backup file and give it to your system administrator.`,
    status,
  );
}
