// The words both apps use about sending: which days the unsent transactions are from, how far a
// sending has got, and why it stopped. Pure, so the sentences are tested without a browser.
import type { SendResult } from './sendOutbox.ts';

const numbers = new Intl.NumberFormat('en-US');

/** "1 offline transaction", "6,000 offline transactions". */
export function offlineTransactionCount(count: number): string {
  return `${numbers.format(count)} offline ${count === 1 ? 'transaction' : 'transactions'}`;
}

/** "Sending 2,000 of 6,000…" */
export function progressText(sent: number, total: number): string {
  return `Sending ${numbers.format(sent)} of ${numbers.format(total)}…`;
}

interface LocalDay {
  year: number;
  month: number;
  day: number;
}

function localDay(epochMs: number, timeZone: string): LocalDay {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
  }).formatToParts(epochMs);
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return { year: part('year'), month: part('month'), day: part('day') };
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const dayNumber = (d: LocalDay) => Date.UTC(d.year, d.month - 1, d.day) / 86_400_000;

/**
 * The days transactions happened on, as staff say them: "27 Nov", "27–28 Nov", "30 Nov–2 Dec",
 * "25 Nov and 27–28 Nov". Runs of consecutive days become a range; the year is added only when the
 * days span more than one.
 */
export function describeDays(occurredAt: readonly number[], timeZone: string): string {
  const byNumber = new Map<number, LocalDay>();
  for (const at of occurredAt) {
    const day = localDay(at, timeZone);
    byNumber.set(dayNumber(day), day);
  }
  const days = [...byNumber.entries()].toSorted(([a], [b]) => a - b);
  if (days.length === 0) return '';
  const withYear = new Set(days.map(([, d]) => d.year)).size > 1;
  const name = (d: LocalDay, month = true) =>
    month ? `${d.day} ${MONTHS[d.month - 1]}${withYear ? ` ${d.year}` : ''}` : String(d.day);

  const runs: [LocalDay, LocalDay][] = [];
  let previous: number | null = null;
  for (const [n, day] of days) {
    const last = runs.at(-1);
    if (last && previous !== null && n === previous + 1) last[1] = day;
    else runs.push([day, day]);
    previous = n;
  }
  const texts = runs.map(([first, last]) => {
    if (first === last) return name(first);
    const sameMonth = first.month === last.month && first.year === last.year;
    return `${name(first, !sameMonth)}–${name(last)}`;
  });
  if (texts.length === 1) return texts[0]!;
  return `${texts.slice(0, -1).join(', ')} and ${texts.at(-1)}`;
}

/** "6,000 offline transactions from 27–28 Nov have not been sent to the server" */
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
