// The offline In-House Use screen's work, free of the UI: items used in the library and left on a
// trolley are scanned with how many times each was used; each scan is recorded at once and listed
// only once stored durably. The same item may be counted again (a second trolley): each count adds.
import { checkBarcode } from '../../shared/barcodes/barcodes.ts';
import { MAX_IN_HOUSE_USES_PER_TRANSACTION } from '../../shared/offline/transaction.ts';
import type { OutboxEntry } from '../outbox/outbox.ts';
import {
  DeskSession,
  deskStamp,
  NO_SCAN_MESSAGES,
  notRecordedMessage,
  patronCardMessage,
  type DeskContext,
  type ScanMessages,
} from '../desk/deskSession.ts';

export type InHouseUseEntry = Extract<OutboxEntry, { type: 'in_house_use' }>;

export interface InHouseUseState extends ScanMessages {
  /** In-house uses stored durably since the list was last cleared, in scan order. */
  uses: readonly InHouseUseEntry[];
}

const INITIAL: InHouseUseState = { ...NO_SCAN_MESSAGES, uses: [] };

export type CountCheck = { ok: true; count: number } | { ok: false; message: string };

/** Checks the "Count" field: a whole number of uses from 1 to 500. */
export function checkUseCount(raw: string): CountCheck {
  const text = raw.trim();
  const count = Number(text);
  if (!/^\d+$/.test(text) || count < 1 || count > MAX_IN_HOUSE_USES_PER_TRANSACTION) {
    return {
      ok: false,
      message: `"${text}" is not a count of uses: enter a whole number from 1 to ${MAX_IN_HOUSE_USES_PER_TRANSACTION}, then scan the item again. Nothing was recorded.`,
    };
  }
  return { ok: true, count };
}

export class InHouseUseSession extends DeskSession<InHouseUseState> {
  constructor(
    private readonly context: DeskContext,
    /** Called after each count is stored, e.g. to refresh the unsent count. */
    private readonly onRecorded: () => void = () => undefined,
  ) {
    super(INITIAL);
  }

  /** An item was scanned with its count; resolves to true once stored, false when refused. */
  scanItem(raw: string, countRaw: string): Promise<boolean> {
    let stored = false;
    let itemBarcode = raw.trim();
    return this.scan(
      async () => {
        const count = checkUseCount(countRaw);
        if (!count.ok) {
          this.say(count.message);
          return;
        }
        const check = checkBarcode('item', raw, this.context.snapshot.barcodeRules);
        if (!check.ok) {
          this.say(
            check.problem === 'LOOKS_LIKE_PATRON'
              ? patronCardMessage('In-House Use')
              : check.message,
          );
          return;
        }
        itemBarcode = check.barcode;
        const entry = await this.context.outbox.record({
          type: 'in_house_use',
          ...deskStamp(this.context),
          itemBarcode: check.barcode,
          count: count.count,
        });
        this.update({
          ...this.clearAlert(),
          uses: [...this.state.uses, entry as InHouseUseEntry],
        });
        stored = true;
        this.onRecorded();
      },
      (error) => notRecordedMessage(error, `the in-house use of item ${itemBarcode}`),
    ).then(() => stored);
  }

  /** Clears the list (every row is already stored) once the scans entered are stored. */
  clear(): Promise<void> {
    return this.scans.run(() => {
      this.update({ ...INITIAL, pendingScans: this.state.pendingScans });
    });
  }
}
