// Sending offline transactions to the server, the report on what became of them, and the
// exceptions queue supervisors work through.
import { z } from 'zod';
import { WorkstationNameInput } from '../workstations/workstationName.ts';
import { BarcodeInput } from './circulation.ts';
import { OutcomeCode } from '../processing/outcome.ts';

/** Where an upload came from: the offline client sending its outbox, or a file a supervisor chose. */
export const OfflineUploadSource = z.enum(['client', 'file', 'koc']);
export type OfflineUploadSource = z.infer<typeof OfflineUploadSource>;

/**
 * What became of a transaction on the server. `pending` until processed; `exception` until a
 * supervisor re-applies it (then `applied…`) or dismisses it (`dismissed`).
 */
export const OfflineTransactionStatus = z.enum([
  'pending',
  'applied',
  'applied_with_warning',
  'exception',
  'noted',
  'dismissed',
]);
export type OfflineTransactionStatus = z.infer<typeof OfflineTransactionStatus>;

/** What a supervisor did to an exception. */
export const ExceptionActionKind = z.enum([
  'reapplied',
  'dismissed',
  // A supervisor's decision on an offline registration (RegistrationDecision).
  'registered_new_patron',
  'merged_with_patron',
  'lent_to_card_owner',
]);
export type ExceptionActionKind = z.infer<typeof ExceptionActionKind>;

/**
 * Most bytes of one upload body (JSON from the offline client, or a file). A transaction is ~400
 * bytes, so this holds ~80,000: weeks of a busy branch. Larger backlogs are sent in parts.
 */
export const MAX_UPLOAD_BYTES = 32 * 1024 * 1024;
/** Most transactions in one request from the offline client; it sends larger outboxes in parts. */
export const MAX_TRANSACTIONS_PER_UPLOAD = 50_000;

/** POST /api/offline/transactions: the offline client's outbox. Each element is checked on its own. */
export const SendOfflineTransactionsRequest = z.object({
  transactions: z
    .array(z.unknown())
    .min(1, 'Send at least one transaction.')
    .max(
      MAX_TRANSACTIONS_PER_UPLOAD,
      `Send at most ${MAX_TRANSACTIONS_PER_UPLOAD} transactions at once; send the rest in another request.`,
    ),
});
export type SendOfflineTransactionsRequest = z.infer<typeof SendOfflineTransactionsRequest>;

/** Why one transaction of an upload was refused (the whole upload is refused with it). */
export const InvalidOfflineTransaction = z.object({
  /** Position in `transactions`, from 0. */
  index: z.number().int(),
  /** The field, as a dotted path (`dueDateBasis.kind`); null when the whole element is wrong. */
  field: z.string().nullable(),
  message: z.string(),
});
export type InvalidOfflineTransaction = z.infer<typeof InvalidOfflineTransaction>;

/** How many transactions have each status. */
export const OutcomeSummary = z.object({
  total: z.number().int(),
  pending: z.number().int(),
  applied: z.number().int(),
  appliedWithWarning: z.number().int(),
  exception: z.number().int(),
  noted: z.number().int(),
  dismissed: z.number().int(),
});
export type OutcomeSummary = z.infer<typeof OutcomeSummary>;

/** Two stored transactions claiming the same workstation and sequence number. */
export const SequenceConflict = z.object({
  workstation: z.string(),
  sequence: z.number().int(),
  transactionIds: z.array(z.string()),
});
export type SequenceConflict = z.infer<typeof SequenceConflict>;

/**
 * The answer to an upload, sent only after every transaction is durably stored: the client may
 * then mark them sent. `summary` covers every transaction of the request, new or repeated.
 */
export const OfflineUploadResult = z.object({
  uploadId: z.number().int(),
  received: z.number().int(),
  stored: z.number().int(),
  duplicates: z.number().int(),
  sequenceConflicts: z.array(SequenceConflict),
  summary: OutcomeSummary,
});
export type OfflineUploadResult = z.infer<typeof OfflineUploadResult>;

export const StaffName = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
});

export const OfflineUpload = z.object({
  id: z.number().int(),
  /** Epoch ms. */
  receivedAt: z.number().int(),
  staff: StaffName,
  workstation: z.string().nullable(),
  source: OfflineUploadSource,
  fileName: z.string().nullable(),
  transactionCount: z.number().int(),
  newCount: z.number().int(),
  duplicateCount: z.number().int(),
  /** Outcomes of the transactions this upload stored first. */
  summary: OutcomeSummary,
});
export type OfflineUpload = z.infer<typeof OfflineUpload>;

