// What the desk screens that serve one patron at a time (Check Out, Renew) share, free of the UI:
// the patron's card first, then items recorded for that patron in scan order; the next patron's
// card scanned as an item completes this visit and starts that one, and Complete hands the visit
// back for its receipt. Each screen says how one item is recorded and what a card lookup shows.
import { checkBarcode } from '../../shared/barcodes/barcodes.ts';
import { checkPatronEntry } from '../checkout/checkOut.ts';
import { DeskSession, type DeskContext, type ScanMessages } from './deskSession.ts';

export interface PatronVisitState extends ScanMessages {
  patron: string | null;
  /** Something to know about the last due date; null when nothing. */
  notice: string | null;
}

export abstract class PatronVisitSession<S extends PatronVisitState, Visit> extends DeskSession<S> {
  /**
   * Whom the next item scan is for, as scanned: it runs ahead of state.patron, which changes only
   * when the queue reaches the change, so a scan after Complete or a new card never lands on the
   * patron before.
   */
  private scanningFor: string | null = null;

  constructor(
    protected readonly context: DeskContext,
    /** The screen with no patron: a finished visit leaves this behind. */
    private readonly initial: S,
  ) {
    super(initial);
  }

  /** How many transactions this visit has stored. */
  protected abstract recordedCount(): number;

  /** The finished visit of `patron`, for the receipt. */
  protected abstract finishedVisit(patron: string, finished: S): Visit;

  /** A patron's card was accepted: e.g. tell staff what the block list says of it. */
  protected abstract cardAccepted(barcode: string): void;

  /**
   * Records the item scanned (`raw`, as typed) for `patron`, in turn after every scan before it,
   * or says why not. Rejects only when nothing was stored.
   */
  protected abstract recordItem(patron: string, raw: string): Promise<void>;

  /** Why an item was not recorded, in plain words, for an error recordItem threw. */
  protected abstract notRecorded(error: unknown): string;

  /** The patron barcode was entered; true when it was accepted. Refused once items are recorded. */
  enterPatron(raw: string): boolean {
    if (this.recordedCount() > 0 || this.state.pendingScans > 0) {
      this.say('Choose Complete to finish with this patron before the next one.');
      return false;
    }
    const check = checkPatronEntry(raw, this.context.snapshot);
    if (!check.ok) {
      this.say(check.message, check.tone);
      return false;
    }
    this.scanningFor = check.barcode;
    this.update({ patron: check.barcode, notice: null, ...this.clearAlert() } as Partial<S>);
    this.cardAccepted(check.barcode);
    return true;
  }

  /**
   * An item barcode was entered; resolves once it is stored or refused (see state.alert). A
   * patron's card instead completes this visit and starts the next: it then resolves to the
   * completed visit, for the receipt.
   */
  scanItem(raw: string): Promise<Visit | null> {
    const patron = this.scanningFor;
    if (patron === null) {
      // In turn, so a Complete still queued does not clear the message away.
      return this.scans.run(() => {
        this.say("Scan the patron's library card first.");
        return null;
      });
    }
    const asItem = checkBarcode('item', raw, this.context.snapshot.barcodeRules);
    if (!asItem.ok && asItem.problem === 'LOOKS_LIKE_PATRON') return this.nextPatron(raw);
    return this.scan(
      () => this.recordItem(patron, raw),
      (error) => this.notRecorded(error),
    ).then(() => null);
  }

  /**
   * Finishes the patron after every scan already entered has been stored, and clears the screen.
   * Resolves to the visit (for the receipt), or null when no patron was in progress.
   */
  complete(): Promise<Visit | null> {
    this.scanningFor = null;
    return this.scans.run(() => this.finishVisit({}));
  }

  /** The next patron's card, scanned as an item: complete this visit, then start that one. */
  private nextPatron(raw: string): Promise<Visit | null> {
    const check = checkPatronEntry(raw, this.context.snapshot);
    this.scanningFor = check.ok ? check.barcode : null;
    return this.scans.run(() => {
      const visit = this.finishVisit(check.ok ? ({ patron: check.barcode } as Partial<S>) : {});
      if (check.ok) this.cardAccepted(check.barcode);
      else this.say(check.message, check.tone);
      return visit;
    });
  }

  /** Clears the visit (keeping the count of scans still queued) and returns it. */
  private finishVisit(next: Partial<S>): Visit | null {
    const finished = this.state;
    this.update({ ...this.initial, pendingScans: finished.pendingScans, ...next });
    return finished.patron === null ? null : this.finishedVisit(finished.patron, finished);
  }
}
