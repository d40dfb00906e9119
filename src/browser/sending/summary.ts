// Outcome summaries added up over the batches of one sending, so a screen can say what became of
// every transaction sent, however many requests it took.
import type { OutcomeSummary } from '../../shared/api/offline.ts';

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
