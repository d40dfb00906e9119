// The desk's conventions, against the real server and the demo library: sounds on refusals and
// warnings (heard at the Web Audio call), one alert region with its history, Alt+C for Complete,
// the next patron's card in the item field, focus where the next scan goes, and the keystrokes a
// check-out takes. Then the same in the offline client. Screenshots for docs/desk-conventions.md.
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withCheckDigit } from '../src/shared/barcodes/barcodes.ts';
import { CheckInPage } from './pages/CheckInPage.ts';
import { CheckOutPage } from './pages/CheckOutPage.ts';
import { SignInPage } from './pages/SignInPage.ts';
import { chooseFromUserMenu, installOfflineClientFromMenu } from './pages/UserMenu.ts';
import { launchBrowser, type TestBrowser } from './support/browser.ts';
import { openDemoData, type DemoData } from './support/demoData.ts';
import { deskSoundsPlayed, KeyCounter, spyOnDeskSounds } from './support/deskSoundSpy.ts';
import { expectText } from './support/expectText.ts';
import { startServer, type CircaServer } from './support/server.ts';

const DEMO_PASSWORD = 'circa-demo';
const USERNAME = 'desk';
const SCREENSHOTS_DIR = resolve(import.meta.dirname, '..', 'docs', 'images');
/** The smaller desk screen the issue measured on: Complete must stay on it. */
const SMALL_DESK = { width: 1366, height: 768 };

const isFocused = (locator: Locator) =>
  locator.evaluate((element) => element === document.activeElement);

async function inViewport(locator: Locator): Promise<boolean> {
  const box = await locator.boundingBox();
  return box !== null && box.y >= 0 && box.y + box.height <= SMALL_DESK.height;
}

