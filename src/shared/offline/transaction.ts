// One offline transaction as the offline client records it, the offline file carries it, and the
// server stores and processes it. Changing a field here changes the offline file format: bump
// OFFLINE_FILE_VERSION (shared/offlineFile) and keep reading the old version.
import { z } from 'zod';
import { BarcodeText } from '../barcodes/hiddenCharacters.ts';
import { WorkstationName } from '../workstations/workstationName.ts';

const EpochMs = z.number().int().min(0).max(8_640_000_000_000_000);
const CalendarDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date in the form YYYY-MM-DD.');
const Barcode = BarcodeText;

/** How the due date of an offline check-out was decided. */
export const DueDateBasis = z.discriminatedUnion('kind', [
  /** The loan rule in the snapshot (or the default loan period when none matched). */
  z.object({ kind: z.literal('rule'), loanDays: z.number().int().min(0).max(3650) }),
  /** Special Loan for this one loan. */
  z.object({
    kind: z.literal('special_loan'),
    date: CalendarDate.optional(),
    days: z.number().int().min(0).max(3650).optional(),
  }),
  /** Special Loan for all loans of this patron until Complete. */
  z.object({
    kind: z.literal('special_patron'),
    date: CalendarDate.optional(),
    days: z.number().int().min(0).max(3650).optional(),
  }),
  /** Settings → Special Loan: "Apply to all check-outs". */
  z.object({
    kind: z.literal('special_all'),
    date: CalendarDate.optional(),
    days: z.number().int().min(0).max(3650).optional(),
  }),
]);
export type DueDateBasis = z.infer<typeof DueDateBasis>;

const common = {
  /** UUIDv7: unique across every workstation, sortable by creation time. */
  id: z.uuid({ version: 'v7' }),
  /** Per-workstation counter from 1, with no gaps: the server reports missing numbers. */
  sequence: z.number().int().min(1),
  /** When it happened, by the workstation's clock (epoch ms). */
  occurredAt: EpochMs,
  /** Server clock minus workstation clock when the snapshot was taken (ms); corrects skew. */
  clockOffsetMs: z.number().int().min(-31_536_000_000).max(31_536_000_000),
  /**
   * When the server built the snapshot it was recorded with (its `takenAt`, server clock, epoch
   * ms): nothing recorded with a snapshot happened before it. Absent from older outboxes, older
   * files and .koc files.
   */
  snapshotAt: EpochMs.optional(),
  workstation: WorkstationName,
  branchCode: z.string().min(1).max(20),
  staffUsername: z.string().min(1).max(100),
};

export const OfflineCheckOut = z.object({
  ...common,
  type: z.literal('check_out'),
  patronBarcode: Barcode,
  itemBarcode: Barcode,
  /** The due date the patron was told (epoch ms, 23:59 local at the branch). */
  dueAt: EpochMs,
  dueDateBasis: DueDateBasis,
});
export type OfflineCheckOut = z.infer<typeof OfflineCheckOut>;

/** Check-ins arrive only from imported .koc files: the offline client lends, it does not return. */
export const OfflineCheckIn = z.object({
  ...common,
  type: z.literal('check_in'),
  itemBarcode: Barcode,
});
export type OfflineCheckIn = z.infer<typeof OfflineCheckIn>;

/** Fine payments from .koc files: kept and reported as not supported, never dropped. */
export const OfflinePayment = z.object({
  ...common,
  type: z.literal('payment'),
  patronBarcode: Barcode,
  amount: z.string().max(32),
});
export type OfflinePayment = z.infer<typeof OfflinePayment>;

export const OfflineTransaction = z.discriminatedUnion('type', [
  OfflineCheckOut,
  OfflineCheckIn,
  OfflinePayment,
]);
export type OfflineTransaction = z.infer<typeof OfflineTransaction>;
