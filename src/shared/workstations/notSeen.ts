// When a workstation was last seen, and when that is long enough ago for a supervisor to look:
// a desk whose browser has not signed in for a week may have lost its offline client (a reimaged
// computer, cleared site data) without anyone noticing before the next outage.

/** A workstation not seen for longer than this is highlighted in the workstation list. */
export const NOT_SEEN_AFTER_DAYS = 7;

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/** "less than a minute", "1 minute", "5 hours", "12 days": a span of time in words. */
export function describeSpan(ms: number): string {
  const span = Math.max(0, ms);
  if (span < MINUTE_MS) return 'less than a minute';
  if (span < HOUR_MS) return plural(Math.floor(span / MINUTE_MS), 'minute');
  if (span < DAY_MS) return plural(Math.floor(span / HOUR_MS), 'hour');
  return plural(Math.floor(span / DAY_MS), 'day');
}

function plural(count: number, unit: string): string {
  return `${count} ${unit}${count === 1 ? '' : 's'}`;
}

/** "3 hours ago"; "just now" for less than a minute (or a clock slightly ahead). */
export function describeAgo(at: number, now: number): string {
  return now - at < MINUTE_MS ? 'just now' : `${describeSpan(now - at)} ago`;
}

export interface LastSeen {
  /** "2 hours ago", "Not seen for 12 days", or "Never seen". */
  text: string;
  /** Older than NOT_SEEN_AFTER_DAYS, or never seen at all. */
  notSeen: boolean;
}

/**
 * The latest of the moments a workstation was seen (a loan, a session, its offline client's
 * report), null for none, described as of `now`.
 */
export function describeLastSeen(moments: readonly (number | null)[], now: number): LastSeen {
  const seen = moments.filter((moment): moment is number => moment !== null);
  if (seen.length === 0) return { text: 'Never seen', notSeen: true };
  const at = Math.max(...seen);
  if (now - at > NOT_SEEN_AFTER_DAYS * DAY_MS) {
    return { text: `Not seen for ${describeSpan(now - at)}`, notSeen: true };
  }
  return { text: describeAgo(at, now), notSeen: false };
}
