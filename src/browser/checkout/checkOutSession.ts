// One patron's visit at the Check Out screen, free of the UI: the patron, the loans recorded so far,
// the Special Loans in force, and the message to show. Scans are recorded one after another in scan
// order, so the "same item twice" check and a next-loan-only Special Loan always see every loan
// before them, however fast the scanner is. The next patron's card scanned as an item completes
// this visit and starts that patron's. The screen renders getState() and calls the methods.
import { checkBarcode } from '../../shared/barcodes/barcodes.ts';
import { DueDateError } from '../../shared/calendar/dueDates.ts';
import { withLatest, type ScanMessage, type ScanTone } from '../desk/scanMessages.ts';
import { ScanQueue } from '../desk/scanQueue.ts';
import { OutboxWriteError } from '../outbox/outbox.ts';
import {
  checkItemEntry,
  checkPatronEntry,
  lookUpCard,
  recordCheckOut,
  type CheckOutContext,
  type LentAnyway,
  type RecordedLoan,
} from './checkOut.ts';
import type { BlockListHit } from '../../shared/offline/blockList.ts';
import type { SpecialLoanTerm } from '../../shared/offline/dueDate.ts';

export type SpecialLoanScope = 'next' | 'patron';

export interface CheckOutState {
  patron: string | null;
  /** Loans recorded durably for this patron, in scan order. */
  loans: readonly RecordedLoan[];
  /** Special Loan for every loan of this patron until Complete. */
  patronTerm: SpecialLoanTerm | null;
  /** Special Loan for the next loan only. */
  nextLoanTerm: SpecialLoanTerm | null;
  /** Scans waiting to be stored. */
  pendingScans: number;
  /** The latest scan's problem or warning, in plain words; null when the latest scan went through. */
  alert: ScanMessage | null;
  /** Earlier messages of this visit, newest first. */
  history: readonly ScanMessage[];
  /** Something to know about the last loan's due date; null when nothing. */
  notice: string | null;
  /** The block list names this patron's card; null when it does not. */
  listedCard: BlockListHit | null;
  /** Staff chose "Lend anyway": every loan of this visit records it. Null until then. */
  lentAnyway: LentAnyway | null;
}

/** Items may be scanned once there is a patron, and for a listed card only after "Lend anyway". */
export function mayScanItems(
  state: Pick<CheckOutState, 'patron' | 'listedCard' | 'lentAnyway'>,
): boolean {
  return state.patron !== null && (state.listedCard === null || state.lentAnyway !== null);
}

/** A finished visit, for the receipt. */
export interface CompletedVisit {
  patron: string;
  loans: readonly RecordedLoan[];
}

const INITIAL: CheckOutState = {
  patron: null,
  loans: [],
  patronTerm: null,
  nextLoanTerm: null,
  pendingScans: 0,
  alert: null,
  history: [],
  notice: null,
  listedCard: null,
  lentAnyway: null,
};

let lastMessageId = 0;

function problemMessage(error: unknown): string {
  if (error instanceof OutboxWriteError || error instanceof DueDateError) return error.message;
  return 'The loan was NOT recorded because of an unexpected error. Scan the item again; if it fails again, save a backup file and reload the page.';
}

export class CheckOutSession {
  private state: CheckOutState = INITIAL;
  private readonly listeners = new Set<() => void>();
  private readonly scans = new ScanQueue();
  /**
   * Whom the next item scan is for, as scanned: it runs ahead of state.patron, which changes only
   * when the queue reaches the change, so a scan after Complete or a new card never lands on the
   * patron before.
   */
  private scanningFor: string | null = null;

  constructor(
    private readonly context: CheckOutContext,
    /** The Settings-wide special loan in force (Settings → Special Loan), or null. */
    private allCheckOutsTerm: SpecialLoanTerm | null,
    /** Called after each loan is stored, e.g. to refresh the unsent count. */
    private readonly onRecorded: () => void = () => undefined,
  ) {}

  /** Settings → Special Loan changed: applies from the next scan on. */
  setAllCheckOutsTerm(term: SpecialLoanTerm | null): void {
    this.allCheckOutsTerm = term;
  }

  getState = (): CheckOutState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private update(change: Partial<CheckOutState>): void {
    this.state = { ...this.state, ...change };
    for (const listener of this.listeners) listener();
  }

  /** Shows `text` as the latest message; the one it replaces goes into the history. */
  private say(text: string, tone: ScanTone = 'refusal'): void {
    this.update({
      alert: { id: `scan-message-${(lastMessageId += 1)}`, text, tone },
      history: this.withoutAlert(),
    });
  }

  /** The history with the current message moved into it. */
  private withoutAlert(): readonly ScanMessage[] {
    const { alert, history } = this.state;
    return alert === null ? history : withLatest(history, alert);
  }

