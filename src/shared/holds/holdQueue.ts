// Which hold a copy fills: the oldest waiting hold on its title that this copy can serve today.
// Pure, so check-in, renewal and check-out ask the same question the same way, and the offline
// processing to come (issue 13) can ask it too.
import type { HoldStatus } from '../api/holds.ts';

/** A hold as the queue sees it. */
export interface QueuedHold {
  id: number;
  patronId: number;
  titleId: number;
  /** Set for a hold on one copy only. */
  itemId: number | null;
  pickupBranchId: number;
  /** Epoch ms: the queue's order, ties broken by id. */
  placedAt: number;
  status: HoldStatus;
  /** 'YYYY-MM-DD': not filled before this day. */
  suspendedUntil: string | null;
}

/** The copy being asked about. */
export interface HoldCopy {
  id: number;
  titleId: number;
}

/** Queue order: placed first, filled first; id breaks a tie of the same millisecond. */
export function byQueueOrder(a: QueuedHold, b: QueuedHold): number {
  return a.placedAt - b.placedAt || a.id - b.id;
}

/** Whether this hold could take this copy on `today` ('YYYY-MM-DD'). */
export function holdWantsCopy(hold: QueuedHold, copy: HoldCopy, today: string): boolean {
  if (hold.status !== 'waiting') return false;
  if (hold.titleId !== copy.titleId) return false;
  if (hold.itemId !== null && hold.itemId !== copy.id) return false;
  return hold.suspendedUntil === null || hold.suspendedUntil <= today;
}

/** Every hold the copy could fill today, first in the queue first. */
export function holdsCopyCouldFill(
  copy: HoldCopy,
  holds: readonly QueuedHold[],
  today: string,
): QueuedHold[] {
  return holds.filter((hold) => holdWantsCopy(hold, copy, today)).toSorted(byQueueOrder);
}

/** The hold the copy fills next, or null when nobody waits for it. */
export function nextHoldFor(
  copy: HoldCopy,
  holds: readonly QueuedHold[],
  today: string,
): QueuedHold | null {
  return holdsCopyCouldFill(copy, holds, today)[0] ?? null;
}
