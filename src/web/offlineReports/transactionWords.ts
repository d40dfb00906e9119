// What each column of the report means for each type of transaction, in the words staff read:
// whose the patron is ("Lent to", "Returned by"), what the transaction carried (a due date, a
// "Returned on" day, a count of uses), where a check-in sent the item, and a "Lend anyway".
// Pure, so the sentences are tested without a browser.
import type { OfflineTransactionView, TransactionRouting } from '../../shared/api/offline.ts';
import { formatDate, formatDay } from '../../shared/calendar/formatDates.ts';

const numbers = new Intl.NumberFormat('en-US');

type TransactionType = OfflineTransactionView['type'];

/** What the Patron column means on a row of this type; null when the type has no patron. */
export const PATRON_ROLES: Record<TransactionType, string | null> = {
  check_out: 'Lent to',
  renewal: 'Renewed for',
  // The patron whose loan the check-in closed: borrowing history, shown to supervisors only.
  check_in: 'Returned by',
  registration: 'New patron',
  payment: 'Paid by',
  in_house_use: null,
};

/** What the transaction carried beside its barcodes, e.g. "due Wed 25 Mar 2026", "3 uses". */
export function transactionDetail(
  transaction: Pick<OfflineTransactionView, 'type' | 'dueAt' | 'returnedOn' | 'count'>,
  timeZone: string,
): string | null {
  switch (transaction.type) {
    case 'check_out':
      return transaction.dueAt === null ? null : `due ${formatDate(transaction.dueAt, timeZone)}`;
    case 'renewal':
      return transaction.dueAt === null
        ? null
        : `now due ${formatDate(transaction.dueAt, timeZone)}`;
    case 'check_in':
      return transaction.returnedOn === null
        ? null
        : `returned on ${formatDay(transaction.returnedOn)}`;
    case 'in_house_use':
      return transaction.count === null
        ? null
        : `${numbers.format(transaction.count)} ${transaction.count === 1 ? 'use' : 'uses'}`;
    case 'registration':
    case 'payment':
      return null;
  }
}

/** Where the item goes from the returns trolley: "To the hold shelf at Main Library". */
export function routingText(routing: TransactionRouting): string {
  return routing.to === 'hold_shelf'
    ? `To the hold shelf at ${routing.branchName}`
    : `Send in transit to ${routing.branchName}`;
}
