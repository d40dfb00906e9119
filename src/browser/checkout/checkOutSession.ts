// One patron's visit at the Check Out screen, free of the UI: the patron, the loans recorded so far,
// the Special Loans in force, and the message to show. Scans are recorded one after another in scan
// order, so the "same item twice" check and a next-loan-only Special Loan always see every loan
// before them, however fast the scanner is. The next patron's card scanned as an item completes
// this visit and starts that patron's. The screen renders getState() and calls the methods.
import { DueDateError } from '../../shared/calendar/dueDates.ts';
import { NO_SCAN_MESSAGES, type DeskContext } from '../desk/deskSession.ts';
import { PatronVisitSession, type PatronVisitState } from '../desk/patronVisitSession.ts';
import { OutboxWriteError } from '../outbox/outbox.ts';
import {
  checkItemEntry,
  lookUpCard,
  recordCheckOut,
  type LentAnyway,
  type RecordedLoan,
} from './checkOut.ts';
import type { BlockListHit } from '../../shared/offline/blockList.ts';
import type { SpecialLoanTerm } from '../../shared/offline/dueDate.ts';

export type SpecialLoanScope = 'next' | 'patron';

export interface CheckOutState extends PatronVisitState {
  /** Loans recorded durably for this patron, in scan order. */
  loans: readonly RecordedLoan[];
  /** Special Loan for every loan of this patron until Complete. */
  patronTerm: SpecialLoanTerm | null;
  /** Special Loan for the next loan only. */
  nextLoanTerm: SpecialLoanTerm | null;
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
  ...NO_SCAN_MESSAGES,
  notice: null,
  listedCard: null,
  lentAnyway: null,
};

function problemMessage(error: unknown): string {
  if (error instanceof OutboxWriteError || error instanceof DueDateError) return error.message;
  return 'The loan was NOT recorded because of an unexpected error. Scan the item again; if it fails again, save a backup file and reload the page.';
}

export class CheckOutSession extends PatronVisitSession<CheckOutState, CompletedVisit> {
  constructor(
    context: DeskContext,
    /** The Settings-wide special loan in force (Settings → Special Loan), or null. */
    private allCheckOutsTerm: SpecialLoanTerm | null,
    /** Called after each loan is stored, e.g. to refresh the unsent count. */
    private readonly onRecorded: () => void = () => undefined,
  ) {
    super(context, INITIAL);
  }

  /** Settings → Special Loan changed: applies from the next scan on. */
  setAllCheckOutsTerm(term: SpecialLoanTerm | null): void {
    this.allCheckOutsTerm = term;
  }

  /** Looks the patron's card up in the block list; a listed card holds the items until staff choose. */
  protected cardAccepted(barcode: string): void {
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
      ...this.clearAlert(),
    });
  }

  protected recordedCount(): number {
    return this.state.loans.length;
  }

  protected finishedVisit(patron: string, finished: CheckOutState): CompletedVisit {
    return { patron, loans: finished.loans };
  }

  protected notRecorded(error: unknown): string {
    return problemMessage(error);
  }

  protected async recordItem(patron: string, raw: string): Promise<void> {
    const check = checkItemEntry(
      raw,
      this.context.snapshot,
      this.state.loans.map((loan) => loan.entry),
    );
    if (!check.ok) {
      this.say(check.message, check.tone);
      return;
    }
    if (!this.mayScanItems()) {
      this.say(
        'The block list names this card: choose Lend anyway to lend all the same, or Complete.',
      );
      return;
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
      ...this.clearAlert(),
      notice: recorded.due.notice,
      // Used up by this loan; kept when the scan failed, as it was not used.
      ...(nextLoan === null ? {} : { nextLoanTerm: null }),
    });
    this.onRecorded();
  }

  setSpecialLoan(scope: SpecialLoanScope, term: SpecialLoanTerm): void {
    this.update(scope === 'next' ? { nextLoanTerm: term } : { patronTerm: term });
  }
}
