// The offline uploads pages by their accessible names: uploading a file, an upload's report, and
// the exceptions queue.
import type { Locator, Page } from 'playwright-core';

export class UploadOfflineFilePage {
  readonly file: Locator;
  readonly uploadButton: Locator;
  /** The summary after an upload (SendResultSummary). */
  readonly summary: Locator;
  readonly alert: Locator;

  constructor(readonly page: Page) {
    this.file = page.getByLabel('Offline file', { exact: true });
    this.uploadButton = page.getByRole('button', { name: 'Upload', exact: true });
    this.summary = page.getByRole('status').filter({ hasText: 'from this sending' });
    this.alert = page.getByRole('alert').filter({ hasText: /\S/ });
  }

  async upload(path: string): Promise<void> {
    await this.file.setInputFiles(path);
    await this.uploadButton.click();
  }

  /** Opens the upload screen afresh and uploads a file held in memory (a journal read out of OPFS). */
  async uploadText(file: { name: string; text: string }, timeoutMs: number): Promise<void> {
    await this.page.goto('/offline-uploads/new');
    await this.file.waitFor({ timeout: timeoutMs });
    await this.file.setInputFiles({
      name: file.name,
      mimeType: 'application/json',
      buffer: Buffer.from(file.text),
    });
    await this.uploadButton.click();
  }
}

export class OfflineReportPage {
  readonly outcome: Locator;
  readonly rows: Locator;
  readonly downloadCsv: Locator;

  constructor(readonly page: Page) {
    this.outcome = page.getByLabel('Outcome', { exact: true });
    this.rows = page.locator('table.report-table tbody tr');
    this.downloadCsv = page.getByRole('link', { name: 'Download CSV' });
  }

  row(text: string): Locator {
    return this.rows.filter({ hasText: text });
  }
}

export class OfflineExceptionsPage {
  readonly showResolved: Locator;

  constructor(readonly page: Page) {
    this.showResolved = page.getByLabel('Show resolved exceptions too');
  }

  /** One exception, by its heading ("Check out at DESK-2, no. 3"). */
  exception(heading: string): Locator {
    return this.page.getByRole('region', { name: heading, exact: true });
  }

  /** What the card says after an action that changed nothing, e.g. a re-apply that failed again. */
  notice(heading: string): Locator {
    return this.exception(heading).getByRole('status');
  }

  async applyAgain(heading: string, fields: { patronBarcode?: string; itemBarcode?: string }) {
    const region = this.exception(heading);
    if (fields.patronBarcode !== undefined) {
      await region.getByLabel('Patron barcode').fill(fields.patronBarcode);
    }
    if (fields.itemBarcode !== undefined) {
      await region.getByLabel('Item barcode').fill(fields.itemBarcode);
    }
    await region.getByRole('button', { name: 'Apply again' }).click();
  }

  async dismiss(heading: string, reason: string) {
    const region = this.exception(heading);
    await region.getByLabel('Reason').fill(reason);
    await region.getByRole('button', { name: 'Dismiss' }).click();
  }
}
