// What processing decides for one offline transaction: the outcome staff see in the report, the
// reasons behind it, and the changes the server makes to loans and items.
import { z } from 'zod';
import { ItemStatus, PatronStatus } from '../api/circulation.ts';

/** The four outcomes the report counts. Every transaction gets exactly one. */
export const ProcessingOutcome = z.enum([
  /** Done as recorded. */
  'applied',
  /** Done as recorded (the patron has the item), but staff should look: see the codes. */
  'applied_with_warning',
  /** Not done: a barcode is unknown. Kept for a supervisor to fix and apply again, or dismiss. */
  'exception',
  /** Nothing to change (already so, or not something Circa records); reported, never dropped. */
  'noted',
]);
export type ProcessingOutcome = z.infer<typeof ProcessingOutcome>;

/** Why a transaction got its outcome. The report filters and explains by these. */
export const OutcomeCode = z.enum([
  // applied_with_warning
  'PATRON_EXPIRED',
  'PATRON_BLOCKED',
  'ITEM_STATUS_LOST',
  'ITEM_STATUS_MISSING',
  'ITEM_STATUS_DAMAGED',
  'ITEM_STATUS_WITHDRAWN',
  /** The item was on loan to someone else; that loan was checked in at the offline time. */
  'CHECKED_IN_FROM_OTHER_PATRON',
  /** The snapshot's block list named the card and staff chose "Lend anyway". */
  'LENT_ANYWAY',
  /** A check-in of an item that was not on loan: it is made available (and routed) all the same. */
  'ITEM_NOT_ON_LOAN',
  /** An offline renewal past the loan rule's renewal limit (warning or exception, as the library sets). */
  'RENEWAL_LIMIT_REACHED',
  /** An offline renewal of a loan another patron's hold was waiting for (warning or exception). */
  'RENEWAL_HOLD_WAITING',
  // actions: the item is physically on the returns trolley and must go somewhere
  /** Checked in and caught for a hold at this branch: put it on the hold shelf. */
  'TO_HOLD_SHELF',
  /** Checked in and needed elsewhere (a hold at another branch, or home): send it in transit. */
  'TO_TRANSIT',
  // exception
  'UNKNOWN_PATRON',
  'UNKNOWN_ITEM',
  /** The due date is before the check-out or past the longest loan the library allows. */
  'DUE_DATE_OUT_OF_BOUNDS',
  /** The time is in the future beyond the allowed clock skew, or older than any outage. */
  'TIME_OUT_OF_BOUNDS',
  /** Only a supervisor could have done this online, and the library holds such loans for one. */
  'HELD_FOR_SUPERVISOR',
  /** A loan on a card registered offline whose registration is held: waits for a supervisor. */
  'WAITING_FOR_REGISTRATION',
  /** A registration whose card barcode another patron already has. */
  'BARCODE_IN_USE',
  /** A registration with the same name and the same email or phone as an existing patron. */
  'LIKELY_DUPLICATE_PATRON',
  /** A registration naming a patron type the library does not have. */
  'UNKNOWN_PATRON_TYPE',
  /** A renewal of an item that is not on loan to that patron. */
  'NOT_ON_LOAN_TO_PATRON',
  // noted
  /** Checked out offline to the patron who already had it on loan: the existing loan is kept. */
  'ALREADY_ON_LOAN_TO_PATRON',
  /** The item was checked in online after this offline check-in: nothing left to change. */
  'RETURNED_LATER',
  /** The loan was renewed online after this offline renewal to a later due date: kept. */
  'RENEWED_LATER',
  /** The item's current loan began after this transaction happened, so it is left alone. */
  'LENT_AGAIN_LATER',
  /** A fine payment from a .koc file: Circa does not keep fines. */
  'PAYMENT_NOT_SUPPORTED',
]);
export type OutcomeCode = z.infer<typeof OutcomeCode>;

const Id = z.number().int();
const EpochMs = z.number().int();

