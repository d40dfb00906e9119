// Outcome counts and statuses in the words staff read on the summary, the report and the queue.
// Pure, so the sentences are tested without a browser.
import type { OfflineTransactionStatus, OfflineTransactionView } from '../../shared/api/offline.ts';

// Shared with the offline client, which must not load the staff app's code.
export {
  describeOutcomeSummary,
  describeRepeats,
  transactionCount,
} from '../../shared/offline/outcomeSummaryWords.ts';

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
  renewal: 'Renewal',
  in_house_use: 'In-house use',
  registration: 'Registration',
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
