// When the offline client sends again the transactions a report reopened (a database failover lost
// them: docs/failover.md). At once the first time, then at most once a minute: a server that kept
// answering "missing" for what it was just sent must not turn the client into a loop. A reopening
// inside the minute is put off to the minute's end, never dropped: nothing else would send them
// until staff press "Send now" or the server goes away and comes back.

/** Reopened transactions are sent again by themselves at most this often. */
export const RESEND_REOPENED_EVERY_MS = 60_000;

/**
 * How long to wait before sending again what a report reopened at `now` (epoch ms), given when
 * that last happened (`lastResendAt`, null if never): 0 means at once.
 */
export function resendReopenedInMs(lastResendAt: number | null, now: number): number {
  if (lastResendAt === null) return 0;
  // Clamped: a clock set back must not hold the resend for longer than the minute.
  return Math.min(
    RESEND_REOPENED_EVERY_MS,
    Math.max(0, lastResendAt + RESEND_REOPENED_EVERY_MS - now),
  );
}
