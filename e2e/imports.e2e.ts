// Importing through the web app, against the real server and the demo library: an administrator
// uploads a patrons CSV with a bad row and sees it refused by line, cancels, uploads the corrected
// file and imports it, then imports items from a MARC 21 file. Screenshots for docs/importing.md.
import Database from 'better-sqlite3';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withCheckDigit } from '../src/shared/barcodes/barcodes.ts';
import { iso2709File, kohaBook } from '../src/shared/imports/marcFiles.testing.ts';
import { ImportPage } from './pages/ImportPage.ts';
import { SignInPage } from './pages/SignInPage.ts';
import { launchBrowser, type TestBrowser } from './support/browser.ts';
import { expectText } from './support/expectText.ts';
import { startServer, type CircaServer } from './support/server.ts';

const DEMO_PASSWORD = 'circa-demo';
const SCREENSHOTS_DIR = resolve(import.meta.dirname, '..', 'docs', 'images');
/** Barcodes valid by the demo rules that the demo library does not use. */
const patron = (n: number) => withCheckDigit(`298700000${String(n).padStart(4, '0')}`);
const item = (n: number) => withCheckDigit(`398700000${String(n).padStart(4, '0')}`);

describe('importing patrons and items in the browser', () => {
  let server: CircaServer;
  let browser: TestBrowser;
  let page: Page;
  let files: string;
  let imports: ImportPage;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS_DIR, { recursive: true });
    files = mkdtempSync(join(tmpdir(), 'circa-import-files-'));
    server = await startServer({ env: { IMPORT_DIR: join(files, 'uploads') } });
    browser = await launchBrowser({ baseURL: server.url });
    page = browser.page;
    const signIn = new SignInPage(page);
    await signIn.goto('/checkout');
    await signIn.signIn('admin', DEMO_PASSWORD);
    await signIn.answerWorkstation();
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
    imports = new ImportPage(page);
  });

  afterAll(async () => {
    await browser?.dispose();
    await server?.dispose();
    if (files) rmSync(files, { recursive: true, force: true });
  });

  const count = (sql: string, ...params: string[]) => {
    const db = new Database(server.databasePath, { readonly: true });
    try {
      return (db.prepare(sql).get(...params) as { n: number }).n;
    } finally {
      db.close();
    }
  };

  it('refuses a patrons CSV with a bad row by line and field, and cancels it', async () => {
    const path = join(files, 'patrons.csv');
    writeFileSync(
      path,
      [
        'barcode;name;patron_type;home_branch;email',
        `${patron(1)};Grace Hopper;ADULT;MAIN;grace@example.org`,
        `${patron(2)};Katherine Johnson;ADULT;EAST;`,
        `${patron(3)};Tim Berners-Lee;VISITOR;MAIN;`,
      ].join('\n'),
    );
    await imports.open();
    await imports.upload('Patrons (CSV)', path);
    await expectText(imports.status, 'patrons.csv cannot be imported as it is: 1 row refused.');
    const row = imports.refusals.getByRole('row').nth(1);
    await expect(row.getByRole('cell').nth(0).textContent()).resolves.toBe('4');
    await expect(row.getByRole('cell').nth(1).textContent()).resolves.toBe('patron_type');
    await expect(row.getByRole('cell').nth(2).textContent()).resolves.toContain('"VISITOR"');
    expect(await imports.importButton(2).isDisabled()).toBe(true);
    await page.screenshot({ path: join(SCREENSHOTS_DIR, 'import-refusals.png') });
    await imports.cancelButton.click();
    await expectText(
      imports.status,
      'The import of patrons.csv was cancelled. Nothing was stored.',
    );
    expect(count('select count(*) as n from patrons where barcode = ?', patron(1))).toBe(0);
  });

  it('previews the corrected file, then imports it', async () => {
    const path = join(files, 'patrons.csv');
    writeFileSync(
      path,
      [
        'barcode;name;patron_type;home_branch;email',
        `${patron(1)};Grace Hopper;ADULT;MAIN;grace@example.org`,
        `${patron(2)};Katherine Johnson;ADULT;EAST;`,
        `${patron(3)};Tim Berners-Lee;STAFF;MAIN;`,
      ].join('\n'),
    );
    await imports.upload('Patrons (CSV)', path);
    await expectText(
      imports.status,
      'patrons.csv is ready: 3 rows to store. Nothing has changed yet.',
    );
    await page.screenshot({ path: join(SCREENSHOTS_DIR, 'import-preview.png') });
    await imports.importButton(3).click();
    await expectText(imports.status, 'Imported patrons.csv: 3 created, 0 updated, 0 unchanged.');
    expect(count(`select count(*) as n from patrons where barcode like '29870%'`)).toBe(3);
  });

  it('imports items from a MARC 21 file with Koha holdings', async () => {
    const path = join(files, 'catalogue.mrc');
    writeFileSync(
      path,
      iso2709File([
        kohaBook({
          title: 'Cosmos',
          author: 'Sagan, Carl',
          holdings: [
            { barcode: item(1), branch: 'MAIN', type: 'BOOK', callNumber: '520 SAG' },
            { barcode: item(2), branch: 'EAST', type: 'BOOK', callNumber: '520 SAG' },
          ],
        }),
        kohaBook({
          title: 'Silent spring',
          author: 'Carson, Rachel',
          holdings: [{ barcode: item(3), branch: 'MAIN', type: 'AUDIOBOOK' }],
        }),
      ]),
    );
    await imports.kind.selectOption({ label: 'Items (MARC 21, .mrc)' });
    expect(await imports.barcodeTag.inputValue()).toBe('952');
    expect(await imports.barcodeSubfield.inputValue()).toBe('p');
    await imports.upload('Items (MARC 21, .mrc)', path);
    await expectText(
      imports.status,
      'catalogue.mrc is ready: 3 rows to store. Nothing has changed yet.',
    );
    await imports.importButton(3).click();
    await expectText(imports.status, 'Imported catalogue.mrc: 3 created, 0 updated, 0 unchanged.');
    await page.screenshot({ path: join(SCREENSHOTS_DIR, 'import-done.png') });
    expect(count(`select count(*) as n from items where barcode like '39870%'`)).toBe(3);
    expect(
      count(`select count(*) as n from items where title = 'Cosmos' and author = 'Sagan, Carl'`),
    ).toBe(2);
  });
});