/** One change to make, in order, in the same database transaction as the outcome. */
export const ProcessingEffect = z.discriminatedUnion('kind', [
  /** Close the loan: the item came back (or passed to another patron) at `at`. */
  z.object({ kind: z.literal('checkInLoan'), loanId: Id, at: EpochMs }),
  /** Open a loan from the offline check-out, with the due date the patron was told. */
  z.object({
    kind: z.literal('createLoan'),
    patronId: Id,
    itemId: Id,
    checkedOutAt: EpochMs,
    dueAt: EpochMs,
  }),
  z.object({ kind: z.literal('setItemStatus'), itemId: Id, status: ItemStatus }),
  /** Register the patron an offline desk gave a new card to (decideRegistration.ts). */
  z.object({
    kind: z.literal('createPatron'),
    barcode: z.string(),
    name: z.string(),
    patronTypeId: Id,
    homeBranchId: Id,
    /** 'YYYY-MM-DD': the new card's last valid day. */
    expiresOn: z.string(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
  }),
  /** Extend the open loan to the due date the patron was told offline; recorded as a renewal. */
  z.object({
    kind: z.literal('renewLoan'),
    loanId: Id,
    renewedAt: EpochMs,
    previousDueAt: EpochMs,
    dueAt: EpochMs,
    /** The loan's renewal count after this renewal. */
    renewalCount: z.number().int().min(1),
  }),
  /** Add uses counted at the desk to the item's in-house use count. */
  z.object({ kind: z.literal('addInHouseUses'), itemId: Id, count: z.number().int().min(1) }),
]);
export type ProcessingEffect = z.infer<typeof ProcessingEffect>;

export const Decision = z.object({
  outcome: ProcessingOutcome,
  /**
   * Empty for a plain `applied`; otherwise at least one. A check-in that must go somewhere carries
   * an action code (TO_HOLD_SHELF, TO_TRANSIT) added after routing: `applied` with an action code is
   * still a plain success, the code tells staff where the item goes.
   */
  codes: z.array(OutcomeCode),
  /** Empty for `exception` and `noted`: nothing in the library changes. */
  effects: z.array(ProcessingEffect),
  /** One or two sentences for the report: what happened and what to do next. */
  message: z.string().min(1),
  /** The patron whose loan was checked in, or who has the item under a later loan. */
  previousPatronBarcode: z.string().optional(),
  /**
   * It did what only a supervisor may do online (see SUPERVISOR_ONLY_CODES): listed for supervisors
   * to review with who sent it, whether it was applied or held.
   */
  supervisorReview: z.boolean().optional(),
});
export type Decision = z.infer<typeof Decision>;

/** What the server found for the transaction's barcodes, at the moment it is applied. */
export const ProcessingState = z.object({
  /** The patron with the transaction's patron barcode; null when unknown (or not asked for). */
  patron: z.object({ id: Id, status: PatronStatus, blockReason: z.string().nullable() }).nullable(),
  /** The item with the transaction's item barcode; null when unknown (or not asked for). */
  item: z
    .object({
      id: Id,
      status: ItemStatus,
      /** The item's open loan, if any. */
      currentLoan: z
        .object({
          loanId: Id,
          patronId: Id,
          patronBarcode: z.string(),
          /** When that loan began (epoch ms): a later loan is never undone by an older scan. */
          checkedOutAt: EpochMs,
          /** When it is due now (epoch ms): a renewal never shortens it. */
          dueAt: EpochMs,
          renewalCount: z.number().int().min(0),
        })
        .nullable(),
      /**
       * When its latest closed loan was returned (epoch ms), or null: an offline check-in older than
       * that return has nothing left to close.
       */
      lastReturnedAt: EpochMs.nullable(),
    })
    .nullable(),
  /**
   * The offline registration of a check-out's or renewal's card is held as an exception: the loan
   * waits for a supervisor, never failing as an unknown patron nor going to whoever has the card.
   */
  cardRegistrationHeld: z.boolean().optional(),
  /** For a registration: what the library already has that the new patron could clash with. */
  registration: z
    .object({
      /** The patron who already has the new card's barcode. */
      cardOwner: z.object({ id: Id, barcode: z.string(), name: z.string() }).nullable(),
      /** An existing patron with the same name and the same email or phone (see isLikelyDuplicate). */
      likelyDuplicate: z.object({ id: Id, barcode: z.string(), name: z.string() }).nullable(),
      /** The patron type named by its code, with its card period; null when the library has none. */
      patronType: z.object({ id: Id, cardMonths: z.number().int().min(0) }).nullable(),
      /** The sending workstation's branch: the new patron's home branch. */
      homeBranchId: Id,
      /** 'YYYY-MM-DD' at that branch on the day of the registration: the card starts then. */
      today: z.string(),
    })
    .optional(),
  /** The time zone of the transaction's branch: a "Returned on" day ends at 23:59 there. */
  branchTimeZone: z.string().optional(),
  /**
   * What the renewal rules say of the item's open loan, asked for renewals only: the renewal limit
   * of its loan rule (null when no rule matches: no limit to apply), and whether another patron's
   * hold waits for this copy.
   */
  renewal: z
    .object({ renewalsAllowed: z.number().int().min(0).nullable(), holdWaiting: z.boolean() })
    .optional(),
});
export type ProcessingState = z.infer<typeof ProcessingState>;

/**
 * What a desk user may not do online without a supervisor: take an item from another patron
 * (override, 403), lend a lost, missing or withdrawn item or lend to a blocked card (409). Offline
 * the patron has the item already, so such a loan is applied and flagged, or held, as the library
 * sets (OfflineOverridePolicy), and always listed for supervisors to review.
 */
export const SUPERVISOR_ONLY_CODES: ReadonlySet<OutcomeCode> = new Set<OutcomeCode>([
  'CHECKED_IN_FROM_OTHER_PATRON',
  'PATRON_BLOCKED',
  'ITEM_STATUS_LOST',
  'ITEM_STATUS_MISSING',
  'ITEM_STATUS_WITHDRAWN',
  // Staff chose "Lend anyway" over the block list: online only a supervisor lends to a listed card.
  'LENT_ANYWAY',
]);

/** What processing does with a check-out only a supervisor could have made online. */
export const OfflineOverridePolicy = z.enum([
  /** Make the loan (the patron has the item) and list it for supervisors to review. */
  'apply_and_flag',
  /** Make no loan until a supervisor applies it from the exceptions queue. */
  'hold',
]);
export type OfflineOverridePolicy = z.infer<typeof OfflineOverridePolicy>;

/** What processing does with an offline renewal a rule would refuse online (library setting). */
export const OfflineRenewalRefusal = z.enum([
  /** Extend the loan as the patron was told, and say which rule it passed. */
  'apply_with_warning',
  /** Leave the loan as it was and keep the renewal in the exceptions queue. */
  'exception',
]);
export type OfflineRenewalRefusal = z.infer<typeof OfflineRenewalRefusal>;

/** Short names for the report's counts and filters. */
export const PROCESSING_OUTCOME_LABELS: Record<ProcessingOutcome, string> = {
  applied: 'Applied',
  applied_with_warning: 'Applied with warning',
  exception: 'Exception',
  noted: 'Noted',
};

/** Short names for the report's reason column and filters. */
export const OUTCOME_CODE_LABELS: Record<OutcomeCode, string> = {
  PATRON_EXPIRED: 'Patron expired',
  PATRON_BLOCKED: 'Patron blocked',
  ITEM_STATUS_LOST: 'Item was marked lost',
  ITEM_STATUS_MISSING: 'Item was marked missing',
  ITEM_STATUS_DAMAGED: 'Item is marked damaged',
  ITEM_STATUS_WITHDRAWN: 'Item is marked withdrawn',
  CHECKED_IN_FROM_OTHER_PATRON: 'Checked in from another patron',
  LENT_ANYWAY: 'Lent anyway (block list)',
  RENEWAL_LIMIT_REACHED: 'Renewal limit reached',
  RENEWAL_HOLD_WAITING: 'Renewed past a hold',
  TO_HOLD_SHELF: 'To hold shelf',
  TO_TRANSIT: 'To send in transit',
  WAITING_FOR_REGISTRATION: 'Waiting for the registration',
  BARCODE_IN_USE: 'Card barcode already in use',
  LIKELY_DUPLICATE_PATRON: 'Likely duplicate patron',
  UNKNOWN_PATRON_TYPE: 'Unknown patron type',
  NOT_ON_LOAN_TO_PATRON: 'Not on loan to this patron',
  RETURNED_LATER: 'Returned later',
  RENEWED_LATER: 'Renewed later',
  UNKNOWN_PATRON: 'Unknown patron barcode',
  UNKNOWN_ITEM: 'Unknown item barcode',
  DUE_DATE_OUT_OF_BOUNDS: 'Due date out of bounds',
  TIME_OUT_OF_BOUNDS: 'Time out of bounds',
  HELD_FOR_SUPERVISOR: 'Held for a supervisor',
  ALREADY_ON_LOAN_TO_PATRON: 'Already on loan to this patron',
  ITEM_NOT_ON_LOAN: 'Item was not on loan',
  LENT_AGAIN_LATER: 'Lent again later',
  PAYMENT_NOT_SUPPORTED: 'Payment not supported',
};