describe('desk conventions in the staff app', () => {
  let server: CircaServer;
  let browser: TestBrowser;
  let demo: DemoData;
  let page: Page;
  let checkOut: CheckOutPage;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS_DIR, { recursive: true });
    server = await startServer();
    demo = openDemoData(server.databasePath);
    browser = await launchBrowser({ baseURL: server.url });
    page = browser.page;
    await page.setViewportSize(SMALL_DESK);
    await spyOnDeskSounds(browser.context);
    const signIn = new SignInPage(page);
    await signIn.goto('/checkout');
    await signIn.signIn(USERNAME, DEMO_PASSWORD);
    await signIn.answerWorkstation();
    checkOut = new CheckOutPage(page);
    await checkOut.patronBarcode.waitFor();
  });

  afterAll(async () => {
    demo?.close();
    await browser?.dispose();
    await server?.dispose();
  });

  it('checks out three items from the keyboard with one keystroke beyond the barcodes and Enters', async () => {
    await checkOut.goto();
    const patron = demo.goodPatron();
    const items = demo.availableItems(patron.patronTypeId, 3);
    const keys = new KeyCounter(page);
    const scans = [patron.barcode, ...items].map((barcode) => `${barcode}\n`);

    expect(await isFocused(checkOut.patronBarcode)).toBe(true);
    // Escape clears a half-typed barcode (not counted: the check-out itself needs no Escape).
    await page.keyboard.type('2100');
    await page.keyboard.press('Escape');
    expect(await checkOut.patronBarcode.inputValue()).toBe('');
    await keys.type(scans[0]!);
    await expect.poll(() => isFocused(checkOut.itemBarcode)).toBe(true);
    await keys.type(scans.slice(1).join(''));
    await expect.poll(() => checkOut.lentRows.count(), { timeout: 10_000 }).toBe(3);
    expect(await checkOut.complete.getAttribute('aria-keyshortcuts')).toBe('Alt+C');
    await screenshot(page, 'desk-complete-shortcut.png');
    await keys.press('Alt+C');

    await expect.poll(() => checkOut.patronSummary.count()).toBe(0);
    expect(await isFocused(checkOut.patronBarcode)).toBe(true);
    expect(demo.openLoans(patron.barcode).map((loan) => loan.itemBarcode)).toEqual(items);
    const scanned = scans.join('').length;
    expect(keys.count - scanned).toBe(1);
  });

  it('takes 46 keystrokes for a two-item check-out: two barcodes and the card, their Enters, and Alt+C', async () => {
    await checkOut.goto();
    const patron = demo.goodPatron();
    const items = demo.availableItems(patron.patronTypeId, 2);
    const keys = new KeyCounter(page);
    await keys.type(`${patron.barcode}\n`);
    await expect.poll(() => isFocused(checkOut.itemBarcode)).toBe(true);
    await keys.type(items.map((item) => `${item}\n`).join(''));
    await expect.poll(() => checkOut.lentRows.count(), { timeout: 10_000 }).toBe(2);
    await keys.press('Alt+C');
    await expect.poll(() => checkOut.patronSummary.count()).toBe(0);
    expect(keys.count).toBe(46);
  });

  it('finishes the patron and starts the next when the next card is scanned into "Item barcode"', async () => {
    await checkOut.goto();
    const first = demo.goodPatron();
    const [firstItem] = demo.availableItems(first.patronTypeId, 1);
    await checkOut.scanPatron(first.barcode);
    await expectText(checkOut.patronSummary, first.name);
    await checkOut.scanItems(firstItem!);
    await expect.poll(() => checkOut.lentRows.count(), { timeout: 10_000 }).toBe(1);
    const next = demo.goodPatron();
    const [nextItem] = demo.availableItems(next.patronTypeId, 1);
    expect(next.barcode).not.toBe(first.barcode);

    // The card and the next patron's item straight after, as fast as a scanner.
    await checkOut.scanItems(next.barcode, nextItem!);
    await expectText(checkOut.patronSummary, next.name);
    await expect.poll(() => checkOut.lentRows.count(), { timeout: 10_000 }).toBe(1);
    await expectText(checkOut.lentRows.first(), nextItem!);
    expect(await isFocused(checkOut.itemBarcode)).toBe(true);
    expect(demo.openLoans(first.barcode).map((loan) => loan.itemBarcode)).toEqual([firstItem]);
    expect(demo.openLoans(next.barcode).map((loan) => loan.itemBarcode)).toEqual([nextItem]);
    expect(await page.getByRole('alert').count()).toBe(0);
  });

  it('keeps the patron and "Checked out now" after opening the patron\'s page and going Back', async () => {
    await checkOut.goto();
    const patron = demo.goodPatron();
    const [item] = demo.availableItems(patron.patronTypeId, 1);
    await checkOut.scanPatron(patron.barcode);
    await expectText(checkOut.patronSummary, patron.name);
    await checkOut.scanItems(item!);
    await expect.poll(() => checkOut.lentRows.count(), { timeout: 10_000 }).toBe(1);

    await checkOut.patronSummary.getByRole('link', { name: patron.name }).click();
    await page.waitForURL(/\/patrons\//);
    await page.goBack();
    await expectText(checkOut.patronSummary, patron.name);
    await expect.poll(() => checkOut.lentRows.count(), { timeout: 10_000 }).toBe(1);
    await expectText(checkOut.lentRow(item!), item!);
    await expect.poll(() => isFocused(checkOut.itemBarcode)).toBe(true);

    // Complete ends the visit: a later return to Check Out in this tab starts empty.
    await checkOut.complete.click();
    await expect.poll(() => checkOut.patronSummary.count()).toBe(0);
    await page.goto('/checkout');
    await checkOut.patronBarcode.waitFor();
    expect(await checkOut.patronSummary.count()).toBe(0);
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
  });

  it('stops a blocked card at the patron: the item field disabled, the reason announced', async () => {
    await checkOut.goto();
    const blocked = demo.blockedPatron();
    await checkOut.scanPatron(blocked.barcode);
    await expectText(checkOut.patronSummary, blocked.name);
    await expectText(checkOut.alert, `${blocked.name}'s card ${blocked.barcode} is blocked`);
    await expectText(checkOut.alert, /ask a supervisor/);
    expect(await page.getByRole('alert').count()).toBe(1);
    expect(await checkOut.itemBarcode.isDisabled()).toBe(true);
    await expect.poll(() => deskSoundsPlayed(page)).toEqual(['refusal']);
    // The next scan belongs to the next patron's card.
    expect(await isFocused(checkOut.patronBarcode)).toBe(true);
    await screenshot(page, 'desk-blocked-card.png');
  });

  it('warns with the chime on a damaged item and lends it when staff press "Lend anyway"', async () => {
    await checkOut.goto();
    const patron = demo.goodPatron();
    const damaged = demo.damagedItem(patron.patronTypeId);
    await checkOut.scanPatron(patron.barcode);
    await expectText(checkOut.patronSummary, patron.name);
    await checkOut.scanItems(damaged);
    await expectText(checkOut.alert, `Item ${damaged} was not checked out`);
    await expectText(checkOut.alert, /is marked damaged/);
    await expect.poll(() => deskSoundsPlayed(page)).toEqual(['warning']);
    expect(await checkOut.alert.getAttribute('class')).toContain('scan-alert--warning');
    expect(demo.openLoans(patron.barcode)).toEqual([]);
    await screenshot(page, 'desk-damaged-item.png');

    await page.getByRole('button', { name: 'Lend anyway' }).click();
    await expect.poll(() => checkOut.lentRows.count(), { timeout: 10_000 }).toBe(1);
    expect(demo.openLoans(patron.barcode).map((loan) => loan.itemBarcode)).toEqual([damaged]);
    expect(await isFocused(checkOut.itemBarcode)).toBe(true);
  });

  it('buzzes on a refusal and chimes on "already on this card", shown as a notice', async () => {
    await checkOut.goto();
    const patron = demo.goodPatron();
    const [item] = demo.availableItems(patron.patronTypeId, 1);
    const elsewhere = demo.itemOnLoan();
    await checkOut.scanPatron(patron.barcode);
    await expectText(checkOut.patronSummary, patron.name);
    await checkOut.scanItems(item!);
    await expect.poll(() => checkOut.lentRows.count(), { timeout: 10_000 }).toBe(1);
    expect(await deskSoundsPlayed(page)).toEqual([]);

    await checkOut.scanItems(elsewhere.itemBarcode);
    await expectText(checkOut.alert, `Item ${elsewhere.itemBarcode} was not checked out`);
    await expect.poll(() => deskSoundsPlayed(page)).toEqual(['refusal']);
    expect(await checkOut.alert.getAttribute('class')).toContain('scan-alert--refusal');

    await checkOut.scanItems(item!);
    await expectText(checkOut.alert, /already on this patron's card/);
    await expect.poll(() => deskSoundsPlayed(page)).toEqual(['refusal', 'warning']);
    expect(await checkOut.alert.getAttribute('class')).toContain('scan-alert--warning');
    expect(await isFocused(checkOut.itemBarcode)).toBe(true);
    await screenshot(page, 'desk-already-on-card.png');
  });

  it('keeps one alert region: the latest result, the earlier ones folded away, Complete on screen', async () => {
    // Refusals from the test before are still shown; three more follow.
    const unknown = ['39999999999991', '39999999999983', '39999999999975'];
    await checkOut.scanItems(...unknown);
    await expectText(checkOut.alert, `Item ${unknown[2]} was not checked out`);
    expect(await page.getByRole('alert').count()).toBe(1);
    const earlier = page.getByText(/^Earlier messages \(\d+\)$/);
    await expectText(earlier, 'Earlier messages (4)');
    expect(await inViewport(checkOut.complete)).toBe(true);
    await earlier.click();
    await expectText(page.getByRole('region', { name: 'Scan messages' }), `Item ${unknown[0]}`);
    await screenshot(page, 'desk-alert-history.png');

    // Clearing the messages hands the focus back to the item field, not to the page.
    await page.getByRole('button', { name: 'Clear messages' }).click();
    expect(await page.getByRole('alert').count()).toBe(0);
    expect(await isFocused(checkOut.itemBarcode)).toBe(true);
    await checkOut.itemBarcode.press('Alt+C');
  });

  it('turns the sounds off for this workstation from the user menu, and focus goes back to the scan field', async () => {
    await checkOut.goto();
    const before = (await deskSoundsPlayed(page)).length;
    await chooseFromUserMenu(page, USERNAME, 'Turn desk sounds off');
    expect(await isFocused(checkOut.patronBarcode)).toBe(true);
    expect(await page.evaluate(() => localStorage.getItem('circa.deskSounds'))).toBe('off');

    await checkOut.scanPatron('29999999999999');
    await expectText(checkOut.alert, /could not be shown/);
    expect(await deskSoundsPlayed(page)).toHaveLength(before);
    await chooseFromUserMenu(page, USERNAME, 'Turn desk sounds on');
    expect(await isFocused(checkOut.patronBarcode)).toBe(true);
  });

  it('treats checking in an item that was not on loan as a notice, without a sound', async () => {
    const checkIn = new CheckInPage(page);
    await checkIn.goto();
    const patron = demo.goodPatron();
    const [available] = demo.availableItems(patron.patronTypeId, 1);
    const before = (await deskSoundsPlayed(page)).length;
    await checkIn.scanItems(available!);
    await expectText(checkIn.alert, /not on loan/);
    expect(await checkIn.alert.getAttribute('class')).toContain('scan-alert--notice');
    expect(await deskSoundsPlayed(page)).toHaveLength(before);
    expect(await isFocused(checkIn.itemBarcode)).toBe(true);
  });
});

