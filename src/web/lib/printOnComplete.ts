// Complete at the online Check Out: the same loan receipt as the offline client's (src/browser/
// receipt), printed when this workstation's Print Options say so.
import { buildReceipt } from '../../browser/receipt/receipt.ts';
import { printReceipt } from '../../browser/receipt/printReceipt.ts';
import { loadPrintOptions } from '../../browser/storage/printOptionsStore.ts';
import type { Loan } from '../../shared/api/circulation.ts';
import { localDate } from '../../shared/calendar/dueDates.ts';
import type { SessionInfo } from '../../shared/api/session.ts';

export interface CompletedCheckOut {
  session: SessionInfo;
  patronBarcode: string;
  /** The loans made for this patron since their card was scanned, in scan order. */
  loans: readonly Loan[];
}

/**
 * Prints the receipt when Print Options ask for one and something was lent. Options that cannot be
 * read (storage switched off) print nothing: the loans are made, and the screen shows them.
 */
export async function printOnComplete(visit: CompletedCheckOut): Promise<void> {
  if (visit.loans.length === 0) return;
  const completedAt = Date.now();
  const options = await loadPrintOptions().catch(() => null);
  if (!options?.printReceipts) return;
  const branch = visit.session.workstation?.branch ?? visit.session.user.branch;
  printReceipt(
    buildReceipt({
      libraryName: visit.session.libraryName,
      headerText: options.headerText,
      branchName: branch.name,
      timeZone: branch.timeZone,
      printedAt: completedAt,
      patronBarcode: visit.patronBarcode,
      loans: visit.loans.map((loan) => ({
        itemBarcode: loan.item.barcode,
        title: loan.item.title,
        // The calendar day at the branch that lent it: the one printed as the due date on screen.
        dueDate: localDate(loan.dueAt, branch.timeZone),
      })),
      recordedOffline: false,
    }),
    options.paper,
  );
}
