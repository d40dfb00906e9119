// The words both apps use about sending: which days the unsent transactions are from, how far a
// sending has got, and why it stopped. Pure, so the sentences are tested without a browser.
import type { SendResult } from './sendOutbox.ts';
import { parseCalendarDate } from '../../shared/calendar/calendarDates.ts';
import { formatDay } from '../../shared/calendar/formatDates.ts';
import { localDate } from '../../shared/calendar/localTime.ts';

const numbers = new Intl.NumberFormat('en-US');

/** "1 offline transaction", "6,000 offline transactions". */
export function offlineTransactionCount(count: number): string {
  return `${numbers.format(count)} offline ${count === 1 ? 'transaction' : 'transactions'}`;
}

/** "Sending 2,000 of 6,000…" */
export function progressText(sent: number, total: number): string {
  return `Sending ${numbers.format(sent)} of ${numbers.format(total)}…`;
}

/**
 * The days transactions happened on, in the branch's time zone and the one date format:
 * "Fri 27 Nov 2026", "Fri 27 Nov 2026 – Sat 28 Nov 2026", "Wed 25 Nov 2026 and Fri 27 Nov 2026".
 * Runs of consecutive days become a range.
 */
export function describeDays(occurredAt: readonly number[], timeZone: string): string {
  const byNumber = new Map<number, string>();
  for (const at of occurredAt) {
    const day = localDate(at, timeZone);
    byNumber.set(parseCalendarDate(day) ?? 0, day);
  }
  const days = [...byNumber.entries()].toSorted(([a], [b]) => a - b);
  if (days.length === 0) return '';

  const runs: [string, string][] = [];
  let previous: number | null = null;
  for (const [n, day] of days) {
    const last = runs.at(-1);
    if (last && previous !== null && n === previous + 1) last[1] = day;
    else runs.push([day, day]);
    previous = n;
  }
  const texts = runs.map(([first, last]) =>
    first === last ? formatDay(first) : `${formatDay(first)} – ${formatDay(last)}`,
  );
  if (texts.length === 1) return texts[0]!;
  return `${texts.slice(0, -1).join(', ')} and ${texts.at(-1)}`;
}

/** "6,000 offline transactions from Fri 27 Nov 2026 – Sat 28 Nov 2026 have not been sent to the server" */
export function unsentText(count: number, days: string): string {
  const verb = count === 1 ? 'has' : 'have';
  return `${offlineTransactionCount(count)}${days ? ` from ${days}` : ''} ${verb} not been sent to the server`;
}

/** What to say when a sending stopped early or could not start; null when it went through. */
export function sendProblemText(result: SendResult): string | null {
  if (result.status === 'busy') {
    return 'Another Circa tab on this computer is sending these transactions right now. Wait a moment: the count goes down as the server confirms them.';
  }
  if (result.status !== 'failed' || result.failure === null) return null;
  const done =
    result.sent > 0
      ? `${numbers.format(result.sent)} of ${numbers.format(result.total)} were sent and confirmed; the other ${numbers.format(result.total - result.sent)} are kept in this browser. `
      : '';
  return `${done}${result.failure.message}`;
}