/** Where a check-in sent the item: it sits on the returns trolley until staff take it there. */
export const TransactionRouting = z.object({
  to: z.enum(['hold_shelf', 'transit']),
  /** The branch whose hold shelf it goes on, or that it is sent to. */
  branchCode: z.string(),
  branchName: z.string(),
  /** The hold's patron as the hold slip names them ("REA, A."); null when there is no hold. */
  patronShortName: z.string().nullable(),
  holdId: z.number().int().nullable(),
});
export type TransactionRouting = z.infer<typeof TransactionRouting>;

/** "Lend anyway": the block list named the card and staff lent all the same. */
export const LentAnywayView = z.object({
  reason: z.enum(['blocked', 'expired']),
  /** Epoch ms the block list was made. */
  listMadeAt: z.number().int(),
});

/** The patron an offline registration created. */
export const CreatedPatronView = z.object({
  id: z.number().int(),
  barcode: z.string(),
  name: z.string(),
});

export const OfflineTransactionView = z.object({
  id: z.string(),
  uploadId: z.number().int(),
  type: z.enum(['check_out', 'check_in', 'renewal', 'in_house_use', 'registration', 'payment']),
  workstation: z.string(),
  sequence: z.number().int(),
  /** The branch of the workstation as the server knows it (not as the transaction claims). */
  branchCode: z.string(),
  /** Recorded by: the staff member the workstation says it was (a claim, not verified). */
  staffUsername: z.string(),
  /** Sent by: the signed-in staff member who uploaded it (verified by their session). */
  sentBy: StaffName,
  /** The workstation the sender was signed in at; null for uploads stored before it was kept. */
  sentFrom: z.string().nullable(),
  /** 'client' from a desk's outbox; 'file' or 'koc' for a file a supervisor uploaded. */
  uploadSource: OfflineUploadSource,
  /** It did what only a supervisor may do online: listed for supervisors to review. */
  supervisorReview: z.boolean(),
  /** Epoch ms by the workstation's clock, and corrected to the server's. */
  occurredAt: z.number().int(),
  correctedAt: z.number().int(),
  /** 'YYYY-MM-DD' in the branch's time zone. */
  day: z.string(),
  /** As recorded, or as corrected by a supervisor. */
  patronBarcode: z.string().nullable(),
  itemBarcode: z.string().nullable(),
  /** The patron's name, when the library knows the barcode (reports only; null elsewhere). */
  patronName: z.string().nullable(),
  /** The item's title, when the library knows the barcode (reports only; null elsewhere). */
  itemTitle: z.string().nullable(),
  dueAt: z.number().int().nullable(),
  status: OfflineTransactionStatus,
  /** The processing rules' codes, the main one first. */
  codes: z.array(OutcomeCode),
  message: z.string().nullable(),
  /**
   * Who had the item before (a loan checked in, or a later loan kept); on a check-in, the patron
   * who returned it. Borrowing history: null unless the reader may see previous borrowers.
   */
  previousPatronBarcode: z.string().nullable(),
  /** That patron's name, when the library knows the barcode (reports only; null elsewhere). */
  previousPatronName: z.string().nullable(),
  /** A check-in's next stop for the item: a hold shelf, or a transit; null otherwise. */
  routing: TransactionRouting.nullable(),
  /** A registration's new patron, once created; null otherwise (or when it is gone). */
  createdPatron: CreatedPatronView.nullable(),
  /** A check-in's "Returned on" day ('YYYY-MM-DD'), when the item came back earlier. */
  returnedOn: z.string().nullable(),
  /** An in-house use's count of uses. */
  count: z.number().int().nullable(),
  /** A check-out lent to a card the block list named. */
  lentAnyway: LentAnywayView.nullable(),
  /**
   * Settled longer ago than the library keeps loan history: the patron barcodes are gone (null)
   * and the message says "(forgotten)" where it named them.
   */
  patronForgotten: z.boolean(),
  arrivedLate: z.boolean(),
  loanId: z.number().int().nullable(),
  processedAt: z.number().int().nullable(),
});
export type OfflineTransactionView = z.infer<typeof OfflineTransactionView>;

export const ReportQuery = z.object({
  uploadId: z.coerce.number().int().min(1).optional(),
  workstation: WorkstationNameInput.optional(),
  day: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a day in the form YYYY-MM-DD.')
    .optional(),
  /** Only transactions with this status. */
  outcome: OfflineTransactionStatus.optional(),
  /**
   * `supervisor`: only those that did what only a supervisor may do online; `lent_anyway`: only
   * check-outs lent to a card the block list named.
   */
  review: z.enum(['supervisor', 'lent_anyway']).optional(),
  /**
   * Sequence numbers from and to (with a workstation): one sending's transactions, whichever
   * upload stored them first.
   */
  fromSequence: z.coerce.number().int().min(0).optional(),
  toSequence: z.coerce.number().int().min(0).optional(),
  limit: z.coerce.number().int().min(1).max(5_000).default(500),
  offset: z.coerce.number().int().min(0).default(0),
});
export type ReportQuery = z.infer<typeof ReportQuery>;

