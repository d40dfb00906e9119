// The summary of a sending in the words staff read after it, in both apps: the staff app's
// SendResultSummary and the offline client's summary say the same thing. Pure, no I/O.
import type { OutcomeSummary } from '../api/offline.ts';

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
