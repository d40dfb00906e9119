// Prints a receipt, for both apps: lays it out in the hidden #receipt element (receipt.css keeps it
// off screen and alone on paper; the hold and transit slips of src/browser/slips print through the
// same element with printOnPaper), measures it, sets the page size
// (an 80 mm receipt printer needs `size: 80mm <height>mm`, since `80mm` alone prints a square and
// `80mm auto` falls back to Letter), then opens the print dialog. The page size goes in through a
// constructed stylesheet, which the Content-Security-Policy allows where inline styles are not.
import type { PrintOptions } from '../storage/localState.ts';
import type { Receipt } from './receipt.ts';

const MM_PER_CSS_PX = 25.4 / 96;
/** Paper fed past the last line so the cutter does not clip it. */
const RECEIPT_TAIL_MM = 10;

export function element(tag: string, className: string, text?: string): HTMLElement {
  const node = document.createElement(tag);
  node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function render(receipt: Receipt, container: HTMLElement): void {
  container.replaceChildren();
  container.append(element('h1', 'receipt-library', receipt.libraryName));
  if (receipt.heading !== undefined) {
    container.append(element('h2', 'receipt-heading', receipt.heading));
  }
  for (const line of receipt.headerLines) container.append(element('p', 'receipt-header', line));
  container.append(element('p', 'receipt-meta', receipt.branchName));
  container.append(element('p', 'receipt-meta', receipt.printedAt));
  container.append(element('p', 'receipt-meta', `Patron: ${receipt.patronBarcode}`));
  const list = element('ol', 'receipt-loans');
  for (const loan of receipt.loans) {
    const item = element('li', 'receipt-loan');
    if (loan.title !== null) item.append(element('span', 'receipt-title', loan.title));
    item.append(element('span', 'receipt-item', loan.itemBarcode));
    item.append(element('span', 'receipt-due', `Due ${loan.due}`));
    list.append(item);
  }
  container.append(list);
  container.append(element('p', 'receipt-total', receipt.total));
  if (receipt.offlineNotice !== null) {
    container.append(element('p', 'receipt-notice', receipt.offlineNotice));
  }
}

/** The #receipt element, added to the page the first time a receipt is printed. */
function receiptContainer(): HTMLElement {
  const existing = document.getElementById('receipt');
  if (existing) return existing;
  const container = document.createElement('div');
  container.id = 'receipt';
  // Paper only: screen readers already have the loans on the screen.
  container.setAttribute('aria-hidden', 'true');
  document.body.append(container);
  return container;
}

export function printReceipt(receipt: Receipt, paper: PrintOptions['paper']): void {
  printOnPaper((container) => render(receipt, container), paper);
}

/**
 * Lays out what `fill` puts in the print element (emptied first) and prints it alone, on an 80 mm
 * roll cut to its length or on a page: the receipt's way, for anything the desk prints.
 */
export function printOnPaper(
  fill: (container: HTMLElement) => void,
  paper: PrintOptions['paper'],
): void {
  const container = receiptContainer();
  container.dataset.paper = paper;
  container.replaceChildren();
  fill(container);
  const sheet = new CSSStyleSheet();
  if (paper === 'receipt') {
    // Measured while laid out at the printable width (the stylesheet's .measuring rule).
    container.classList.add('measuring');
    const heightMm = Math.ceil(container.getBoundingClientRect().height * MM_PER_CSS_PX);
    container.classList.remove('measuring');
    sheet.replaceSync(`@page { size: 80mm ${heightMm + RECEIPT_TAIL_MM}mm; margin: 0; }`);
  } else {
    sheet.replaceSync('@page { size: auto; margin: 15mm; }');
  }
  const previous = document.adoptedStyleSheets;
  document.adoptedStyleSheets = [...previous, sheet];
  try {
    window.print();
  } finally {
    document.adoptedStyleSheets = previous;
  }
}
