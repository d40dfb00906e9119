// One patron's visit at the Renew screen, free of the UI: the patron, the renewals recorded so far
// and the message to show. Each renewal gets the due date the offline rules decide from now (as a
// check-out would; no Special Loan) and shows only once stored durably. Scans are recorded in scan
// order; the next patron's card scanned as an item completes this visit and starts that one.
import { checkBarcode } from '../../shared/barcodes/barcodes.ts';
import { DueDateError } from '../../shared/calendar/dueDates.ts';
import {
  decideDueDate,
  NO_SPECIAL_LOANS,
  type OfflineDueDate,
} from '../../shared/offline/dueDate.ts';
import { lookUpCard } from '../checkout/checkOut.ts';
import { deskStamp, NO_SCAN_MESSAGES, type DeskContext } from '../desk/deskSession.ts';
import { PatronVisitSession, type PatronVisitState } from '../desk/patronVisitSession.ts';
import { OutboxWriteError, type OutboxEntry } from '../outbox/outbox.ts';

export type RenewalEntry = Extract<OutboxEntry, { type: 'renewal' }>;

export interface RecordedRenewal {
  entry: RenewalEntry;
  due: OfflineDueDate;
}

/**
 * Decides the new due date and records the renewal. Resolves only once it is stored durably;
 * rejects with DueDateError or OutboxWriteError (nothing stored).
 */
export async function recordRenewal(
  context: DeskContext,
  renewal: { patronBarcode: string; itemBarcode: string },
): Promise<RecordedRenewal> {
  const stamp = deskStamp(context);
  const due = decideDueDate(
    stamp.occurredAt + stamp.clockOffsetMs,
    context.snapshot,
    NO_SPECIAL_LOANS,
  );
  const entry = await context.outbox.record({
    type: 'renewal',
    ...stamp,
    patronBarcode: renewal.patronBarcode,
    itemBarcode: renewal.itemBarcode,
    dueAt: due.dueAt,
    dueDateBasis: due.basis,
  });
  return { entry: entry as RenewalEntry, due };
}

export interface RenewState extends PatronVisitState {
  /** Renewals recorded durably for this patron, in scan order. */
  renewals: readonly RecordedRenewal[];
}

/** A finished visit, for the "Loans renewed" receipt. */
export interface CompletedRenewals {
  patron: string;
  renewals: readonly RecordedRenewal[];
}

const INITIAL: RenewState = { patron: null, renewals: [], ...NO_SCAN_MESSAGES, notice: null };

function problemMessage(error: unknown): string {
  if (error instanceof OutboxWriteError || error instanceof DueDateError) return error.message;
  return 'The renewal was NOT recorded because of an unexpected error. Scan the item again; if it fails again, save a backup file and reload the page.';
}

export class RenewSession extends PatronVisitSession<RenewState, CompletedRenewals> {
  constructor(
    context: DeskContext,
    /** Called after each renewal is stored, e.g. to refresh the unsent count. */
    private readonly onRecorded: () => void = () => undefined,
  ) {
    super(context, INITIAL);
  }

  /**
   * A card the block list names may still renew offline (processing checks each renewal by the
   * library's rules), but staff should know that online Circa would refuse it.
   */
  protected cardAccepted(barcode: string): void {
    const listed = lookUpCard(this.context, barcode);
    if (listed === null) return;
    this.say(
      `${listed.message.replace(/\.?$/, '.')} Online, Circa would not renew for this card; a renewal recorded now is checked when the system is back.`,
      'warning',
    );
  }

  protected recordedCount(): number {
    return this.state.renewals.length;
  }

  protected finishedVisit(patron: string, finished: RenewState): CompletedRenewals {
    return { patron, renewals: finished.renewals };
  }

  protected notRecorded(error: unknown): string {
    return problemMessage(error);
  }

  protected async recordItem(patron: string, raw: string): Promise<void> {
    const check = checkBarcode('item', raw, this.context.snapshot.barcodeRules);
    if (!check.ok) {
      this.say(check.message);
      return;
    }
    if (this.state.renewals.some((r) => r.entry.itemBarcode === check.barcode)) {
      this.say(
        `Item ${check.barcode} is already renewed for this patron: it is in the list below. Scan the next item.`,
        'warning',
      );
      return;
    }
    const recorded = await recordRenewal(this.context, {
      patronBarcode: patron,
      itemBarcode: check.barcode,
    });
    this.update({
      renewals: [...this.state.renewals, recorded],
      notice: recorded.due.notice,
      ...this.clearAlert(),
    });
    this.onRecorded();
  }
}
