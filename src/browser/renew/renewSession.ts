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
import { checkPatronEntry, lookUpCard, type CheckOutContext } from '../checkout/checkOut.ts';
import { withLatest, type ScanMessage, type ScanTone } from '../desk/scanMessages.ts';
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
  context: CheckOutContext,
  renewal: { patronBarcode: string; itemBarcode: string },
): Promise<RecordedRenewal> {
  const { snapshot, clockOffsetMs } = context;
  const occurredAt = context.now();
  const due = decideDueDate(occurredAt + clockOffsetMs, snapshot, NO_SPECIAL_LOANS);
  const entry = await context.outbox.record({
    type: 'renewal',
    occurredAt,
    clockOffsetMs,
    snapshotAt: snapshot.takenAt,
    workstation: snapshot.workstation,
    branchCode: snapshot.branch.code,
    staffUsername: snapshot.staff.username,
    patronBarcode: renewal.patronBarcode,
    itemBarcode: renewal.itemBarcode,
    dueAt: due.dueAt,
    dueDateBasis: due.basis,
  });
  return { entry: entry as RenewalEntry, due };
}

export interface RenewState {
  patron: string | null;
  /** Renewals recorded durably for this patron, in scan order. */
  renewals: readonly RecordedRenewal[];
  /** Scans waiting to be stored. */
  pendingScans: number;
  /** The latest scan's problem or warning; null when the latest scan went through. */
  alert: ScanMessage | null;
  /** Earlier messages of this visit, newest first. */
  history: readonly ScanMessage[];
  /** Something to know about the last due date; null when nothing. */
  notice: string | null;
}

/** A finished visit, for the "Loans renewed" receipt. */
export interface CompletedRenewals {
  patron: string;
  renewals: readonly RecordedRenewal[];
}

const INITIAL: RenewState = {
  patron: null,
  renewals: [],
  pendingScans: 0,
  alert: null,
  history: [],
  notice: null,
};

let lastMessageId = 0;

function problemMessage(error: unknown): string {
  if (error instanceof OutboxWriteError || error instanceof DueDateError) return error.message;
  return 'The renewal was NOT recorded because of an unexpected error. Scan the item again; if it fails again, save a backup file and reload the page.';
}

export class RenewSession {
  private state: RenewState = INITIAL;
  private readonly listeners = new Set<() => void>();
  /** Every scan and Complete runs after the ones entered before it. */
  private queue: Promise<unknown> = Promise.resolve();
  /** Whom the next item scan is for, as scanned: ahead of state.patron, as at Check Out. */
  private scanningFor: string | null = null;

  constructor(
    private readonly context: CheckOutContext,
    /** Called after each renewal is stored, e.g. to refresh the unsent count. */
    private readonly onRecorded: () => void = () => undefined,
  ) {}

  getState = (): RenewState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private update(change: Partial<RenewState>): void {
    this.state = { ...this.state, ...change };
    for (const listener of this.listeners) listener();
  }

  private say(text: string, tone: ScanTone = 'refusal'): void {
    const { alert, history } = this.state;
    this.update({
      alert: { id: `renew-message-${(lastMessageId += 1)}`, text, tone },
      history: alert === null ? history : withLatest(history, alert),
    });
  }

  private clearAlert(): Partial<RenewState> {
    const { alert, history } = this.state;
    return { alert: null, history: alert === null ? history : withLatest(history, alert) };
  }

  private enqueue<T>(task: () => Promise<T> | T): Promise<T> {
    const run = this.queue.then(task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** The patron barcode was entered; true when accepted. Refused once renewals are recorded. */
  enterPatron(raw: string): boolean {
    if (this.state.renewals.length > 0 || this.state.pendingScans > 0) {
      this.say('Choose Complete to finish with this patron before the next one.');
      return false;
    }
    const check = checkPatronEntry(raw, this.context.snapshot);
    if (!check.ok) {
      this.say(check.message, check.tone);
      return false;
    }
    this.scanningFor = check.barcode;
    this.update({ patron: check.barcode, notice: null, ...this.clearAlert() });
    this.warnIfListed(check.barcode);
    return true;
  }

  /**
   * A card the block list names may still renew offline (processing checks each renewal by the
   * library's rules), but staff should know that online Circa would refuse it.
   */
  private warnIfListed(barcode: string): void {
    const listed = lookUpCard(this.context, barcode);
    if (listed === null) return;
    this.say(
      `${listed.message.replace(/\.?$/, '.')} Online, Circa would not renew for this card; a renewal recorded now is checked when the system is back.`,
      'warning',
    );
  }

  /**
   * An item barcode was entered; resolves once it is stored or refused. A patron's card instead
   * completes this visit and starts the next, and resolves to the completed visit.
   */
  scanItem(raw: string): Promise<CompletedRenewals | null> {
    const patron = this.scanningFor;
    if (patron === null) {
      return this.enqueue(() => {
        this.say("Scan the patron's library card first.");
        return null;
      });
    }
    const check = checkBarcode('item', raw, this.context.snapshot.barcodeRules);
    if (!check.ok && check.problem === 'LOOKS_LIKE_PATRON') return this.nextPatron(raw);
    this.update({ pendingScans: this.state.pendingScans + 1 });
    return this.enqueue(async () => {
      try {
        if (!check.ok) {
          this.say(check.message);
          return null;
        }
        if (this.state.renewals.some((r) => r.entry.itemBarcode === check.barcode)) {
          this.say(
            `Item ${check.barcode} is already renewed for this patron: it is in the list below. Scan the next item.`,
            'warning',
          );
          return null;
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
        return null;
      } catch (error) {
        this.say(problemMessage(error));
        return null;
      } finally {
        this.update({ pendingScans: this.state.pendingScans - 1 });
      }
    });
  }

  /** Finishes the patron after every scan already entered is stored; resolves to the visit. */
  complete(): Promise<CompletedRenewals | null> {
    this.scanningFor = null;
    return this.enqueue(() => this.finishVisit({}));
  }

  private nextPatron(raw: string): Promise<CompletedRenewals | null> {
    const check = checkPatronEntry(raw, this.context.snapshot);
    this.scanningFor = check.ok ? check.barcode : null;
    return this.enqueue(() => {
      const visit = this.finishVisit(check.ok ? { patron: check.barcode } : {});
      if (check.ok) this.warnIfListed(check.barcode);
      else this.say(check.message, check.tone);
      return visit;
    });
  }

  private finishVisit(next: Partial<RenewState>): CompletedRenewals | null {
    const { patron, renewals, pendingScans } = this.state;
    this.update({ ...INITIAL, pendingScans, ...next });
    return patron === null ? null : { patron, renewals };
  }
}
