// Who may place a hold, and what may be done to one once placed: suspend, resume, change the pickup
// branch, cancel. Pure, so the server decides with these and a screen could explain them too.
import type { ItemStatus } from '../api/circulation.ts';
import type { ErrorCode } from '../api/errors.ts';
import type { HoldStatus } from '../api/holds.ts';
import { ACTIVE_HOLD_STATUSES } from '../api/holds.ts';
import { addDays } from '../calendar/dueDates.ts';
import { parseCalendarDate } from '../calendar/calendarDates.ts';
import { patronStatus } from '../patrons/patronStatus.ts';
import { byQueueOrder, type QueuedHold } from './holdQueue.ts';

/** A hold may be suspended at most this many days ahead: longer, and it should be cancelled. */
export const MAX_SUSPEND_DAYS = 365;

/** Items in these statuses are gone from the collection: nobody can wait for that copy. */
const NOT_HOLDABLE_ITEM_STATUSES: readonly ItemStatus[] = ['lost', 'missing', 'withdrawn'];

export interface HoldRefusal {
  code: ErrorCode;
  /** HTTP status: 409 for a conflict with the records, 400 for a bad value. */
  status: 400 | 409;
  message: string;
  details?: Record<string, unknown>;
}

export interface PlaceHoldAsked {
  /** The patron's home branch's local date, 'YYYY-MM-DD'. */
  today: string;
  patron: { name: string; expiresOn: string; blockReason: string | null };
  title: { title: string };
  /** The copy asked for, for a hold on one item; null when any copy will do. */
  item: { barcode: string; status: ItemStatus } | null;
  /** Whether the pickup branch asked for exists. */
  pickupBranchFound: boolean;
  /** The pickup branch code as asked, for the message. */
  pickupBranchCode: string;
  /** The patron already has a waiting, in-transit or on-shelf hold on this title. */
  hasActiveHoldOnTitle: boolean;
  /** The patron has a copy of this title on loan now. */
  hasCopyOnLoan: boolean;
}

/** Null when the hold may be placed; otherwise the first reason it may not. */
export function refusePlaceHold(asked: PlaceHoldAsked): HoldRefusal | null {
  const { patron, title } = asked;
  const standing = patronStatus(patron, asked.today);
  if (standing === 'blocked') {
    return conflict(
      'HOLD_PATRON_BLOCKED',
      `${patron.name}'s card is blocked (${patron.blockReason ?? ''}): no holds can be placed until the block is lifted.`,
    );
  }
  if (standing === 'expired') {
    return conflict(
      'HOLD_PATRON_EXPIRED',
      `${patron.name}'s card expired on ${patron.expiresOn}: renew the card, then place the hold.`,
      { expiresOn: patron.expiresOn },
    );
  }
  if (!asked.pickupBranchFound) {
    return {
      code: 'HOLD_PICKUP_BRANCH_UNKNOWN',
      status: 400,
      message: `No branch has the code "${asked.pickupBranchCode}": choose a pickup branch from the list.`,
      details: { branch: asked.pickupBranchCode },
    };
  }
  if (asked.item && NOT_HOLDABLE_ITEM_STATUSES.includes(asked.item.status)) {
    return conflict(
      'HOLD_ITEM_UNAVAILABLE',
      `Item ${asked.item.barcode} is ${asked.item.status}: it cannot be held. Place the hold on any copy of "${title.title}" instead.`,
      { itemStatus: asked.item.status },
    );
  }
  if (asked.hasActiveHoldOnTitle) {
    return conflict(
      'HOLD_ALREADY_PLACED',
      `${patron.name} already has a hold on "${title.title}": look after that hold instead of placing another.`,
    );
  }
  if (asked.hasCopyOnLoan) {
    return conflict(
      'HOLD_ALREADY_ON_LOAN',
      `${patron.name} has a copy of "${title.title}" on loan already: renew that loan instead of placing a hold.`,
    );
  }
  return null;
}

/** What staff may do to a placed hold. */
export type HoldChange = 'suspend' | 'resume' | 'changePickup' | 'cancel';

/** Null when the change may be made to a hold in this status; otherwise why not. */
export function refuseHoldChange(change: HoldChange, status: HoldStatus): HoldRefusal | null {
  if (!isActiveHold(status)) {
    return conflict(
      'HOLD_NOT_ACTIVE',
      `This hold is ${status.replace('_', ' ')} already: nothing more can be done to it.`,
      { status },
    );
  }
  if (change === 'cancel' || status === 'waiting') return null;
  const where = status === 'on_shelf' ? 'waits on the hold shelf' : 'is in transit';
  const what =
    change === 'changePickup'
      ? 'its pickup branch cannot change now. Cancel the hold and place a new one if the patron must collect elsewhere.'
      : change === 'suspend'
        ? 'it cannot be suspended now. Cancel it if the patron no longer wants the copy.'
        : 'it is not suspended.';
  return conflict('HOLD_ALREADY_TRAPPED', `A copy for this hold ${where}: ${what}`, { status });
}

/**
 * Null when `until` ('YYYY-MM-DD') is a date after `today` and at most MAX_SUSPEND_DAYS ahead;
 * otherwise why it is not.
 */
export function refuseSuspendUntil(until: string, today: string): HoldRefusal | null {
  if (parseCalendarDate(until) === null) {
    return badDate(`"${until}" is not a date: give the day the hold starts again, as YYYY-MM-DD.`);
  }
  if (until <= today) {
    return badDate('A hold can be suspended only until a day after today: choose a later day.');
  }
  const latest = addDays(today, MAX_SUSPEND_DAYS);
  if (until > latest) {
    return badDate(
      `A hold can be suspended for at most a year (until ${latest}): cancel it instead if the patron will not want it before then.`,
    );
  }
  return null;
}

export function isActiveHold(status: HoldStatus): boolean {
  return (ACTIVE_HOLD_STATUSES as readonly HoldStatus[]).includes(status);
}

/**
 * Each waiting hold's place in its title's queue, 1-based, in queue order; suspended holds keep
 * their place (suspension pauses a hold, it does not send it to the back). Holds that are not
 * waiting have no position.
 */
export function queuePositions(holds: readonly QueuedHold[]): Map<number, number> {
  const positions = new Map<number, number>();
  const nextByTitle = new Map<number, number>();
  for (const hold of holds.filter((h) => h.status === 'waiting').toSorted(byQueueOrder)) {
    const position = (nextByTitle.get(hold.titleId) ?? 0) + 1;
    nextByTitle.set(hold.titleId, position);
    positions.set(hold.id, position);
  }
  return positions;
}

function conflict(
  code: ErrorCode,
  message: string,
  details?: Record<string, unknown>,
): HoldRefusal {
  return { code, status: 409, message, ...(details ? { details } : {}) };
}

function badDate(message: string): HoldRefusal {
  return { code: 'HOLD_SUSPEND_DATE_INVALID', status: 400, message };
}
