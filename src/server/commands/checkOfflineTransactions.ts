// The offline client's outbox is checked whole before anything is stored: one invalid transaction,
// or one the offline client could not have sent from this workstation, refuses the upload, naming
// each bad transaction by index and field.
import type { InvalidOfflineTransaction } from '../../shared/api/offline.ts';
import { refuseDeskClaims } from '../../shared/offline/claims.ts';
import { OfflineTransaction } from '../../shared/offline/transaction.ts';
import { describeIssue, fieldPath } from '../../shared/offlineFile/errors.ts';
import { CircaError } from '../errors.ts';

/** How many invalid transactions an error answer lists: enough to see the pattern. */
const MAX_LISTED_INVALID = 50;

/** The transactions if every one is valid; otherwise a BAD_REQUEST naming index and field. */
export function requireValidTransactions(candidates: readonly unknown[]): OfflineTransaction[] {
  const valid: OfflineTransaction[] = [];
  const invalid: InvalidOfflineTransaction[] = [];
  let invalidCount = 0;
  candidates.forEach((candidate, index) => {
    const parsed = OfflineTransaction.safeParse(candidate, { reportInput: true });
    if (parsed.success) {
      valid.push(parsed.data);
      return;
    }
    invalidCount += 1;
    for (const issue of parsed.error.issues) {
      if (invalid.length < MAX_LISTED_INVALID) {
        invalid.push({ index, field: fieldPath(issue.path), message: describeIssue(issue) });
      }
    }
  });
  if (invalidCount === 0) return valid;
  const [first] = invalid;
  const where = first
    ? ` The first: transaction ${first.index}${first.field ? `, field ${first.field}` : ''}: ${first.message}.`
    : '';
  throw new CircaError(
    'BAD_REQUEST',
    400,
    `${invalidCount} of ${candidates.length} transactions are not valid, so none was stored.${where} Update the offline client, or save a backup file and give it to your system administrator.`,
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
