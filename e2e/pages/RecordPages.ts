// The Patrons and Items screens, Register patron, Add item, and the card actions on Check Out,
// by their accessible names.
import type { Locator, Page } from 'playwright-core';

export class RegisterPatronPage {
  readonly cardBarcode: Locator;
  readonly name: Locator;
  readonly register: Locator;

  constructor(readonly page: Page) {
    this.cardBarcode = page.getByLabel('Card barcode', { exact: true });
    this.name = page.getByLabel('Name', { exact: true });
    this.register = page.getByRole('button', { name: 'Register patron' });
  }
}

export class AddItemPage {
  readonly itemBarcode: Locator;
  readonly title: Locator;
  readonly author: Locator;
  readonly callNumber: Locator;
  readonly add: Locator;

  constructor(readonly page: Page) {
    this.itemBarcode = page.getByLabel('Item barcode', { exact: true });
    this.title = page.getByLabel('Title', { exact: true });
    this.author = page.getByLabel('Author', { exact: true });
    this.callNumber = page.getByLabel('Call number', { exact: true });
    this.add = page.getByRole('button', { name: 'Add item', exact: true });
  }

  async goto(): Promise<void> {
    await this.page.goto('/items/new');
    await this.itemBarcode.waitFor();
  }
}

/** Patrons and Items share one search form: a box, Find, a results table. */
export class RecordSearchPage {
  readonly box: Locator;
  readonly results: Locator;

  constructor(
    readonly page: Page,
    readonly path: '/patrons' | '/items',
    label: string,
    caption: string,
  ) {
    this.box = page.getByLabel(label, { exact: true });
    this.results = page.getByRole('table', { name: caption });
  }

  async goto(): Promise<void> {
    await this.page.goto(this.path);
    await this.box.waitFor();
  }

  async search(text: string): Promise<void> {
    await this.box.fill(text);
    await this.box.press('Enter');
  }
}

export const patronSearch = (page: Page) =>
  new RecordSearchPage(page, '/patrons', 'Card barcode or name', 'Patrons found');
export const itemSearch = (page: Page) =>
  new RecordSearchPage(page, '/items', 'Item barcode, title or author', 'Items found');

/** What Check Out offers beside a card that stops at the patron. */
export class CardActions {
  readonly renewCard: Locator;
  readonly lendAnyway: Locator;
  readonly reason: Locator;
  readonly lendForThisVisit: Locator;

  constructor(readonly page: Page) {
    const region = page.getByRole('region', { name: 'Card actions' });
    this.renewCard = region.getByRole('button', { name: 'Renew card' });
    this.lendAnyway = region.getByRole('button', { name: 'Lend anyway (once)' });
    this.reason = region.getByLabel('Why may this card borrow now?');
    this.lendForThisVisit = region.getByRole('button', { name: 'Lend for this visit' });
  }
}
