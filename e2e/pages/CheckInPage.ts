// The Check In screen.
import type { Locator, Page } from 'playwright-core';

export class CheckInPage {
  readonly itemBarcode: Locator;
  readonly alert: Locator;
  /** Rows checked in on this screen, without the placeholder or pending rows. */
  readonly returnedRows: Locator;

  constructor(readonly page: Page) {
    this.itemBarcode = page.getByLabel('Item barcode', { exact: true });
    this.alert = page.getByRole('alert');
    this.returnedRows = page
      .getByRole('table', { name: 'Checked in now' })
      .locator('tbody tr:not([aria-busy]):has(td.barcode)');
  }

  async goto(): Promise<void> {
    await this.page.goto('/checkin');
    await this.itemBarcode.waitFor();
  }

  async scanItems(...barcodes: string[]): Promise<void> {
    await this.itemBarcode.focus();
    await this.page.keyboard.type(barcodes.map((barcode) => `${barcode}\n`).join(''));
  }

  returnedRow(itemBarcode: string): Locator {
    return this.returnedRows.filter({ hasText: itemBarcode });
  }
}
