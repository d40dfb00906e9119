// The Import screen by its accessible names: choosing what a file holds, uploading it, the preview
// and its refusals, importing or cancelling.
import type { Locator, Page } from 'playwright-core';

export class ImportPage {
  readonly kind: Locator;
  readonly file: Locator;
  readonly barcodeTag: Locator;
  readonly barcodeSubfield: Locator;
  readonly uploadButton: Locator;
  readonly status: Locator;
  readonly refusals: Locator;
  readonly cancelButton: Locator;
  readonly alert: Locator;

  constructor(readonly page: Page) {
    this.kind = page.getByLabel('What the file holds', { exact: true });
    this.file = page.getByLabel('File', { exact: true });
    this.barcodeTag = page.getByLabel('Barcode tag', { exact: true });
    this.barcodeSubfield = page.getByLabel('Barcode subfield', { exact: true });
    this.uploadButton = page.getByRole('button', { name: 'Upload and preview' });
    this.status = page.getByRole('main').getByRole('status');
    this.refusals = page.getByRole('table', { name: 'Refused' });
    this.cancelButton = page.getByRole('button', { name: 'Cancel import' });
    this.alert = page.getByRole('alert').filter({ hasText: /\S/ });
  }

  /** Opens Import from Administration, where the library's set-up screens are. */
  async open(): Promise<void> {
    await this.page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Administration', exact: true })
      .click();
    await this.page
      .getByRole('navigation', { name: 'Administration' })
      .getByRole('link', { name: 'Import', exact: true })
      .click();
    await this.kind.waitFor();
  }

  /** Uploads the file as the kind given by its label, e.g. 'Patrons (CSV)'. */
  async upload(kindLabel: string, path: string): Promise<void> {
    await this.kind.selectOption({ label: kindLabel });
    await this.file.setInputFiles(path);
    await this.uploadButton.click();
  }

  /** The button that stores the previewed rows, e.g. "Import 3 rows". */
  importButton(rows: number): Locator {
    return this.page.getByRole('button', { name: `Import ${rows} ${rows === 1 ? 'row' : 'rows'}` });
  }
}
