// The summary of a sending in the words staff read after it, in both apps: the staff app's
// SendResultSummary and the offline client's summary say the same thing. Pure, no I/O.
import type { OutcomeSummary } from '../api/offline.ts';

const numbers = new Intl.NumberFormat('en-US');

/** "1 transaction", "3 transactions", "2,000 transactions". */
export function transactionCount(count: number): string {
  return `${numbers.format(count)} ${count === 1 ? 'transaction' : 'transactions'}`;
}

/**
 * The lines of a summary after sending or uploading: what was applied, with warnings, became an
 * exception, and (only when there are any) noted, dismissed and still pending. They add up to the
 * summary's total: transactions the server had before are counted once, by what became of them.
 */
export function describeOutcomeSummary(summary: OutcomeSummary): string[] {
  const lines = [
    `${numbers.format(summary.applied)} applied`,
    `${numbers.format(summary.appliedWithWarning)} applied with warnings`,
    `${numbers.format(summary.exception)} became ${summary.exception === 1 ? 'an exception' : 'exceptions'} for a supervisor to resolve`,
  ];
  if (summary.noted > 0)
    lines.push(`${numbers.format(summary.noted)} noted, with nothing to change`);
  if (summary.dismissed > 0) {
    lines.push(`${numbers.format(summary.dismissed)} dismissed by a supervisor`);
  }
  if (summary.pending > 0) {
    lines.push(
      `${numbers.format(summary.pending)} still being processed: the report shows their outcome shortly`,
    );
  }
  return lines;
}

/**
 * Said beneath the outcome lines, never as one of them (it would read as more transactions): how
 * many of the sending's transactions the server had before, because an earlier sending's answer
 * was lost or a backup file brought them. Null when none.
 */
export function describeRepeats(duplicates: number, total: number): string | null {
  if (duplicates <= 0) return null;
  const had =
    duplicates === total
      ? `All ${transactionCount(total)} had reached the server before`
      : `Of these ${numbers.format(total)}, ${numbers.format(duplicates)} had reached the server before`;
  return `${had} (with an earlier sending whose answer did not come back, or a backup file) and ${duplicates === 1 ? 'is' : 'are'} counted once above: nothing was stored twice.`;
}
