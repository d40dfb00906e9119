// Patrons, items, loans, check-out and check-in as the API shows them.
import { z } from 'zod';
import { CheckInRouting } from './holds.ts';
import { BranchSummary } from './session.ts';

export { BarcodeInput } from './barcodeInput.ts';
import { BarcodeInput } from './barcodeInput.ts';

export const PatronStatus = z.enum(['good', 'expired', 'blocked']);
export type PatronStatus = z.infer<typeof PatronStatus>;

export const ItemStatus = z.enum([
  'available',
  'on_loan',
  'lost',
  'missing',
  'damaged',
  'withdrawn',
  // Travelling to another branch (for a hold there, or home); see holds.ts.
  'in_transit',
  // Waiting on a branch's hold shelf for the patron whose hold it fills.
  'on_hold_shelf',
]);
export type ItemStatus = z.infer<typeof ItemStatus>;

export const Patron = z.object({
  id: z.number().int(),
  barcode: z.string(),
  name: z.string(),
  patronType: z.object({ code: z.string(), name: z.string() }),
  homeBranch: BranchSummary,
  /** 'YYYY-MM-DD' */
  expiresOn: z.string(),
  blockReason: z.string().nullable(),
  status: PatronStatus,
});
export type Patron = z.infer<typeof Patron>;

export const Item = z.object({
  id: z.number().int(),
  barcode: z.string(),
  title: z.string(),
  author: z.string(),
  callNumber: z.string(),
  materialType: z.object({ code: z.string(), name: z.string() }),
  branch: BranchSummary,
  status: ItemStatus,
  /** The title its copies share: holds on "any copy" are placed on it. */
  titleId: z.number().int(),
});
export type Item = z.infer<typeof Item>;

/** How a loan was made: at a desk with the server up, or recorded offline and uploaded later. */
export const LoanSource = z.enum(['online', 'offline']);
export type LoanSource = z.infer<typeof LoanSource>;

export const Loan = z.object({
  id: z.number().int(),
  item: z.object({ id: z.number().int(), barcode: z.string(), title: z.string() }),
  patron: z.object({ id: z.number().int(), barcode: z.string(), name: z.string() }),
  /** Epoch ms. */
  checkedOutAt: z.number().int(),
  /** Epoch ms: 23:59 local time at the lending branch on the due day. */
  dueAt: z.number().int(),
  returnedAt: z.number().int().nullable(),
  branchCode: z.string(),
  source: LoanSource,
  /** How many times the loan has been renewed. */
  renewalCount: z.number().int().min(0),
});
export type Loan = z.infer<typeof Loan>;

/**
 * Current loans a patron look-up carries: enough for the desk, and the answer stays small however
 * many items a card has out. The rest come page by page from `GET /api/patrons/:barcode/loans`.
 */
export const PATRON_LOANS_SHOWN = 50;
/** The most loans one page of `GET /api/patrons/:barcode/loans` returns. */
export const PATRON_LOANS_PAGE_MAX = 500;

/** Every current loan on the card, not only those in `loans`. */
const LoanCount = z.number().int().min(0);

export const PatronDetail = z.object({
  patron: Patron,
  loanCount: LoanCount,
  /** The first PATRON_LOANS_SHOWN current loans, soonest due (so overdue) first. */
  loans: z.array(Loan),
});
export type PatronDetail = z.infer<typeof PatronDetail>;

/** A page of a patron's current loans, in the order of `PatronDetail.loans`. */
export const PatronLoansQuery = z.object({
  offset: z.coerce
    .number({ message: 'offset must be a whole number of loans to skip.' })
    .int('offset must be a whole number of loans to skip.')
    .min(0, 'offset cannot be negative.')
    .default(0),
  limit: z.coerce
    .number({ message: 'limit must be a whole number of loans.' })
    .int('limit must be a whole number of loans.')
    .min(1, 'limit must be at least 1.')
    .max(PATRON_LOANS_PAGE_MAX, `limit can be at most ${PATRON_LOANS_PAGE_MAX}.`)
    .default(PATRON_LOANS_SHOWN),
});
export type PatronLoansQuery = z.infer<typeof PatronLoansQuery>;

