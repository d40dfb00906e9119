// Whether a patron may borrow, judged from the card alone: a block always stops lending; otherwise the
// card is good through its expiry date, inclusive, in the branch's local calendar.

export type PatronStatus = 'good' | 'expired' | 'blocked';

export interface PatronStanding {
  /** 'YYYY-MM-DD': the card is valid through this day. */
  expiresOn: string;
  /** Why the patron may not borrow; null (or empty) when not blocked. */
  blockReason: string | null;
}

/** `today` is the branch's local date ('YYYY-MM-DD'), e.g. localDate(now, branch.timeZone). */
export function patronStatus(
  { expiresOn, blockReason }: PatronStanding,
  today: string,
): PatronStatus {
  if (blockReason !== null && blockReason.trim() !== '') return 'blocked';
  // 'YYYY-MM-DD' strings compare in calendar order.
  return today > expiresOn ? 'expired' : 'good';
}