  /** Runs after every scan already entered, in order (see ScanQueue). */
  private enqueue<T>(task: () => Promise<T> | T): Promise<T> {
    return this.scans.run(task);
  }

  /** The patron barcode was entered; true when it was accepted. Refused once loans are recorded. */
  enterPatron(raw: string): boolean {
    if (this.state.loans.length > 0 || this.state.pendingScans > 0) {
      this.say('Choose Complete to finish with this patron before the next one.');
      return false;
    }
    const check = checkPatronEntry(raw, this.context.snapshot);
    if (!check.ok) {
      this.say(check.message, check.tone);
      return false;
    }
    this.scanningFor = check.barcode;
    this.update({ patron: check.barcode, alert: null, history: this.withoutAlert(), notice: null });
    this.warnIfListed(check.barcode);
    return true;
  }

  /** Looks the patron's card up in the block list; a listed card holds the items until staff choose. */
  private warnIfListed(barcode: string): void {
    const listedCard = lookUpCard(this.context, barcode);
    this.update({ listedCard, lentAnyway: null });
    if (listedCard !== null) this.say(listedCard.message, 'refusal');
  }

  /** Whether items may be scanned for the patron: not for a listed card until "Lend anyway". */
  mayScanItems(): boolean {
    return mayScanItems(this.state);
  }

  /** Staff chose "Lend anyway" for a listed card: this visit's loans go ahead and record it. */
  lendAnyway(): void {
    const { listedCard } = this.state;
    if (listedCard === null) return;
    this.update({
      lentAnyway: { reason: listedCard.reason, listMadeAt: listedCard.listMadeAt },
      alert: null,
      history: this.withoutAlert(),
    });
  }

  /**
   * An item barcode was entered; resolves once it is stored or refused (see state.alert). A
   * patron's card instead completes this visit and starts the next: it then resolves to the
   * completed visit, for the receipt.
   */
  scanItem(raw: string): Promise<CompletedVisit | null> {
    const patron = this.scanningFor;
    if (patron === null) {
      // In turn, so a Complete still queued does not clear the message away.
      return this.enqueue(() => {
        this.say("Scan the patron's library card first.");
        return null;
      });
    }
    const asItem = checkBarcode('item', raw, this.context.snapshot.barcodeRules);
    if (!asItem.ok && asItem.problem === 'LOOKS_LIKE_PATRON') return this.nextPatron(raw);
    this.update({ pendingScans: this.state.pendingScans + 1 });
    return this.enqueue(async () => {
      try {
        const check = checkItemEntry(
          raw,
          this.context.snapshot,
          this.state.loans.map((loan) => loan.entry),
        );
        if (!check.ok) {
          this.say(check.message, check.tone);
          return null;
        }
        if (!this.mayScanItems()) {
          this.say(
            'The block list names this card: choose Lend anyway to lend all the same, or Complete.',
          );
          return null;
        }
        const nextLoan = this.state.nextLoanTerm;
        const recorded = await recordCheckOut(this.context, {
          patronBarcode: patron,
          itemBarcode: check.barcode,
          specials: { nextLoan, patron: this.state.patronTerm, all: this.allCheckOutsTerm },
          lentAnyway: this.state.lentAnyway,
        });
        this.update({
          loans: [...this.state.loans, recorded],
          alert: null,
          history: this.withoutAlert(),
          notice: recorded.due.notice,
          // Used up by this loan; kept when the scan failed, as it was not used.
          ...(nextLoan === null ? {} : { nextLoanTerm: null }),
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

  setSpecialLoan(scope: SpecialLoanScope, term: SpecialLoanTerm): void {
    this.update(scope === 'next' ? { nextLoanTerm: term } : { patronTerm: term });
  }

  /**
   * Finishes the patron after every scan already entered has been stored, and clears the screen.
   * Resolves to the visit (for the receipt), or null when no patron was in progress.
   */
  complete(): Promise<CompletedVisit | null> {
    this.scanningFor = null;
    return this.enqueue(() => this.finishVisit({}));
  }

  /** The next patron's card, scanned as an item: complete this visit, then start that one. */
  private nextPatron(raw: string): Promise<CompletedVisit | null> {
    const check = checkPatronEntry(raw, this.context.snapshot);
    this.scanningFor = check.ok ? check.barcode : null;
    return this.enqueue(() => {
      const visit = this.finishVisit(check.ok ? { patron: check.barcode } : {});
      if (check.ok) this.warnIfListed(check.barcode);
      else this.say(check.message, check.tone);
      return visit;
    });
  }

  /** Clears the visit (keeping the count of scans still queued) and returns it. */
  private finishVisit(next: Partial<CheckOutState>): CompletedVisit | null {
    const { patron, loans, pendingScans } = this.state;
    this.update({ ...INITIAL, pendingScans, ...next });
    return patron === null ? null : { patron, loans };
  }
}
