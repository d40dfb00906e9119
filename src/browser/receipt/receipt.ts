// The receipt's content, as plain data: the loan receipt a patron takes home after Complete, in
// either app, and the offline Check In's "Items returned". Kept pure so its wording is tested
// without a printer; printReceipt.ts lays it out on paper.
import { formatDateTime, formatDay } from '../../shared/calendar/formatDates.ts';

export interface ReceiptLoan {
  itemBarcode: string;
  /** The title when known (online); the offline client knows only the barcode. */
  title?: string;
  /** 'YYYY-MM-DD' at the branch. */
  dueDate: string;
}

export interface ReceiptInput {
  libraryName: string;
  /** Print Options → receipt header text; empty for none. */
  headerText: string;
  branchName: string;
  timeZone: string;
  /** When Complete was pressed (epoch ms). */
  printedAt: number;
  patronBarcode: string;
  loans: readonly ReceiptLoan[];
  /** True for the offline client: the receipt then says the loans will be confirmed later. */
  recordedOffline: boolean;
  /** A line above the items saying what the receipt is (e.g. "Items renewed"); none for loans. */
  heading?: string;
}

export interface ReceiptLine {
  itemBarcode: string;
  title: string | null;
  /** What the line says about the item: "Due Wed 23 Dec 2026", "Returned today". */
  detail: string;
}

export interface Receipt {
  libraryName: string;
  /** What the receipt is, above the items: null for a loan receipt. */
  heading: string | null;
  /** Lines of the library's own header text, blank lines dropped. */
  headerLines: string[];
  branchName: string;
  /** e.g. "Wed, Dec 2, 2026, 10:00 AM" in the branch's time zone. */
  printedAt: string;
  /** The patron barcode with all but its last 4 characters hidden; null when no card was scanned. */
  patronBarcode: string | null;
  lines: ReceiptLine[];
  /** e.g. "3 items". */
  total: string;
  /** Says the items were recorded offline and will be confirmed later; null for online loans. */
  offlineNotice: string | null;
}

/** Characters of the patron barcode left readable: enough for the patron to recognise the card. */
export const VISIBLE_PATRON_BARCODE_CHARS = 4;

/** Hides all but the last few characters, so a lost receipt does not give away a library card. */
export function maskBarcode(barcode: string, visible = VISIBLE_PATRON_BARCODE_CHARS): string {
  if (barcode.length <= visible) return '•'.repeat(barcode.length);
  return '•'.repeat(barcode.length - visible) + barcode.slice(-visible);
}

export const OFFLINE_RECEIPT_NOTICE =
  'These loans were recorded while the library system was offline. They will be added to your ' +
  'account when it is back; the due dates above stand.';

export const OFFLINE_RETURNS_NOTICE =
  'These returns were recorded while the library system was offline. They will be taken off your ' +
  'account when it is back, on the days shown above.';

type Letterhead = Pick<ReceiptInput, 'libraryName' | 'headerText' | 'branchName' | 'timeZone'> & {
  printedAt: number;
};

function letterhead(input: Letterhead) {
  return {
    libraryName: input.libraryName,
    headerLines: input.headerText
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter((line) => line !== ''),
    branchName: input.branchName,
    printedAt: formatDateTime(input.printedAt, input.timeZone),
  };
}

const itemCount = (count: number) => (count === 1 ? '1 item' : `${count} items`);

export function buildReceipt(input: ReceiptInput): Receipt {
  return {
    ...letterhead(input),
    heading: input.heading ?? null,
    patronBarcode: maskBarcode(input.patronBarcode),
    lines: input.loans.map((loan) => ({
      itemBarcode: loan.itemBarcode,
      title: loan.title ?? null,
      detail: `Due ${formatDay(loan.dueDate)}`,
    })),
    total: itemCount(input.loans.length),
    offlineNotice: input.recordedOffline ? OFFLINE_RECEIPT_NOTICE : null,
  };
}

export interface ReturnReceiptInput extends Letterhead {
  /** The items checked in offline, with "Returned on" when it was not the day of the scan. */
  returns: readonly { itemBarcode: string; returnedOn?: string | undefined }[];
}

/**
 * "Items returned", for the patron who wants proof of a return made at an offline desk. Offline
 * the desk does not know whose loans these were, so it names no card.
 */
export function buildReturnReceipt(input: ReturnReceiptInput): Receipt {
  return {
    ...letterhead(input),
    heading: 'Items returned',
    patronBarcode: null,
    lines: input.returns.map((item) => ({
      itemBarcode: item.itemBarcode,
      title: null,
      detail:
        item.returnedOn === undefined ? 'Returned today' : `Returned ${formatDay(item.returnedOn)}`,
    })),
    total: itemCount(input.returns.length),
    offlineNotice: OFFLINE_RETURNS_NOTICE,
  };
}
