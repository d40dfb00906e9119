// The Check Out screen, driven as a scanner does: type the barcode, then Enter.
import type { Locator, Page } from 'playwright-core';

export class CheckOutPage {
  readonly patronBarcode: Locator;
  readonly itemBarcode: Locator;
  readonly patronSummary: Locator;
  readonly complete: Locator;
  readonly alert: Locator;
  /** Rows lent in this visit (the "Checked out now" table), without the placeholder row. */
  readonly lentRows: Locator;

  constructor(readonly page: Page) {
    this.patronBarcode = page.getByLabel('Patron barcode', { exact: true });
    this.itemBarcode = page.getByLabel('Item barcode', { exact: true });
    this.patronSummary = page.getByRole('region', { name: 'Patron' });
    this.complete = page.getByRole('button', { name: 'Complete' });
    this.alert = page.getByRole('alert');
    this.lentRows = page
      .getByRole('table', { name: 'Checked out now' })
      .locator('tbody tr:not([aria-busy]):has(td.barcode)');
  }

  /**
   * Opens Check Out afresh. The tab keeps a check-out in progress until Complete, so a test that
   * left one behind would otherwise find its patron again here.
   */
  async goto(): Promise<void> {
    await this.page
      .evaluate(() => sessionStorage.removeItem('circa.checkOutInProgress'))
      .catch(() => undefined);
    await this.page.goto('/checkout');
    await this.patronBarcode.waitFor();
  }

  async scanPatron(barcode: string): Promise<void> {
    await this.patronBarcode.focus();
    await this.page.keyboard.type(`${barcode}\n`);
  }

  /** Scans items one after another without waiting, as fast as a scanner. */
  async scanItems(...barcodes: string[]): Promise<void> {
    await this.itemBarcode.focus();
    await this.page.keyboard.type(barcodes.map((barcode) => `${barcode}\n`).join(''));
  }

  lentRow(itemBarcode: string): Locator {
    return this.lentRows.filter({ hasText: itemBarcode });
  }
}
