// Every API error: a stable code a screen can branch on, and a message a person can act on.
import { z } from 'zod';

export const ERROR_CODES = [
  'BAD_REQUEST',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'CSRF_REJECTED',
  'NOT_FOUND',
  'SIGN_IN_FAILED',
  /** Too many failed sign-ins for this username from this address (429): wait, then try again. */
  'SIGN_IN_THROTTLED',
  'WORKSTATION_REQUIRED',
  'INVALID_BARCODE',
  'PATRON_NOT_FOUND',
  'ITEM_NOT_FOUND',
  'PATRON_EXPIRED',
  'PATRON_BLOCKED',
  'MAX_ITEMS_REACHED',
  'ITEM_ON_LOAN',
  'ITEM_NOT_LOANABLE',
  /** The item is marked damaged (409): lend it only after staff have looked, with `confirmDamaged`. */
  'ITEM_NEEDS_A_LOOK',
  'NO_LOAN_RULE',
  'ITEM_NOT_ON_LOAN',
  /** The item was caught for another patron's hold (409); a supervisor may lend it anyway. */
  'ITEM_ON_HOLD_FOR_ANOTHER',
  /** Clearing the hold shelf: the item is not on this branch's hold shelf (409). */
  'ITEM_NOT_ON_HOLD_SHELF',
  /** Clearing the hold shelf: the item's hold has not expired yet (409). */
  'HOLD_NOT_EXPIRED',
  /** The loan has been renewed as often as its loan rule allows (409); a supervisor may override. */
  'RENEWAL_LIMIT_REACHED',
  /** Another patron has a hold this item could fill (409); a supervisor may override. */
  'RENEWAL_HOLD_WAITING',
  /** The item is marked lost (409): its loan is not renewed; a supervisor may override. */
  'ITEM_LOST',
  /** The loan is returned (or gone), so there is nothing to renew (409); no override. */
  'LOAN_NOT_OPEN',
  /** The loan changed at another desk while it was being renewed (409): look again and retry. */
  'LOAN_CHANGED',
  'CLOSED_DAY_EXISTS',
  'EXCEPTION_ALREADY_RESOLVED',
  /** A new card or item barcode is already on another record (409); it never says whose. */
  'BARCODE_IN_USE',
  /** The item is withdrawn (409): it is kept for history and nothing more is done with it. */
  'ITEM_WITHDRAWN',
  'PAYLOAD_TOO_LARGE',
  'RATE_LIMITED',
  /** The server's database disk is full (507): nothing was saved. */
  'DATABASE_FULL',
  /** The database's disk failed or turned read-only (503): nothing was saved. */
  'DATABASE_WRITE_FAILED',
  /** The database cannot be reached just now (503): try again. */
  'DATABASE_UNAVAILABLE',
  'INTERNAL',
  /** A record with this code, name or combination exists already (409). */
  'ALREADY_EXISTS',
  /** The record is in use and cannot be removed; the message says by what (409). */
  'IN_USE',
  /** The change would leave the library without an active administrator (409). */
  'LAST_ADMINISTRATOR',
  /** The account has been disabled by an administrator (403 at sign-in). */
  'ACCOUNT_DISABLED',
  // Holds (issue 12): placing one, and looking after it once placed.
  /** The patron's card is blocked (409): no holds until the block is lifted. */
  'HOLD_PATRON_BLOCKED',
  /** The patron's card has expired (409): renew the card first. */
  'HOLD_PATRON_EXPIRED',
  /** The patron already has an active hold on this title (409). */
  'HOLD_ALREADY_PLACED',
  /** The patron has a copy of this title on loan (409): renew it instead. */
  'HOLD_ALREADY_ON_LOAN',
  /** The copy asked for is lost, missing or withdrawn (409): hold any copy instead. */
  'HOLD_ITEM_UNAVAILABLE',
  /** No branch has the pickup branch code given (400). */
  'HOLD_PICKUP_BRANCH_UNKNOWN',
  /** A copy is in transit or on the hold shelf for this hold (409): its pickup branch is fixed. */
  'HOLD_ALREADY_TRAPPED',
  /** The hold was fulfilled, cancelled or expired already (409). */
  'HOLD_NOT_ACTIVE',
  /** The suspension date is not a date after today and within a year (400). */
  'HOLD_SUSPEND_DATE_INVALID',
] as const;
export const ErrorCode = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const ApiError = z.object({
  error: z.object({
    code: ErrorCode,
    message: z.string(),
    /** Extra facts for the screen, e.g. who has the item, or which field was wrong. */
    details: z.record(z.string(), z.unknown()).optional(),
  }),
});
export type ApiError = z.infer<typeof ApiError>;
