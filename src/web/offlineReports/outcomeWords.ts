// Outcome counts and statuses in the words staff read on the summary, the report and the queue.
// Pure, so the sentences are tested without a browser.
import type {
  OfflineTransactionStatus,
  OfflineTransactionView,
  OutcomeSummary,
} from '../../shared/api/offline.ts';

/** "1 transaction", "3 transactions". */
export function transactionCount(count: number): string {
  return `${count} ${count === 1 ? 'transaction' : 'transactions'}`;
}

/**
 * The lines of a summary after sending or uploading: what was applied, with warnings, became an
 * exception, and (only when there are any) noted, dismissed, still pending and already sent.
 */
export function describeOutcomeSummary(summary: OutcomeSummary, duplicates = 0): string[] {
  const lines = [
    `${summary.applied} applied`,
    `${summary.appliedWithWarning} applied with warnings`,
    `${summary.exception} became ${summary.exception === 1 ? 'an exception' : 'exceptions'} for a supervisor to resolve`,
  ];
  if (summary.noted > 0) lines.push(`${summary.noted} noted, with nothing to change`);
  if (summary.dismissed > 0) lines.push(`${summary.dismissed} dismissed by a supervisor`);
  if (summary.pending > 0) {
    lines.push(`${summary.pending} still being processed: the report shows their outcome shortly`);
  }
  if (duplicates > 0) {
    lines.push(
      `${duplicates} ${duplicates === 1 ? 'was' : 'were'} already on the server and ${duplicates === 1 ? 'was' : 'were'} not stored again`,
    );
  }
  return lines;
}

/** The name of each status in the report and in the "Outcome" filter. */
export const OUTCOME_NAMES: Record<OfflineTransactionStatus, string> = {
  applied: 'Applied',
  applied_with_warning: 'Applied with warning',
  exception: 'Exception',
  noted: 'Noted',
  dismissed: 'Dismissed',
  pending: 'Pending',
};

export const TRANSACTION_TYPE_NAMES: Record<OfflineTransactionView['type'], string> = {
  check_out: 'Check out',
  check_in: 'Check in',
  payment: 'Payment',
};

/** The statuses offered by the "Outcome" filter, in the order staff work through them. */
export const OUTCOME_FILTER_ORDER: readonly OfflineTransactionStatus[] = [
  'exception',
  'applied_with_warning',
  'applied',
  'noted',
  'dismissed',
  'pending',
];
