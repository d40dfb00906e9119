// An offline transaction is a claim by a workstation about what happened while the server could not
// check. These rules bound what a claim may say before the server acts on it; pure and cheap, run
// once per transaction (see docs/security.md, "The offline path").
import { toldDueAt, type OfflineTransaction } from './transaction.ts';

const DAY_MS = 86_400_000;

/**
 * How far ahead of the server's clock a transaction's corrected time may lie. The client corrects
 * its clock by the offset measured at install, so what remains is drift since then.
 */
export const MAX_CLOCK_SKEW_MS = 15 * 60_000;

/**
 * How long before its upload a transaction may have happened: a year, as long as the snapshot
 * knows closed days ahead (SNAPSHOT_CLOSED_DAYS_AHEAD_DAYS). An older claim is not an outage.
 */
export const MAX_CLAIM_AGE_MS = 366 * DAY_MS;

/**
 * Days a due date may lie past the longest loan period: a due date on a closed day moves to the
 * next open day, and a branch may be closed for a fortnight over the holidays. Plus the day the
 * loan period is counted from (due at 23:59 local, in any time zone).
 */
export const CLOSED_DAYS_SLACK_DAYS = 15;

/** The types the offline client records; anything else comes from a file a supervisor uploads. */
export const DESK_TRANSACTION_TYPES: ReadonlySet<OfflineTransaction['type']> = new Set<
  OfflineTransaction['type']
>(['check_out', 'check_in', 'renewal', 'in_house_use', 'registration']);

/** Why a desk upload is refused whole. */
export interface DeskClaimRefusal {
  /** Position in the request's `transactions`, from 0. */
  index: number;
  field: 'type' | 'workstation';
  message: string;
}

/**
 * What in a desk send no offline client ever sends: a type other than a check-out, or a workstation
 * other than the one the sender is signed in at. Empty when the send may be stored.
 */
export function refuseDeskClaims(
  transactions: readonly Pick<OfflineTransaction, 'type' | 'workstation'>[],
  senderWorkstation: string,
): DeskClaimRefusal[] {
  const refusals: DeskClaimRefusal[] = [];
  transactions.forEach((t, index) => {
    if (!DESK_TRANSACTION_TYPES.has(t.type)) {
      refusals.push({
        index,
        field: 'type',
        message: `a ${t.type.replace('_', '-')} is not something the offline client records; a supervisor uploads it as a file`,
      });
    }
    if (t.workstation !== senderWorkstation) {
      refusals.push({
        index,
        field: 'workstation',
        message: `it names workstation ${t.workstation}, but it was sent from ${senderWorkstation}`,
      });
    }
  });
  return refusals;
}

/** What the library allows, read once per batch. */
export interface ClaimLimits {
  /** When the upload that brought the transaction was received (epoch ms, server clock). */
  receivedAt: number;
  /** The longest loan period of any loan rule, or the default loan period if longer. */
  longestLoanDays: number;
  /** The longest Special Loan the library allows offline (library setting). */
  specialLoanMaxDays: number;
}

export type ClaimHoldCode = 'DUE_DATE_OUT_OF_BOUNDS' | 'TIME_OUT_OF_BOUNDS';

/** A plausible claim outside the bounds: kept for a supervisor, never applied on its own. */
export interface ClaimHold {
  code: ClaimHoldCode;
  message: string;
}

/** The latest due date a check-out at `at` may carry under the limits (epoch ms). */
export function latestDueAt(
  at: number,
  basis: { kind: string },
  limits: Pick<ClaimLimits, 'longestLoanDays' | 'specialLoanMaxDays'>,
): number {
  const days = basis.kind === 'rule' ? limits.longestLoanDays : limits.specialLoanMaxDays;
  return at + (days + CLOSED_DAYS_SLACK_DAYS + 1) * DAY_MS;
}

