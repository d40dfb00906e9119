// The Check Out screen's decisions, free of React: is this a usable patron or item barcode, and
// recording one loan (due date decided, then stored durably) so the screen shows a row only for a
// loan that is really on disk.
import { checkBarcode, type BarcodeProblem } from '../../shared/barcodes/barcodes.ts';
import type { ScanTone } from '../../browser/desk/scanMessages.ts';
import type { OfflineSnapshot } from '../../shared/offline/snapshot.ts';
import type { OutboxEntry } from '../outbox/outbox.ts';
import { branchToday, deskStamp, type DeskContext } from '../desk/deskSession.ts';
import {
  findListedCard,
  type BlockList,
  type BlockListHit,
} from '../../shared/offline/blockList.ts';
import type { OfflineCheckOut } from '../../shared/offline/transaction.ts';
import {
  decideDueDate,
  type OfflineDueDate,
  type SpecialLoans,
} from '../../shared/offline/dueDate.ts';

export type EntryCheck =
  | { ok: true; barcode: string }
  | {
      ok: false;
      message: string;
      /** A refusal, or a warning when nothing is wrong but staff should look. */
      tone: ScanTone;
      /** What the barcode rule found, when it was the barcode. */
      problem?: BarcodeProblem;
    };

/** Checks what was scanned into "Patron barcode"; a listed card is Check Out's warning, not this. */
export function checkPatronEntry(
  raw: string,
  snapshot: Pick<OfflineSnapshot, 'barcodeRules'>,
): EntryCheck {
  const check = checkBarcode('patron', raw, snapshot.barcodeRules);
  if (!check.ok)
    return { ok: false, tone: 'refusal', message: check.message, problem: check.problem };
  return { ok: true, barcode: check.barcode };
}

/**
 * The age a list from a snapshot stored before issue 13 may reach before it is called stale: the
 * library setting's default, as such a snapshot does not carry the library's own.
 */
export const OLD_BLOCK_LIST_MAX_AGE_HOURS = 24;

/**
 * The snapshot's block list, or null when the library sends none. A snapshot stored before the list
 * had reasons and dates lists blocked cards only; its list was made with the snapshot.
 */
export function snapshotBlockList(
  snapshot: Pick<OfflineSnapshot, 'blockList' | 'blockedPatronBarcodes' | 'takenAt'>,
): BlockList | null {
  if (snapshot.blockList) return snapshot.blockList;
  if (!snapshot.blockedPatronBarcodes) return null;
  return {
    madeAt: snapshot.takenAt,
    maxAgeHours: OLD_BLOCK_LIST_MAX_AGE_HOURS,
    entries: snapshot.blockedPatronBarcodes.map((barcode) => ({ barcode, reason: 'blocked' })),
  };
}

/** Whether the snapshot's block list names this card today, for Check Out's warning. */
export function lookUpCard(context: DeskContext, barcode: string): BlockListHit | null {
  const list = snapshotBlockList(context.snapshot);
  return list === null ? null : findListedCard(list, barcode, branchToday(context));
}

/** Checks what was scanned into "Item barcode" for the current patron. */
export function checkItemEntry(
  raw: string,
  snapshot: Pick<OfflineSnapshot, 'barcodeRules'>,
  loansToThisPatron: readonly { itemBarcode: string }[],
): EntryCheck {
  const check = checkBarcode('item', raw, snapshot.barcodeRules);
  if (!check.ok)
    return { ok: false, tone: 'refusal', message: check.message, problem: check.problem };
  if (loansToThisPatron.some((loan) => loan.itemBarcode === check.barcode)) {
    return {
      ok: false,
      // Nothing is wrong, but staff should look: a second copy in the pile, or a double scan.
      tone: 'warning',
      message: `Item ${check.barcode} is already checked out to this patron: it is in the list below. Scan the next item.`,
    };
  }
  return { ok: true, barcode: check.barcode };
}

/** What a loan lent to a listed card records: the list's reason and when it was made. */
export type LentAnyway = NonNullable<OfflineCheckOut['lentAnyway']>;

export type CheckOutEntry = Extract<OutboxEntry, { type: 'check_out' }>;

export interface RecordedLoan {
  entry: CheckOutEntry;
  due: OfflineDueDate;
}

/**
 * Decides the due date and records the loan. Resolves only once the loan is stored durably;
 * rejects with DueDateError (nothing stored) or OutboxWriteError (nothing stored).
 */
export async function recordCheckOut(
  context: DeskContext,
  loan: {
    patronBarcode: string;
    itemBarcode: string;
    specials: SpecialLoans;
    /** Staff chose "Lend anyway" for a card the block list names. */
    lentAnyway?: LentAnyway | null;
  },
): Promise<RecordedLoan> {
  const stamp = deskStamp(context);
  // Due dates follow the server's calendar day, so a workstation clock that is off does not
  // change what the patron is told.
  const due = decideDueDate(
    stamp.occurredAt + stamp.clockOffsetMs,
    context.snapshot,
    loan.specials,
  );
  const entry = await context.outbox.record({
    type: 'check_out',
    ...stamp,
    patronBarcode: loan.patronBarcode,
    itemBarcode: loan.itemBarcode,
    dueAt: due.dueAt,
    dueDateBasis: due.basis,
    ...(loan.lentAnyway ? { lentAnyway: loan.lentAnyway } : {}),
  });
  return { entry: entry as CheckOutEntry, due };
}
