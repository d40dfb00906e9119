// The offline Check In screen's work, free of the UI: each item scanned is recorded at once as a
// check-in (with the "Returned on" day in force when it was scanned) and listed only once stored
// durably; the same item twice before Complete is a warning, not a second record; a patron's card
// is refused. Complete hands back the list for the "Items returned" receipt and clears it.
import { checkBarcode } from '../../shared/barcodes/barcodes.ts';
import type { OutboxEntry } from '../outbox/outbox.ts';
import {
  branchToday,
  DeskSession,
  deskStamp,
  type DeskContext,
  NO_SCAN_MESSAGES,
  notRecordedMessage,
  patronCardMessage,
  type ScanMessages,
} from '../desk/deskSession.ts';
import { checkReturnedOn } from './returnedOn.ts';

export type CheckInEntry = Extract<OutboxEntry, { type: 'check_in' }>;

export interface CheckInState extends ScanMessages {
  /** Check-ins stored durably since the last Complete, in scan order. */
  returns: readonly CheckInEntry[];
  /** The "Returned on" field as typed ('YYYY-MM-DD', or '' for today). */
  returnedOn: string;
  /** Why "Returned on" cannot be used; null when it can. */
  returnedOnProblem: string | null;
}

const INITIAL: CheckInState = {
  ...NO_SCAN_MESSAGES,
  returns: [],
  returnedOn: '',
  returnedOnProblem: null,
};

export class CheckInSession extends DeskSession<CheckInState> {
  constructor(
    private readonly context: DeskContext,
    /** Called after each check-in is stored, e.g. to refresh the unsent count. */
    private readonly onRecorded: () => void = () => undefined,
  ) {
    super(INITIAL);
  }

  /** "Returned on" changed: it applies to every scan from now until it changes again. */
  setReturnedOn(raw: string): void {
    const check = checkReturnedOn(raw, branchToday(this.context));
    this.update({ returnedOn: raw, returnedOnProblem: check.ok ? null : check.message });
  }

  /** An item was scanned; resolves once it is stored or refused (see state.alert). */
  scanItem(raw: string): Promise<void> {
    // The day in force when the item was scanned, even if the field changes while it is queued.
    const returnedOnRaw = this.state.returnedOn;
    let itemBarcode = raw.trim();
    return this.scan(
      async () => {
        const returnedOn = checkReturnedOn(returnedOnRaw, branchToday(this.context));
        if (!returnedOn.ok) {
          this.say(returnedOn.message);
          return;
        }
        const check = checkBarcode('item', raw, this.context.snapshot.barcodeRules);
        if (!check.ok) {
          this.say(
            check.problem === 'LOOKS_LIKE_PATRON' ? patronCardMessage('Check In') : check.message,
          );
          return;
        }
        itemBarcode = check.barcode;
        if (this.state.returns.some((entry) => entry.itemBarcode === check.barcode)) {
          this.say(
            `Item ${check.barcode} is already checked in: it is in the list below, recorded once. Scan the next item.`,
            'warning',
          );
          return;
        }
        const entry = await this.record(check.barcode, returnedOn.returnedOn);
        this.update({ ...this.clearAlert(), returns: [...this.state.returns, entry] });
        this.onRecorded();
      },
      (error) => notRecordedMessage(error, `the return of item ${itemBarcode}`),
    );
  }

  private async record(itemBarcode: string, returnedOn: string | undefined): Promise<CheckInEntry> {
    const entry = await this.context.outbox.record({
      type: 'check_in',
      ...deskStamp(this.context),
      itemBarcode,
      ...(returnedOn === undefined ? {} : { returnedOn }),
    });
    return entry as CheckInEntry;
  }

  /**
   * Clears the list once every scan already entered is stored, and resolves to the check-ins it
   * held (for the receipt). "Returned on" stays until it is changed.
   */
  complete(): Promise<readonly CheckInEntry[]> {
    return this.scans.run(() => {
      const { returns, returnedOn, returnedOnProblem, pendingScans } = this.state;
      this.update({ ...INITIAL, returnedOn, returnedOnProblem, pendingScans });
      return returns;
    });
  }
}