describe('desk conventions in the offline client', () => {
  let server: CircaServer;
  let browser: TestBrowser;
  let page: Page;
  let demo: DemoData;

  beforeAll(async () => {
    server = await startServer();
    demo = openDemoData(server.databasePath);
    browser = await launchBrowser({ baseURL: server.url });
    page = browser.page;
    await spyOnDeskSounds(browser.context);
    const signIn = new SignInPage(page);
    await signIn.goto('/checkout');
    await signIn.signIn(USERNAME, DEMO_PASSWORD);
    await signIn.answerWorkstation();
  });

  afterAll(async () => {
    demo?.close();
    await browser?.dispose();
    await server?.dispose();
  });

  it('installs from the user menu, focus going back to the scan field, not the menu button', async () => {
    await installOfflineClientFromMenu(page, USERNAME);
    // A scan's Enter on the menu button would open the menu instead of finding the patron.
    const patronField = new CheckOutPage(page).patronBarcode;
    expect(await isFocused(patronField)).toBe(true);
    // Closing the notice keeps it there.
    await page.getByRole('button', { name: 'Close' }).click();
    expect(await isFocused(patronField)).toBe(true);
    await page.goto('/offline/');
    await page.getByLabel('Patron barcode', { exact: true }).waitFor({ timeout: 20_000 });
  });

  it('buzzes on a refusal, chimes on the same item twice, and completes with Alt+C', async () => {
    const patronField = page.getByLabel('Patron barcode', { exact: true });
    const itemField = page.getByLabel('Item barcode', { exact: true });
    const alert = page.getByRole('alert');
    const patron = demo.goodPatron();
    const [item] = demo.availableItems(patron.patronTypeId, 1);
    const keys = new KeyCounter(page);

    await patronField.focus();
    await keys.type(`${patron.barcode}\n`);
    await expect.poll(() => isFocused(itemField)).toBe(true);
    await keys.type(`${item}\n`);
    await expect.poll(() => rows(page).count()).toBe(1);
    await keys.type(`${item}\n`);
    await expectText(alert, /already checked out to this patron/);
    await expect.poll(() => deskSoundsPlayed(page)).toEqual(['warning']);
    await keys.type(`${wrongCheckDigit(patron.barcode)}\n`);
    await expect.poll(() => deskSoundsPlayed(page)).toEqual(['warning', 'refusal']);
    await expectText(page.getByText(/^Earlier messages \(1\)$/), 'Earlier messages (1)');
    expect(await isFocused(itemField)).toBe(true);
    await screenshot(page, 'desk-offline-alerts.png');

    await keys.press('Alt+C');
    await expect.poll(() => rows(page).count()).toBe(0);
    await expect.poll(() => isFocused(patronField)).toBe(true);
  });

  it('starts the next patron when the card is scanned into "Item barcode"', async () => {
    const patronField = page.getByLabel('Patron barcode', { exact: true });
    const itemField = page.getByLabel('Item barcode', { exact: true });
    const first = demo.goodPatron();
    const others = demo.availableItems(first.patronTypeId, 3);
    const next = withCheckDigit('2123456789012');
    await patronField.fill(first.barcode);
    await patronField.press('Enter');
    await expect.poll(() => isFocused(itemField)).toBe(true);
    await page.keyboard.type(`${others[0]}\n${next}\n${others[1]}\n`);
    await expect.poll(() => patronField.inputValue()).toBe(next);
    await expect.poll(() => rows(page).count()).toBe(1);
    await expectText(rows(page).first(), others[1]!);
    expect(await isFocused(itemField)).toBe(true);
    await page.keyboard.press('Alt+C');
    await expect.poll(() => rows(page).count()).toBe(0);
  });

  it('moves into Special Loan on Enter and leaves it on Escape, back in "Item barcode"', async () => {
    const patronField = page.getByLabel('Patron barcode', { exact: true });
    const itemField = page.getByLabel('Item barcode', { exact: true });
    const specialLoan = page.getByRole('button', { name: 'Special Loan', exact: true });
    await patronField.fill(demo.goodPatron().barcode);
    await patronField.press('Enter');
    await expect.poll(() => isFocused(itemField)).toBe(true);
    await specialLoan.focus();
    await page.keyboard.press('Enter');
    const form = page.getByRole('form', { name: 'Special Loan' });
    await form.waitFor();
    await expect.poll(() => isFocused(form.getByLabel('The next loan only'))).toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(() => form.count()).toBe(0);
    expect(await isFocused(itemField)).toBe(true);
    await page.keyboard.press('Alt+C');
  });

  it('turns the sounds off in Settings → Sounds', async () => {
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByRole('tab', { name: 'Sounds' }).click();
    const box = page.getByLabel('Play a sound when a scan is refused or needs a look');
    expect(await box.isChecked()).toBe(true);
    await box.uncheck();
    expect(await page.evaluate(() => localStorage.getItem('circa.deskSounds'))).toBe('off');
    await screenshot(page, 'desk-offline-sounds.png');
    await page.getByRole('button', { name: 'Back to Check Out' }).click();
  });
});

/** The same card with its last digit changed: the check digit no longer matches. */
function wrongCheckDigit(barcode: string): string {
  return barcode.slice(0, -1) + String((Number(barcode.at(-1)) + 1) % 10);
}

function rows(page: Page): Locator {
  return page.locator('section[aria-labelledby="checkout-heading"] tbody tr:not(:has(td.empty))');
}

function screenshot(page: Page, name: string): Promise<Buffer> {
  return page.screenshot({ path: resolve(SCREENSHOTS_DIR, name) });
}
