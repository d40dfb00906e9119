// The offline client's outbox is checked whole before anything is stored: one invalid transaction,
// or one the offline client could not have sent from this workstation, refuses the upload, naming
// each bad transaction by index and field.
import type { InvalidOfflineTransaction } from '../../shared/api/offline.ts';
import { refuseDeskClaims } from '../../shared/offline/claims.ts';
import { OfflineTransaction } from '../../shared/offline/transaction.ts';
import { describeIssue, fieldPath } from '../../shared/offlineFile/errors.ts';
import { giveWayToDesks } from '../db/backgroundWork.ts';
import { CircaError } from '../errors.ts';

/** How many invalid transactions an error answer lists: enough to see the pattern. */
const MAX_LISTED_INVALID = 50;

/**
 * Transactions checked per turn of the event loop by requireValidTransactionsYielding: about 5 ms
 * of schema checks, so a desk's request waits at most that long behind an upload being checked.
 */
export const VALIDATION_SLICE_SIZE = 200;

/**
 * Why an outbox was refused, as plain data: it crosses from a worker thread
 * (commands/readOutboxUpload.ts) to the route, which answers with refuseInvalidTransactions.
 */
export interface InvalidTransactions {
  /** The first MAX_LISTED_INVALID issues, in index order. */
  invalid: InvalidOfflineTransaction[];
  /** How many transactions are invalid (each may have several issues listed). */
  invalidCount: number;
  /** How many transactions were sent. */
  total: number;
}

/** An outbox checked whole: every transaction valid, or why it is refused. */
export type TransactionsCheck =
  { transactions: OfflineTransaction[]; refused?: never } | { refused: InvalidTransactions };

/** Checks every transaction, all at once (on a worker thread, or where the outbox is small). */
export function checkTransactions(candidates: readonly unknown[]): TransactionsCheck {
  const check = new ValidityCheck(candidates.length);
  check.slice(candidates, 0, candidates.length);
  return check.verdict();
}

/** The transactions if every one is valid; otherwise a BAD_REQUEST naming index and field. */
export function requireValidTransactions(candidates: readonly unknown[]): OfflineTransaction[] {
  const check = new ValidityCheck(candidates.length);
  check.slice(candidates, 0, candidates.length);
  return check.result();
}

/** The outbox being checked in slices now; the next waits for it (see below). */
let checking: Promise<unknown> = Promise.resolve();

/**
 * requireValidTransactions in slices of VALIDATION_SLICE_SIZE, giving way to the desks' requests
 * between them (db/givingWay.ts): checking 2,000 transactions takes ~50 ms of CPU, and fifty
 * workstations sending at once would otherwise hold every desk's request for seconds. One outbox
 * is checked at a time, so a turn holds one slice, not a slice of every upload waiting. Same answer,
 * same error. Outboxes are checked on upload threads (workerThreads/uploadThreads.ts); this is
 * for OFFLINE_UPLOAD_THREADS=0, and for an outbox a thread failed to read.
 */
export function requireValidTransactionsYielding(
  candidates: readonly unknown[],
): Promise<OfflineTransaction[]> {
  const result = checking.then(() => checkInSlices(candidates));
  checking = result.catch(() => undefined);
  return result;
}

async function checkInSlices(candidates: readonly unknown[]): Promise<OfflineTransaction[]> {
  const check = new ValidityCheck(candidates.length);
  for (let from = 0; from < candidates.length; from += VALIDATION_SLICE_SIZE) {
    if (from > 0) await giveWayToDesks();
    check.slice(candidates, from, Math.min(from + VALIDATION_SLICE_SIZE, candidates.length));
  }
  return check.result();
}

/** The valid transactions and the refusals found so far, in index order. */
class ValidityCheck {
  readonly #valid: OfflineTransaction[] = [];
  readonly #invalid: InvalidOfflineTransaction[] = [];
  #invalidCount = 0;

  constructor(private readonly total: number) {}

  slice(candidates: readonly unknown[], from: number, to: number): void {
    for (let index = from; index < to; index++) {
      const parsed = OfflineTransaction.safeParse(candidates[index], { reportInput: true });
      if (parsed.success) {
        this.#valid.push(parsed.data);
        continue;
      }
      this.#invalidCount += 1;
      for (const issue of parsed.error.issues) {
        if (this.#invalid.length < MAX_LISTED_INVALID) {
          this.#invalid.push({
            index,
            field: fieldPath(issue.path),
            message: describeIssue(issue),
          });
        }
      }
    }
  }

  verdict(): TransactionsCheck {
    if (this.#invalidCount === 0) return { transactions: this.#valid };
    return {
      refused: { invalid: this.#invalid, invalidCount: this.#invalidCount, total: this.total },
    };
  }

  result(): OfflineTransaction[] {
    const verdict = this.verdict();
    if (verdict.refused) throw refuseInvalidTransactions(verdict.refused);
    return verdict.transactions;
  }
}

/** The answer to an outbox with invalid transactions: BAD_REQUEST naming the first by index and field. */
export function refuseInvalidTransactions({
  invalid,
  invalidCount,
  total,
}: InvalidTransactions): CircaError {
  const [first] = invalid;
  const where = first
    ? ` The first: transaction ${first.index}${first.field ? `, field ${first.field}` : ''}: ${first.message}.`
    : '';
  return new CircaError(
    'BAD_REQUEST',
    400,
    `${invalidCount} of ${total} transactions are not valid, so none was stored.${where} Update the offline client, or save a backup file and give it to your system administrator.`,
    { invalid, invalidCount },
  );
}

/**
 * A desk send carries only the desk's types (check-outs, check-ins, renewals, in-house uses and
 * registrations: DESK_TRANSACTION_TYPES) recorded at the sender's own workstation: anything else
 * is not something the offline client sends, so the whole request is refused and nothing is stored.
 */
export function requireDeskClaims(
  transactions: readonly OfflineTransaction[],
  senderWorkstation: string,
): OfflineTransaction[] {
  const refusals = refuseDeskClaims(transactions, senderWorkstation);
  if (refusals.length === 0) return [...transactions];
  const invalid: InvalidOfflineTransaction[] = refusals
    .slice(0, MAX_LISTED_INVALID)
    .map(({ index, field, message }) => ({ index, field, message }));
  const invalidCount = new Set(refusals.map((r) => r.index)).size;
  const first = refusals[0] as (typeof refusals)[number];
  const id = transactions[first.index]?.id ?? '';
  throw new CircaError(
    'BAD_REQUEST',
    400,
    `${invalidCount} of ${transactions.length} transactions cannot be sent from this workstation, so none was stored. The first: transaction ${first.index} (${id}): ${first.message}. Send offline transactions from the workstation that recorded them; a supervisor uploads other files under Offline uploads.`,
    { invalid, invalidCount },
  );
}
