// Prints a hold or transit slip on the receipt's paper (80 mm roll or a page, from Print Options),
// through the receipt's print element, so one stylesheet keeps both off screen and alone on paper.
import { element, printOnPaper } from '../receipt/printReceipt.ts';
import type { PrintOptions } from '../storage/localState.ts';
import type { Slip } from './slips.ts';

export function printSlip(slip: Slip, paper: PrintOptions['paper']): void {
  printOnPaper((container) => {
    container.append(element('h1', 'receipt-library', slip.libraryName));
    container.append(element('p', 'slip-heading', slip.heading));
    container.append(element('p', 'slip-large', slip.large));
    for (const line of slip.lines) container.append(element('p', 'receipt-meta', line));
  }, paper);
}
