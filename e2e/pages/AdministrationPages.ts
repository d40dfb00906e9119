// The staff app's administration pages, by their accessible names: the pages' own navigation,
// the Add buttons, the record form (its fields by label) and the tables.
import type { Locator, Page } from 'playwright-core';

export class AdministrationPages {
  readonly heading: Locator;
  readonly form: Locator;
  readonly formAlert: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1 });
    this.form = page.locator('form.record-form');
    this.formAlert = this.form.getByRole('alert');
  }

  /** Opens Administration from the main navigation, then one of its pages. */
  async open(pageName: string): Promise<void> {
    await this.page.getByRole('link', { name: 'Administration', exact: true }).click();
    await this.page
      .getByRole('navigation', { name: 'Administration' })
      .getByRole('link', { name: pageName, exact: true })
      .click();
    await this.heading.filter({ hasText: pageName }).waitFor();
  }

  button(name: string): Locator {
    return this.page.getByRole('button', { name, exact: true });
  }

  field(label: string): Locator {
    return this.form.getByLabel(label, { exact: true });
  }

  table(caption: string): Locator {
    return this.page.getByRole('table', { name: caption });
  }

  /** The table row holding `text` in one of its cells. */
  row(caption: string, text: string): Locator {
    return this.table(caption)
      .getByRole('row')
      .filter({
        has: this.page.getByRole('cell', { name: text, exact: true }),
      });
  }

  /** Fills the open form's fields (text boxes by value, selects by option label), then submits. */
  async fillAndSubmit(
    values: Record<string, string>,
    submit: string,
    selects: Record<string, string> = {},
  ): Promise<void> {
    for (const [label, value] of Object.entries(values)) await this.field(label).fill(value);
    for (const [label, option] of Object.entries(selects)) {
      await this.field(label).selectOption({ label: option });
    }
    await this.form.getByRole('button', { name: submit, exact: true }).click();
  }
}
