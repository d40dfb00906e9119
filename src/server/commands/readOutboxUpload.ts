// Reads the offline client's outbox from the bytes of its request and checks every transaction:
// the costly part of an upload (~5 ms of JSON and ~55 ms of checks per 2,000 transactions), done
// on a worker thread (workerThreads/uploadThreads.ts) so desks' requests do not wait behind it.
// Pure: bytes in, plain data out, so it can cross between threads and be tested on its own.
import secureJson from 'secure-json-parse';
import { SendOfflineTransactionsRequest } from '../../shared/api/offline.ts';
import { findNulCharacter } from '../input/nulCharacters.ts';
import { checkTransactions, type TransactionsCheck } from './checkOfflineTransactions.ts';

/** What Fastify does with `__proto__` and `constructor.prototype` keys (its onProtoPoisoning). */
export interface JsonPoisoningActions {
  protoAction: 'error' | 'remove' | 'ignore';
  constructorAction: 'error' | 'remove' | 'ignore';
}

/** One upload to read: what crosses to the thread. */
export interface OutboxUpload {
  /** The request's body, as received. */
  body: Uint8Array;
  poisoning: JsonPoisoningActions;
}

/**
 * An outbox read and checked: its transactions are all valid, or they are refused with the same
 * list and counts as on the event loop. `readAsBefore` when the body is not one the route checks
 * transaction by transaction (not JSON, poisoned, a NUL character, not `{ transactions: [...] }`):
 * the event loop reads it as it always did, so those rare answers stay exactly what they were.
 */
export type OutboxReading = { readAsBefore: true } | ({ readAsBefore: false } & TransactionsCheck);

/**
 * The outbox in `body` (UTF-8 JSON, as Fastify decodes it), checked with the same steps, in the same
 * order, as the event loop: Fastify's JSON parser (secure-json-parse with the app's poisoning
 * actions), the NUL character guard (input/nulCharacters.ts), the route's schema
 * (SendOfflineTransactionsRequest), then each transaction (checkOfflineTransactions.ts).
 */
export function readOutboxUpload({ body, poisoning }: OutboxUpload): OutboxReading {
  let parsed: unknown;
  try {
    // Decoded as Fastify decodes a JSON body: bytes that are not UTF-8 become U+FFFD.
    const text = Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8');
    parsed = secureJson.parse(text, null, poisoning);
  } catch {
    return { readAsBefore: true };
  }
  if (findNulCharacter(parsed) !== null) return { readAsBefore: true };
  const request = SendOfflineTransactionsRequest.safeParse(parsed);
  if (!request.success) return { readAsBefore: true };
  return { readAsBefore: false, ...checkTransactions(request.data.transactions) };
}