/**
 * The bounds a transaction breaks, given when it happened by the server's clock (`at`): a time
 * outside the workstation's outage window (timeOutOfWindow), and for a check-out a due date before
 * its day or past the longest loan the library allows.
 */
export function claimHolds(t: OfflineTransaction, at: number, limits: ClaimLimits): ClaimHold[] {
  const holds: ClaimHold[] = [];
  const outOfWindow = timeOutOfWindow(t, at, limits.receivedAt);
  if (outOfWindow !== null) holds.push({ code: 'TIME_OUT_OF_BOUNDS', message: outOfWindow });
  const told = toldDueAt(t);
  if (told !== null) {
    const latest = latestDueAt(at, told.basis, limits);
    if (told.dueAt > latest || told.dueAt < at - DAY_MS) {
      const day = t.type === 'renewal' ? 'the renewal' : 'the check-out';
      holds.push({
        code: 'DUE_DATE_OUT_OF_BOUNDS',
        message:
          told.dueAt > latest
            ? `Its due date ${iso(told.dueAt)} is later than the longest loan the library allows (${iso(latest)}).`
            : `Its due date ${iso(told.dueAt)} is before the day of ${day}.`,
      });
    }
  }
  if (t.type === 'check_in' && t.returnedOn !== undefined) {
    const outOfBounds = returnedOnOutOfBounds(t.returnedOn, at);
    if (outOfBounds !== null) holds.push({ code: 'TIME_OUT_OF_BOUNDS', message: outOfBounds });
  }
  return holds;
}

/**
 * A "Returned on" day is on or before the day of the check-in (a day's slack for the branch's time
 * zone, whatever it is) and no more than a year before it: the book drop is not an archive.
 */
function returnedOnOutOfBounds(returnedOn: string, at: number): string | null {
  const latest = utcDay(at + DAY_MS);
  const earliest = utcDay(at - MAX_CLAIM_AGE_MS);
  if (returnedOn > latest) {
    return `It says the item was returned on ${returnedOn}, after the check-in (${iso(at)}).`;
  }
  if (returnedOn < earliest) {
    return `It says the item was returned on ${returnedOn}, more than a year before the check-in (${iso(at)}).`;
  }
  return null;
}

/** The UTC day of an instant, clamped to a Date's range (a claim may be absurd). */
function utcDay(ms: number): string {
  const limit = 8_640_000_000_000_000;
  return new Date(Math.max(-limit, Math.min(limit, ms))).toISOString().slice(0, 10);
}

/**
 * Why the claimed time lies outside the outage window, or null: in the future beyond the allowed
 * skew, older than any outage, or before the snapshot it was recorded with (the snapshot was built
 * while the server was up, so the outage began after it). The snapshot's time is a claim too: it
 * can be no later than the upload's arrival.
 */
function timeOutOfWindow(t: OfflineTransaction, at: number, receivedAt: number): string | null {
  if (at > receivedAt + MAX_CLOCK_SKEW_MS) {
    return `It claims to have happened at ${iso(at)}, after it reached the server (${iso(receivedAt)}).`;
  }
  if (at < receivedAt - MAX_CLAIM_AGE_MS) {
    return `It claims to have happened at ${iso(at)}, more than a year before it reached the server.`;
  }
  if (t.snapshotAt === undefined) return null;
  if (t.snapshotAt > receivedAt + MAX_CLOCK_SKEW_MS) {
    return `It claims to have been recorded with a snapshot from ${iso(t.snapshotAt)}, after it reached the server (${iso(receivedAt)}).`;
  }
  if (at < t.snapshotAt - MAX_CLOCK_SKEW_MS) {
    return `It claims to have happened at ${iso(at)}, before the snapshot it was recorded with was made (${iso(t.snapshotAt)}).`;
  }
  return null;
}

/** ISO 8601, or the raw number when out of a Date's range (a claim may be absurd). */
function iso(ms: number): string {
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? String(ms) : date.toISOString();
}
