// The offline client's outbox is checked whole before anything is stored: one invalid transaction
// refuses the upload, naming each bad transaction by index and field.
import type { InvalidOfflineTransaction } from '../../shared/api/offline.ts';
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
