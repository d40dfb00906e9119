// One offline transaction as the offline client records it, the offline file carries it, and the
// server stores and processes it. Changing a field here changes the offline file format: bump
// OFFLINE_FILE_VERSION (shared/offlineFile) and keep reading the old version.
import { z } from 'zod';
import { BarcodeText } from '../barcodes/hiddenCharacters.ts';
import { WorkstationName } from '../workstations/workstationName.ts';
import { refuseHiddenCharacters } from '../barcodes/hiddenCharacters.ts';

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
  /**
   * The snapshot's block list named the card and staff chose "Lend anyway" (file version 2): the
   * reason the list gave and when the list was made. Reported, and listed for supervisors.
   */
  lentAnyway: z
    .object({ reason: z.enum(['blocked', 'expired']), listMadeAt: EpochMs })
    .strict()
    .optional(),
});
export type OfflineCheckOut = z.infer<typeof OfflineCheckOut>;

/**
 * An item returned at an offline desk (file version 2), or a check-in line of a .koc file. The
 * check-in closes the loan at the offline time, or on `returnedOn` for an item found in the book
 * drop.
 */
export const OfflineCheckIn = z.object({
  ...common,
  type: z.literal('check_in'),
  itemBarcode: Barcode,
  /**
   * "Returned on": the day the item really came back (branch calendar), on or before the day of
   * the check-in. Absent when it came back at the time recorded.
   */
  returnedOn: CalendarDate.optional(),
});
export type OfflineCheckIn = z.infer<typeof OfflineCheckIn>;

/** A loan renewed at an offline desk (file version 2): the due date the patron was told. */
export const OfflineRenewal = z.object({
  ...common,
  type: z.literal('renewal'),
  patronBarcode: Barcode,
  itemBarcode: Barcode,
  /** The new due date the patron was told (epoch ms, 23:59 local at the branch). */
  dueAt: EpochMs,
  dueDateBasis: DueDateBasis,
});
export type OfflineRenewal = z.infer<typeof OfflineRenewal>;

/** Most uses of one item counted in one go (a class's worth of one reference book). */
export const MAX_IN_HOUSE_USES_PER_TRANSACTION = 500;

/** Items used in the library and left on a trolley, counted at an offline desk (version 2). */
export const OfflineInHouseUse = z.object({
  ...common,
  type: z.literal('in_house_use'),
  itemBarcode: Barcode,
  count: z.number().int().min(1).max(MAX_IN_HOUSE_USES_PER_TRANSACTION),
});
export type OfflineInHouseUse = z.infer<typeof OfflineInHouseUse>;

const RegisteredText = (max: number) =>
  z.string().trim().min(1).max(max).superRefine(refuseHiddenCharacters);

/**
 * A new patron registered at an offline desk with a new card (file version 2), who may borrow at
 * once offline with it. Processing creates the patron before any transaction that uses the card.
 * Unlike every other type it holds a person's name and contact: as little as the desk needs.
 */
export const OfflineRegistration = z.object({
  ...common,
  type: z.literal('registration'),
  /** The new card. */
  patronBarcode: Barcode,
  name: RegisteredText(200),
  /** The patron type's code, from the snapshot's patron types. */
  patronTypeCode: RegisteredText(20),
  /** At least one of email and phone, so a likely duplicate can be recognised. */
  email: z.email().max(254).optional(),
  phone: z
    .string()
    .max(40)
    .regex(/^[+0-9][0-9 ()./-]*$/)
    .optional(),
});
export type OfflineRegistration = z.infer<typeof OfflineRegistration>;

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
  OfflineRenewal,
  OfflineInHouseUse,
  OfflineRegistration,
  OfflinePayment,
]);
export type OfflineTransaction = z.infer<typeof OfflineTransaction>;

export type OfflineTransactionType = OfflineTransaction['type'];

/** The item a transaction is about, or null (a registration, a payment). */
export function itemBarcodeOf(t: OfflineTransaction): string | null {
  return 'itemBarcode' in t ? t.itemBarcode : null;
}

/** The card a transaction is about, or null (a check-in, an in-house use). */
export function patronBarcodeOf(t: OfflineTransaction): string | null {
  return 'patronBarcode' in t ? t.patronBarcode : null;
}

/** The due date the patron was told, for the types that tell one. */
export function toldDueAt(t: OfflineTransaction): { dueAt: number; basis: DueDateBasis } | null {
  return t.type === 'check_out' || t.type === 'renewal'
    ? { dueAt: t.dueAt, basis: t.dueDateBasis }
    : null;
}