/** An item on the returns trolley that a check-in sent to a hold shelf or into transit. */
export const RoutedItem = z.object({
  transactionId: z.string(),
  itemBarcode: z.string(),
  itemTitle: z.string().nullable(),
  routing: TransactionRouting,
});
export type RoutedItem = z.infer<typeof RoutedItem>;

/** A patron an offline registration created. */
export const NewPatron = CreatedPatronView.extend({ transactionId: z.string() });
export type NewPatron = z.infer<typeof NewPatron>;

export const OfflineReport = z.object({
  /** Counts for the upload, workstation and day asked for, whatever the outcome filter. */
  summary: OutcomeSummary,
  /**
   * What staff act on first, for the same scope whatever the filters: items to take to a hold
   * shelf, items to send in transit, patrons registered, and how many were lent anyway.
   */
  toHoldShelf: z.array(RoutedItem),
  toTransit: z.array(RoutedItem),
  newPatrons: z.array(NewPatron),
  lentAnyway: z.number().int(),
  /** Transactions matching every filter (the page shows `limit` of them from `offset`). */
  total: z.number().int(),
  transactions: z.array(OfflineTransactionView),
});
export type OfflineReport = z.infer<typeof OfflineReport>;

export const OfflineUploadDetail = z.object({
  upload: OfflineUpload,
  report: OfflineReport,
});
export type OfflineUploadDetail = z.infer<typeof OfflineUploadDetail>;

export const WorkstationSequences = z.object({
  workstation: z.string(),
  received: z.number().int(),
  lastSequence: z.number().int(),
  gaps: z.array(
    z.object({
      from: z.number().int(),
      to: z.number().int(),
      /** "transactions 41–43 from workstation DESK-2 have not arrived" */
      message: z.string(),
    }),
  ),
});

export const SequenceReport = z.object({
  workstations: z.array(WorkstationSequences),
  sequenceConflicts: z.array(SequenceConflict.extend({ message: z.string() })),
});
export type SequenceReport = z.infer<typeof SequenceReport>;

export const ExceptionAction = z.object({
  action: ExceptionActionKind,
  /** Dismissed: why. Reapplied: why it is still an exception, or null when it was applied. */
  reason: z.string().nullable(),
  patronBarcode: z.string().nullable(),
  itemBarcode: z.string().nullable(),
  staff: StaffName,
  /** Epoch ms. */
  at: z.number().int(),
});
export type ExceptionAction = z.infer<typeof ExceptionAction>;

export const OfflineException = OfflineTransactionView.extend({
  actions: z.array(ExceptionAction),
});
export type OfflineException = z.infer<typeof OfflineException>;

export const ExceptionsQuery = z.object({
  /** `open`: still to resolve; `all`: also those dismissed or applied again. */
  state: z.enum(['open', 'all']).default('open'),
  limit: z.coerce.number().int().min(1).max(1_000).default(200),
  offset: z.coerce.number().int().min(0).default(0),
});
export type ExceptionsQuery = z.infer<typeof ExceptionsQuery>;

export const ExceptionList = z.object({
  total: z.number().int(),
  exceptions: z.array(OfflineException),
});
export type ExceptionList = z.infer<typeof ExceptionList>;

export const ReapplyExceptionRequest = z.object({
  patronBarcode: BarcodeInput.optional(),
  itemBarcode: BarcodeInput.optional(),
});
export type ReapplyExceptionRequest = z.infer<typeof ReapplyExceptionRequest>;

export const DismissExceptionRequest = z.object({
  reason: z
    .string()
    .trim()
    .min(1, 'Say why you dismiss this exception: type the reason, then choose Dismiss.')
    .max(500, 'Shorten the reason to at most 500 characters.'),
});
export type DismissExceptionRequest = z.infer<typeof DismissExceptionRequest>;

/**
 * What a supervisor decides for a registration held as an exception; either way the loans held on
 * its card are then applied, once.
 */
export const RegistrationDecision = z.enum([
  /** A likely duplicate that is someone else: register the new patron all the same. */
  'register_new_patron',
  /** A likely duplicate that is the same person: the existing patron gets the new card. */
  'merge',
  /** The card already belongs to a patron: the held loans go to that patron. */
  'lend_to_card_owner',
]);
export type RegistrationDecision = z.infer<typeof RegistrationDecision>;

export const RegistrationDecisionRequest = z.object({ decision: RegistrationDecision });
export type RegistrationDecisionRequest = z.infer<typeof RegistrationDecisionRequest>;

export const ExceptionResult = z.object({ exception: OfflineException });
export type ExceptionResult = z.infer<typeof ExceptionResult>;
