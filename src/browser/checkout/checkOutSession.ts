// One patron's visit at the Check Out screen, free of the UI: the patron, the loans recorded so far,
// the Special Loans in force, and the message to show. Scans are recorded one after another in scan
// order, so the "same item twice" check and a next-loan-only Special Loan always see every loan
// before them, however fast the scanner is. The screen renders getState() and calls the methods.
import { DueDateError } from '../../shared/calendar/dueDates.ts';
import { OutboxWriteError } from '../outbox/outbox.ts';
import {
  checkItemEntry,
  checkPatronEntry,
  recordCheckOut,
  type CheckOutContext,
  type RecordedLoan,
} from './checkOut.ts';
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
  /** What went wrong, in plain words; null when nothing did. */
  alert: string | null;
  /** Something to know about the last loan's due date; null when nothing. */
  notice: string | null;
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
  notice: null,
};

function problemMessage(error: unknown): string {
  if (error instanceof OutboxWriteError || error instanceof DueDateError) return error.message;
  return 'The loan was NOT recorded because of an unexpected error. Scan the item again; if it fails again, save a backup file and reload the page.';
}

export class CheckOutSession {
  private state: CheckOutState = INITIAL;
  private readonly listeners = new Set<() => void>();
  private queue: Promise<unknown> = Promise.resolve();
  /** Tasks entered and not yet finished. */
  private running = 0;

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

  /**
   * Runs after every scan already entered, in order. With nothing in flight it starts at once, so
   * the loan's IndexedDB write is under way before the screen re-renders, not after.
   */
  private enqueue<T>(task: () => Promise<T> | T): Promise<T> {
    const idle = this.running === 0;
    this.running += 1;
    const tracked = async () => {
      try {
        return await task();
      } finally {
        this.running -= 1;
      }
    };
    const run = idle ? tracked() : this.queue.then(tracked);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** The patron barcode was entered; true when it was accepted. Refused once loans are recorded. */
  enterPatron(raw: string): boolean {
    if (this.state.loans.length > 0 || this.state.pendingScans > 0) {
      this.update({ alert: 'Choose Complete to finish with this patron before the next one.' });
      return false;
    }
    const check = checkPatronEntry(raw, this.context.snapshot);
    if (!check.ok) {
      this.update({ alert: check.message });
      return false;
    }
    this.update({ patron: check.barcode, alert: null, notice: null });
    return true;
  }

  /** An item barcode was entered; resolves once it is stored or refused (see state.alert). */
  scanItem(raw: string): Promise<void> {
    const patron = this.state.patron;
    if (patron === null) {
      this.update({ alert: "Scan the patron's library card first." });
      return Promise.resolve();
    }
    this.update({ pendingScans: this.state.pendingScans + 1 });
    return this.enqueue(async () => {
      try {
        const check = checkItemEntry(
          raw,
          this.context.snapshot,
          this.state.loans.map((loan) => loan.entry),
        );
        if (!check.ok) {
          this.update({ alert: check.message });
          return;
        }
        const nextLoan = this.state.nextLoanTerm;
        const recorded = await recordCheckOut(this.context, {
          patronBarcode: patron,
          itemBarcode: check.barcode,
          specials: { nextLoan, patron: this.state.patronTerm, all: this.allCheckOutsTerm },
        });
        this.update({
          loans: [...this.state.loans, recorded],
          alert: null,
          notice: recorded.due.notice,
          // Used up by this loan; kept when the scan failed, as it was not used.
          ...(nextLoan === null ? {} : { nextLoanTerm: null }),
        });
        this.onRecorded();
      } catch (error) {
        this.update({ alert: problemMessage(error) });
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
    return this.enqueue(() => {
      const { patron, loans } = this.state;
      this.update(INITIAL);
      return patron === null ? null : { patron, loans };
    });
  }
}
