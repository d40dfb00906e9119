// The offline client's desk as a librarian sees it: the tabs (Check Out, Check In, Renew, In-House
// Use, Register Patron), each screen found by its heading, its fields by label and its rows.
import type { Locator, Page } from 'playwright-core';

const UI_TIMEOUT_MS = 15_000;

/** Polls until `condition` holds; used by page objects, outside any test's expect. */
export async function waitUntil(condition: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + UI_TIMEOUT_MS;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}.`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export class OfflineDeskPage {
  readonly itemBarcode: Locator;
  readonly alert: Locator;
  readonly unsent: Locator;

  constructor(readonly page: Page) {
    this.itemBarcode = page.getByLabel('Item barcode', { exact: true });
    this.alert = page.getByRole('alert');
    this.unsent = page.getByText(/^Unsent: \d+$/);
  }

  tab(name: string): Locator {
    return this.page.getByRole('tab', { name, exact: true });
  }

  /** Opens a desk tab and waits until it is the selected one. */
  async open(name: string): Promise<void> {
    await this.tab(name).click();
    await waitUntil(
      async () => (await this.tab(name).getAttribute('aria-selected')) === 'true',
      `the ${name} tab`,
    );
  }

  /** The screen under `heading` ("Check Out", "Renew", …). */
  section(heading: string): Locator {
    return this.page.getByRole('region', { name: heading, exact: true });
  }

  /** The recorded rows of the screen under `heading`, or of the open tab. */
  rows(heading?: string): Locator {
    const scope = heading === undefined ? this.page.getByRole('tabpanel') : this.section(heading);
    return scope.locator('tbody tr:not(:has(td.empty))');
  }

  async cells(heading?: string): Promise<string[][]> {
    return this.rows(heading).evaluateAll((rows) =>
      rows.map((row) => [...row.querySelectorAll('td')].map((cell) => cell.textContent ?? '')),
    );
  }

  /** Scans into the open tab's "Item barcode" and waits for its row, shown once it is stored. */
  async scan(barcode: string): Promise<void> {
    const rows = this.rows();
    const before = await rows.count();
    await this.itemBarcode.fill(barcode);
    await this.itemBarcode.press('Enter');
    await waitUntil(async () => (await rows.count()) === before + 1, `the row for ${barcode}`);
  }

  /** Scans into "Item barcode" of the screen under `heading` and waits for one more row. */
  async scanItem(heading: string, barcode: string): Promise<void> {
    const rows = this.rows(heading);
    const before = await rows.count();
    const field = this.section(heading).getByLabel('Item barcode', { exact: true });
    await field.fill(barcode);
    await field.press('Enter');
    await waitUntil(async () => (await rows.count()) === before + 1, `the row for ${barcode}`);
  }

  async scanPatron(heading: string, barcode: string): Promise<void> {
    const field = this.section(heading).getByLabel('Patron barcode', { exact: true });
    await field.fill(barcode);
    await field.press('Enter');
  }

  /** The id of the element that has the focus, as the browser sees it. */
  focusedId(): Promise<string> {
    return this.page.evaluate(() => document.activeElement?.id ?? '');
  }
}