export const PatronLoans = z.object({ loanCount: LoanCount, loans: z.array(Loan) });
export type PatronLoans = z.infer<typeof PatronLoans>;

export const ItemDetail = z.object({
  item: Item,
  currentLoan: Loan.nullable(),
  /**
   * Every loan of this item ever made, open or returned, including returned loans that have since
   * lost their patron under the library's loan history setting ("Times lent").
   */
  timesLent: z.number().int().min(0),
  /** Times it was used in the library without being lent, as counted at the desk. */
  inHouseUses: z.number().int().min(0),
});
export type ItemDetail = z.infer<typeof ItemDetail>;

export const CheckOutRequest = z.object({
  patronBarcode: BarcodeInput,
  itemBarcode: BarcodeInput,
  /**
   * Supervisors only: when the item is on loan to someone else, check it in first and lend it.
   * Without it the check-out is refused with ITEM_ON_LOAN.
   */
  override: z.boolean().optional(),
  /**
   * Staff have looked at a damaged item and lend it anyway. Without it a damaged item is refused
   * with ITEM_NEEDS_A_LOOK, whose message names its status, so the desk can ask.
   */
  confirmDamaged: z.boolean().optional(),
  /**
   * Supervisors only: lend to a blocked or expired card anyway, for this patron's visit ("Lend
   * anyway (once)"). Each loan made so is written to the audit log with who allowed it and why.
   */
  lendPastCard: z
    .object({
      reason: z
        .string()
        .trim()
        .min(1, 'Say why the card may borrow this time, e.g. "Fine paid, block lifted tomorrow".')
        .max(200, 'A reason has at most 200 characters.'),
    })
    .optional(),
  /**
   * Supervisors only: lend an item that waits for another patron's hold (on the hold shelf or in
   * transit to it) anyway, saying why. Without it the check-out is refused with
   * ITEM_ON_HOLD_FOR_ANOTHER. The other hold goes back to waiting, keeping its place in the queue;
   * the override is written to the audit log with who allowed it and why.
   */
  overrideHold: z
    .object({
      reason: z
        .string()
        .trim()
        .min(1, 'Say why the item may go to this patron, e.g. "Hold patron asked us to lend it".')
        .max(200, 'A reason has at most 200 characters.'),
    })
    .optional(),
});
export type CheckOutRequest = z.infer<typeof CheckOutRequest>;

export const CheckOutResult = z.object({
  loan: Loan,
  /** The loan that was checked in first, when a supervisor overrode ITEM_ON_LOAN. */
  replacedLoan: Loan.nullable(),
});
export type CheckOutResult = z.infer<typeof CheckOutResult>;

export const CheckInRequest = z.object({ itemBarcode: BarcodeInput });
export type CheckInRequest = z.infer<typeof CheckInRequest>;

export const CheckInResult = z.object({
  /** The loan the check-in closed; null when the item was not on loan (received from transit). */
  loan: Loan.nullable(),
  item: Item,
  /** True when the item came back after its due date. */
  overdue: z.boolean(),
  /** True when the item was in transit to this branch and is now received. */
  received: z.boolean(),
  /**
   * When received: the branch it travelled from, for the desk's "Received from <branch>". Optional
   * so an answer without it still reads; the screen then says "Received from transit".
   */
  receivedFrom: BranchSummary.nullable().optional(),
  /** Where the item goes now: the shelves, the hold shelf, or in transit (with a slip to print). */
  routing: CheckInRouting,
});
export type CheckInResult = z.infer<typeof CheckInResult>;

export const BarcodeParams = z.object({ barcode: BarcodeInput });
