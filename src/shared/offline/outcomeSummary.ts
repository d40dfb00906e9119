// Outcome summaries: how many offline transactions have each status. The server counts them from
// stored rows; the sender adds up the summaries of a sending's batches. One arithmetic for both.
import type { OfflineTransactionStatus, OutcomeSummary } from '../api/offline.ts';

export const EMPTY_SUMMARY: Readonly<OutcomeSummary> = Object.freeze({
  total: 0,
  pending: 0,
  applied: 0,
  appliedWithWarning: 0,
  exception: 0,
  noted: 0,
  dismissed: 0,
});

/** The summary field that counts each stored status. */
const FIELD_OF_STATUS: Readonly<
  Record<OfflineTransactionStatus, Exclude<keyof OutcomeSummary, 'total'>>
> = {
  pending: 'pending',
  applied: 'applied',
  applied_with_warning: 'appliedWithWarning',
  exception: 'exception',
  noted: 'noted',
  dismissed: 'dismissed',
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

/** A summary of `count` transactions that all have `status`. */
export function summaryOfStatus(status: OfflineTransactionStatus, count: number): OutcomeSummary {
  return { ...EMPTY_SUMMARY, total: count, [FIELD_OF_STATUS[status]]: count };
}

/** Adds up rows of (status, count), as a GROUP BY status answers them. */
export function summaryOfCounts(
  counts: Iterable<{ status: OfflineTransactionStatus; count: number }>,
): OutcomeSummary {
  let summary: OutcomeSummary = EMPTY_SUMMARY;
  for (const { status, count } of counts) {
    summary = addSummaries(summary, summaryOfStatus(status, count));
  }
  return summary;
}
