// What the offline client downloads at install (and refreshes whenever the staff app opens): all it
// needs to decide due dates and check barcodes with the server gone. It holds no patron names or
// addresses: a lost laptop gives away the loan rules and the calendar, nothing about people.
import { z } from 'zod';
import { ReceivedSequences } from './clientState.ts';
import { BarcodeRules } from '../barcodes/barcodes.ts';
import { CalendarDateSchema } from '../calendar/dueDates.ts';
import { BlockList } from './blockList.ts';

/** Raise when a field is added or changes meaning; the client refuses a snapshot it cannot read. */
export const OFFLINE_SNAPSHOT_VERSION = 1;

/** How far ahead the snapshot lists closed days: a year covers any plausible outage. */
export const SNAPSHOT_CLOSED_DAYS_AHEAD_DAYS = 366;

const EpochMs = z.number().int().min(0).max(8_640_000_000_000_000);
const LoanDays = z.number().int().min(0).max(3650);

/** A loan rule in force at the snapshot's branch, by codes (the client has no database ids). */
export const SnapshotLoanRule = z.object({
  patronType: z.object({ code: z.string().min(1), name: z.string() }),
  materialType: z.object({ code: z.string().min(1), name: z.string() }),
  loanDays: LoanDays,
  maxItems: z.number().int().min(0),
  /** 'branch': this branch's own rule; 'library': the library-wide rule it falls back to. */
  scope: z.enum(['branch', 'library']),
});
export type SnapshotLoanRule = z.infer<typeof SnapshotLoanRule>;

export const OfflineSnapshot = z.object({
  snapshotVersion: z.literal(OFFLINE_SNAPSHOT_VERSION),
  /** The server's clock when it built the snapshot (epoch ms): the client measures its skew. */
  takenAt: EpochMs,
  /** The Circa version that built it. */
  appVersion: z.string().min(1).max(40),
  libraryName: z.string().min(1).max(200),
  branch: z.object({
    code: z.string().min(1).max(20),
    name: z.string().min(1).max(200),
    /** IANA time zone: due dates end at 23:59 here. */
    timeZone: z.string().min(1),
    /** 0 = Sunday. */
    closedWeekdays: z.array(z.number().int().min(0).max(6)),
  }),
  /** The branch's closed days from the snapshot day through `knownThrough`, 'YYYY-MM-DD'. */
  closedDates: z.array(CalendarDateSchema),
  /** The last day whose opening the snapshot knows; past it, due dates skip closed weekdays only. */
  knownThrough: CalendarDateSchema,
  /** Every loan rule in force at this branch, for Workform Defaults. */
  loanRules: z.array(SnapshotLoanRule),
  /**
   * The loan period of every offline check-out not under a Special Loan: the library's default
   * loan period. Offline, the client cannot know a patron's type or an item's material type, so it
   * cannot pick a loan rule; the server re-checks each loan when the transactions are sent.
   */
  defaultLoanDays: LoanDays,
  barcodeRules: BarcodeRules,
  /** The workstation this browser is; every offline transaction names it. */
  workstation: z.string().min(1).max(40),
  /** The staff member signed in when the snapshot was taken; offline loans are recorded as theirs. */
  staff: z.object({ username: z.string().min(1).max(100), displayName: z.string().max(200) }),
  /**
   * The patron types a card registered offline may take (code and name only). Optional so that a
   * snapshot stored by an older client still reads; without it Register Patron says to refresh.
   */
  patronTypes: z
    .array(z.object({ code: z.string().min(1).max(20), name: z.string().max(200) }))
    .optional(),
  /**
   * Cards that may not borrow (blocked, or expired by `knownThrough`), by barcode and reason code
   * only, when the library sends a block list to offline clients (library setting
   * "offlineBlockedList"); absent otherwise.
   */
  blockList: BlockList.optional(),
  /**
   * Replaced by blockList (issue 13): the server no longer sends it. Kept only while the offline
   * client still reads it from snapshots stored before; remove with that client code.
   */
  blockedPatronBarcodes: z.array(z.string().min(1).max(64)).optional(),
  /**
   * What the server has received from this workstation, by sequence number, when the snapshot was
   * taken (issue 14): the client continues numbering after the highest number the server knows,
   * and notices transactions this browser once recorded, no longer has and the server never got.
   * Optional so that a snapshot stored by an older client still reads.
   */
  sequences: ReceivedSequences.optional(),
});
export type OfflineSnapshot = z.infer<typeof OfflineSnapshot>;
