// The loan receipt's content, as plain data: what the patron takes home after Complete, in either
// app. Kept pure so its wording is tested without a printer; printReceipt.ts lays it out on paper.
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
  /** What the receipt is of, when not new loans: e.g. "Loans renewed". */
  heading?: string;
}

export interface Receipt {
  libraryName: string;
  /** Lines of the library's own header text, blank lines dropped. */
  headerLines: string[];
  branchName: string;
  /** e.g. "Wed, Dec 2, 2026, 10:00 AM" in the branch's time zone. */
  printedAt: string;
  /** The patron barcode with all but its last 4 characters hidden. */
  patronBarcode: string;
  loans: { itemBarcode: string; title: string | null; due: string }[];
  /** e.g. "3 items". */
  total: string;
  /** Says the loans were recorded offline and will be confirmed later; null for online loans. */
  offlineNotice: string | null;
  /** What the receipt is of, printed under the library's name; absent for new loans. */
  heading?: string;
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

export function buildReceipt(input: ReceiptInput): Receipt {
  const count = input.loans.length;
  return {
    libraryName: input.libraryName,
    headerLines: input.headerText
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter((line) => line !== ''),
    branchName: input.branchName,
    printedAt: formatDateTime(input.printedAt, input.timeZone),
    patronBarcode: maskBarcode(input.patronBarcode),
    loans: input.loans.map((loan) => ({
      itemBarcode: loan.itemBarcode,
      title: loan.title ?? null,
      due: formatDay(loan.dueDate),
    })),
    total: count === 1 ? '1 item' : `${count} items`,
    offlineNotice: input.recordedOffline ? OFFLINE_RECEIPT_NOTICE : null,
    ...(input.heading === undefined ? {} : { heading: input.heading }),
  };
}
