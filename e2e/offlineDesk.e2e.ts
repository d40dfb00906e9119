// The offline desk beyond Check Out, with the server stopped: the tabs (by mouse and keyboard, and
// waiting while a patron is in progress), Check In with a "Returned on" day and the same item
// twice, In-House Use with a count, the unsent count rising, and every row still in the outbox
// after a reload. Sending them is the processing's test, not this one.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { DEMO_BARCODE_RULES, withCheckDigit } from '../src/shared/barcodes/barcodes.ts';
import { addDays, localDate } from '../src/shared/calendar/dueDates.ts';
import { formatDay } from '../src/shared/calendar/formatDates.ts';
import { OfflineDeskPage } from './pages/OfflineDeskPage.ts';
import { launchBrowser, type TestBrowser } from './support/browser.ts';
import { startServer, type CircaServer } from './support/server.ts';
import {
  controlledByServiceWorker,
  installOfflineClient,
  stopServerAndReload,
} from './support/offlineInstall.ts';
import { readOutbox } from './support/offlineOutbox.ts';
import { addStaffUser } from './support/staffUsers.ts';
import { printedReceipts, recordPrints } from './support/printSpy.ts';
import { screenshot } from './support/screenshots.ts';

const STAFF_USERNAME = 'offline-returns';
const STAFF_PASSWORD = 'returns pile up on the desk';
const BRANCH_TIME_ZONE = 'America/Chicago';
const UI_TIMEOUT_MS = 15_000;

const patron = (n: number) => withCheckDigit(`29${String(n).padStart(11, '0')}`);
const item = (n: number) => withCheckDigit(`39${String(n).padStart(11, '0')}`);

interface StoredTransaction {
  type: string;
  sequence: number;
  itemBarcode?: string;
  returnedOn?: string;
  count?: number;
  sentAt: number | null;
}

async function setUpLibrary(databasePath: string): Promise<void> {
  const db = new Database(databasePath, { fileMustExist: true });
  try {
    db.prepare(
      `update library_settings set library_name = 'Riverside Public Library', barcode_rules = ?,
         default_loan_days = 21, offline_blocked_list = 0`,
    ).run(JSON.stringify(DEMO_BARCODE_RULES));
  } finally {
    db.close();
  }
  await addStaffUser(databasePath, {
    username: STAFF_USERNAME,
    password: STAFF_PASSWORD,
    displayName: 'Robin Returns',
    role: 'circulation',
    branch: { code: 'RTRN', name: 'Riverside Branch', timeZone: BRANCH_TIME_ZONE },
  });
}

