// The print dialog cannot be driven headless: record what a page would print instead, the page
// size rule the receipt set and the receipt's text, for the receipt tests of both apps.
import type { Page } from 'playwright-core';

export interface PrintedReceipt {
  /** The constructed stylesheets' rules when print was called, e.g. "@page { size: … }". */
  pageRule: string;
  /** What the #receipt element held. */
  text: string;
}

/** Replaces window.print on this page with a recorder. */
export async function recordPrints(page: Page): Promise<void> {
  await page.evaluate(() => {
    const printed: { pageRule: string; text: string }[] = [];
    (window as unknown as { printed: typeof printed }).printed = printed;
    window.print = () => {
      printed.push({
        pageRule: document.adoptedStyleSheets
          .flatMap((sheet) => [...sheet.cssRules].map((rule) => rule.cssText))
          .join(' '),
        text: document.getElementById('receipt')?.innerText ?? '',
      });
    };
  });
}

/** What the page printed since recordPrints. */
export async function printedReceipts(page: Page): Promise<PrintedReceipt[]> {
  return page.evaluate(() => (window as unknown as { printed: PrintedReceipt[] }).printed);
}
