// Page objects for holds: a title's page with its queue and Place hold, and the holds section of a
// patron's page. Every control is found by its accessible name, as staff and screen readers find it.
import type { Locator, Page } from 'playwright-core';

export class TitlePage {
  readonly heading: Locator;
  readonly queue: Locator;
  readonly copies: Locator;
  readonly placeHold: Locator;
  readonly patronBarcode: Locator;
  readonly pickupBranch: Locator;
  readonly placed: Locator;
  readonly alert: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1 });
    this.queue = page.getByRole('table', { name: 'Queue' });
    this.copies = page.getByRole('table', { name: 'Copies' });
    const form = page.getByRole('region', { name: 'Place hold' });
    this.placeHold = form.getByRole('button', { name: 'Place hold' });
    this.patronBarcode = form.getByLabel('Patron barcode');
    this.pickupBranch = form.getByLabel('Pickup branch');
    this.placed = form.getByRole('status');
    this.alert = form.getByRole('alert');
  }

  async goto(titleId: number): Promise<void> {
    await this.page.goto(`/titles/${titleId}`);
    await this.copies.waitFor();
  }

  /** Scans the card and presses Enter, as a scanner does. */
  async scanPatron(barcode: string): Promise<void> {
    await this.patronBarcode.fill(barcode);
    await this.patronBarcode.press('Enter');
  }
}

export class PatronHoldsSection {
  readonly section: Locator;
  readonly table: Locator;
  readonly said: Locator;
  readonly alert: Locator;

  constructor(readonly page: Page) {
    this.section = page.getByRole('region', { name: 'Holds' });
    this.table = this.section.getByRole('table', { name: 'Holds' });
    this.said = this.section.getByRole('status');
    this.alert = this.section.getByRole('alert');
  }

  /** The row of the hold on this title. */
  row(title: string): Locator {
    return this.table.getByRole('row').filter({ hasText: title });
  }
}