describe('the offline desk: Check In and In-House Use with the server stopped', () => {
  let server: CircaServer;
  let browser: TestBrowser;
  let page: Page;
  let desk: OfflineDeskPage;
  /** A day in the book drop: three days before today at the branch. */
  const bookDropDay = addDays(localDate(Date.now(), BRANCH_TIME_ZONE), -3);

  beforeAll(async () => {
    server = await startServer();
    await setUpLibrary(server.databasePath);
    browser = await launchBrowser({ baseURL: server.url });
    page = browser.page;
    desk = new OfflineDeskPage(page);
  });

  afterAll(async () => {
    await browser?.dispose();
    await server?.dispose();
  });

  it('installs, then opens from the service worker with the server stopped', async () => {
    await installOfflineClient(page, { username: STAFF_USERNAME, password: STAFF_PASSWORD });
    expect(await controlledByServiceWorker(page)).toBe(true);
    await stopServerAndReload(page, server);
  });

  it('reaches every desk screen by its tab, from the keyboard too, with the focus in its first field', async () => {
    for (const name of ['Check Out', 'Check In', 'In-House Use'])
      await desk.tab(name).waitFor({ timeout: UI_TIMEOUT_MS });
    expect(await desk.tab('Check Out').getAttribute('aria-selected')).toBe('true');
    await desk.tab('Check Out').focus();
    await page.keyboard.press('ArrowRight');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Check In');
    await page.keyboard.press('Enter');
    await expect.poll(() => desk.tab('Check In').getAttribute('aria-selected')).toBe('true');
    await expect.poll(() => desk.focusedId()).toBe('checkin-item-barcode');
    await desk.open('In-House Use');
    await expect.poll(() => desk.focusedId()).toBe('in-house-item-barcode');
    await desk.open('Check Out');
    await expect.poll(() => desk.focusedId()).toBe('patron-barcode');
  });

  it('keeps the desk on Check Out while a patron is in progress', async () => {
    await page.getByLabel('Patron barcode', { exact: true }).fill(patron(1));
    await page.getByLabel('Patron barcode', { exact: true }).press('Enter');
    await expect.poll(() => desk.tab('Check In').isDisabled()).toBe(true);
    await page.getByText('Complete the current patron to change screens.').waitFor();
    await page.getByRole('button', { name: 'Complete' }).click();
    await expect.poll(() => desk.tab('Check In').isDisabled()).toBe(false);
  });

  it('checks in three items, one found in the book drop, each listed once stored', async () => {
    await desk.open('Check In');
    await desk.scan(item(1));
    await desk.scan(item(2));
    await page.getByLabel('Returned on').fill(bookDropDay);
    await page.getByText(`Returned on ${formatDay(bookDropDay)}: every item scanned now`).waitFor();
    await desk.scan(item(3));
    await screenshot(page, 'offline-check-in.png');
    await page.getByLabel('Returned on').fill('');
    const rows = await desk.cells();
    expect(rows.map((r) => [r[0], r[1]])).toEqual([
      ['1', item(1)],
      ['2', item(2)],
      ['3', item(3)],
    ]);
    expect(rows[0]![2]).toMatch(/^Today, \d{2}:\d{2}$/);
    expect(rows[2]![2]).toBe(`${formatDay(bookDropDay)} (Returned on)`);
    await expect.poll(() => desk.unsent.innerText()).toBe('Unsent: 3');
  });

  it('warns about the same item twice and refuses a patron card, recording neither', async () => {
    await desk.itemBarcode.fill(item(2));
    await desk.itemBarcode.press('Enter');
    await expect.poll(() => desk.alert.innerText()).toMatch(/already checked in/);
    expect(await page.locator('.alert--warning').count()).toBeGreaterThan(0);
    await desk.itemBarcode.fill(patron(2));
    await desk.itemBarcode.press('Enter');
    await expect.poll(() => desk.alert.innerText()).toMatch(/patron's library card, not an item/);
    expect(await desk.rows().count()).toBe(3);
    expect(await desk.unsent.innerText()).toBe('Unsent: 3');
    await page.getByLabel('Returned on').fill(addDays(localDate(Date.now(), BRANCH_TIME_ZONE), 2));
    await page.getByText(/is after today/).waitFor();
    await page.getByLabel('Returned on').fill('');
    await page.getByText(/is after today/).waitFor({ state: 'detached' });
  });

  it('records in-house use with a count', async () => {
    await desk.open('In-House Use');
    await page.getByLabel('Count', { exact: true }).fill('3');
    // Enter in Count goes on to the item instead of refusing an empty barcode.
    await page.getByLabel('Count', { exact: true }).press('Enter');
    await expect.poll(() => desk.focusedId()).toBe('in-house-item-barcode');
    expect(await page.locator('.alert--refusal').count()).toBe(0);
    await desk.scan(item(10));
    const rows = await desk.cells();
    expect(rows.map((r) => [r[1], r[2]])).toEqual([[item(10), '3']]);
    // Back to one use for the next item.
    expect(await page.getByLabel('Count', { exact: true }).inputValue()).toBe('1');
    await expect.poll(() => desk.unsent.innerText()).toBe('Unsent: 4');
    await screenshot(page, 'offline-in-house-use.png');
  });

  it('keeps the Check In list while staff visit another tab, and prints "Items returned" on Complete', async () => {
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByRole('tab', { name: 'Print Options' }).click();
    await page.getByLabel('Print “Items returned” when I choose Complete on Check In').check();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Print options saved.').waitFor();
    await page.getByRole('button', { name: 'Back to In-House Use' }).click();
    await desk.open('Check In');
    expect(await desk.rows().count()).toBe(3);
    await recordPrints(page);
    await page.keyboard.press('Alt+C');
    await expect.poll(() => desk.rows().count()).toBe(0);
    const printed = await printedReceipts(page);
    expect(printed).toHaveLength(1);
    expect(printed[0]!.text).toContain('Items returned');
    expect(printed[0]!.text).toContain(item(3));
    expect(printed[0]!.text).toContain(`Returned ${formatDay(bookDropDay)}`);
  });

  it('keeps every check-in and in-house use in the outbox across a reload', async () => {
    await page.reload();
    await desk.tab('Check In').waitFor({ timeout: UI_TIMEOUT_MS });
    await expect.poll(() => desk.unsent.innerText(), { timeout: UI_TIMEOUT_MS }).toBe('Unsent: 4');
    const stored = (await readOutbox<StoredTransaction>(page)).toSorted(
      (a, b) => a.sequence - b.sequence,
    );
    expect(stored.map((t) => [t.type, t.itemBarcode, t.returnedOn, t.count, t.sentAt])).toEqual([
      ['check_in', item(1), undefined, undefined, null],
      ['check_in', item(2), undefined, undefined, null],
      ['check_in', item(3), bookDropDay, undefined, null],
      ['in_house_use', item(10), undefined, 3, null],
    ]);
  });
});
