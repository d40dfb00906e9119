// The desk, end to end: sign in, name the workstation, lend two items scanned in quick succession,
// take them back, and see refusals explained — against the real server and the demo library.
// (Screenshots for the docs come from deskScreens.e2e.ts, whose data does not change.)
import { expectText } from './support/expectText.ts';
import { printedReceipts, recordPrints } from './support/printSpy.ts';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDate } from '../src/shared/calendar/formatDates.ts';
import { CheckInPage } from './pages/CheckInPage.ts';
import { CheckOutPage } from './pages/CheckOutPage.ts';
import { chooseFromUserMenu } from './pages/UserMenu.ts';
import { SignInPage } from './pages/SignInPage.ts';
import { launchBrowser, type TestBrowser } from './support/browser.ts';
import { openDemoData, type DemoData } from './support/demoData.ts';
import { startServer, type CircaServer } from './support/server.ts';

const DEMO_PASSWORD = 'circa-demo';

/** Waits until the locator's text matches, and shows the text it had if it never does. */

async function isFocused(locator: Locator): Promise<boolean> {
  return locator.evaluate((element) => element === document.activeElement);
}

describe('circulation desk in the browser', () => {
  let server: CircaServer;
  let browser: TestBrowser;
  let demo: DemoData;
  let page: Page;
  let workstation: string;
  /** The patron who borrowed in the check-out test, whose items the check-in test returns. */
  let lentTo: string;

  beforeAll(async () => {
    server = await startServer();
    demo = openDemoData(server.databasePath);
    browser = await launchBrowser({ baseURL: server.url });
    page = browser.page;
  });

  afterAll(async () => {
    demo?.close();
    await browser?.dispose();
    await server?.dispose();
  });

  it('refuses a wrong password in plain words', async () => {
    const signIn = new SignInPage(page);
    await signIn.goto('/checkout');
    await signIn.signIn('desk', 'not-the-password');
    await expectText(signIn.alert, /password/i);
    await expect(signIn.username.isVisible()).resolves.toBe(true);
  });

  it('signs in and asks once for the workstation, remembering it in this browser', async () => {
    const signIn = new SignInPage(page);
    await signIn.signIn('desk', DEMO_PASSWORD);
    workstation = await signIn.answerWorkstation();
    expect(workstation).not.toBe('');

    await new CheckOutPage(page).patronBarcode.waitFor();
    await expectText(page.getByRole('banner'), workstation);
    expect(await page.evaluate(() => localStorage.getItem('circa.workstation'))).toBe(workstation);
    expect(page.url()).toBe(`${server.url}/checkout`);
  });

  it('checks out two items scanned back to back, with due dates, and keeps focus for the next scan', async () => {
    const patron = demo.goodPatron();
    const items = demo.availableItems(patron.patronTypeId, 2);
    const checkOut = new CheckOutPage(page);
    lentTo = patron.barcode;

    expect(await isFocused(checkOut.patronBarcode)).toBe(true);
    await checkOut.scanPatron(patron.barcode);
    await expectText(checkOut.patronSummary, patron.name);
    await expect.poll(() => isFocused(checkOut.itemBarcode)).toBe(true);

    // Both barcodes and Enters arrive before the first answer: the queue must keep both, once each.
    await checkOut.scanItems(...items);
    await expect.poll(() => checkOut.lentRows.count(), { timeout: 10_000 }).toBe(2);

    const timeZone = demo.branchTimeZone(workstation);
    const loans = demo.openLoans(patron.barcode);
    expect(loans.map((loan) => loan.itemBarcode)).toEqual(items);
    for (const loan of loans) {
      expect(loan.source).toBe('online');
      expect(loan.workstationId).not.toBeNull();
      const due = formatDate(loan.dueAt, timeZone);
      await expectText(checkOut.lentRow(loan.itemBarcode), due);
    }
    expect(await isFocused(checkOut.itemBarcode)).toBe(true);
    expect(await checkOut.itemBarcode.inputValue()).toBe('');

    await checkOut.complete.click();
    await expect.poll(() => checkOut.patronSummary.count()).toBe(0);
    expect(await isFocused(checkOut.patronBarcode)).toBe(true);
    expect(await checkOut.patronBarcode.inputValue()).toBe('');
  });

  it('checks both items in at /checkin, one row each with the patron', async () => {
    const lent = demo.openLoans(lentTo);
    expect(lent).toHaveLength(2);

    await page.getByRole('link', { name: 'Check In' }).click();
    const checkIn = new CheckInPage(page);
    await checkIn.itemBarcode.waitFor();
    expect(await isFocused(checkIn.itemBarcode)).toBe(true);
    await checkIn.scanItems(...lent.map((loan) => loan.itemBarcode));
    await expect.poll(() => checkIn.returnedRows.count(), { timeout: 10_000 }).toBe(2);
    for (const loan of lent) {
      expect(await checkIn.returnedRow(loan.itemBarcode).count()).toBe(1);
      // Returned at its own branch it is back on the shelf; at another, it travels home.
      const home = demo.itemIsHomeAt(loan.itemBarcode, workstation);
      expect(demo.itemStatus(loan.itemBarcode)).toBe(home ? 'available' : 'in_transit');
    }
    expect(await isFocused(checkIn.itemBarcode)).toBe(true);
    expect(demo.openLoans(lentTo)).toEqual([]);
  });

  it("prints the loan receipt on Complete when this workstation's Print Options say so", async () => {
    await chooseFromUserMenu(page, 'desk', 'Print options');
    const form = page.getByRole('form', { name: 'Print options' });
    await form.getByLabel('Print a loan receipt when I choose Complete').check();
    await form.getByLabel('A4 or Letter page').check();
    await form.getByLabel('Receipt header text').fill('Open Mon–Sat 9–6');
    await form.getByRole('button', { name: 'Save', exact: true }).click();
    await expectText(form.getByRole('status'), 'Print options saved.');

    await page.getByRole('link', { name: 'Check Out' }).click();
    const checkOut = new CheckOutPage(page);
    await checkOut.patronBarcode.waitFor();
    await recordPrints(page);
    const patron = demo.goodPatron();
    const items = demo.availableItems(patron.patronTypeId, 2);
    await checkOut.scanPatron(patron.barcode);
    await expectText(checkOut.patronSummary, patron.name);
    await checkOut.scanItems(...items);
    await expect.poll(() => checkOut.lentRows.count(), { timeout: 10_000 }).toBe(2);
    await checkOut.complete.click();
    await expect.poll(() => checkOut.patronSummary.count()).toBe(0);
    // The receipt prints once this workstation's Print Options are read, just after the screen clears.
    await expect.poll(async () => (await printedReceipts(page)).length).toBe(1);

    const printed = await printedReceipts(page);
    expect(printed).toHaveLength(1);
    const [receipt] = printed;
    expect(receipt!.pageRule).toMatch(/@page \{ size: auto; margin: 15mm; \}/);
    expect(receipt!.text).toContain('Open Mon–Sat 9–6');
    expect(receipt!.text).toContain(`••••${patron.barcode.slice(-4)}`);
    expect(receipt!.text).not.toContain(patron.barcode);
    const timeZone = demo.branchTimeZone(workstation);
    for (const loan of demo
      .openLoans(patron.barcode)
      .filter((l) => items.includes(l.itemBarcode))) {
      const due = formatDate(loan.dueAt, timeZone);
      expect(receipt!.text).toMatch(new RegExp(`${loan.itemBarcode}\\s*Due ${due}`));
    }
    expect(receipt!.text).toContain('2 items');
    expect(receipt!.text).not.toContain('offline');
  });

  it('shows a blocked patron prominently and stops there: no item can be scanned', async () => {
    const blocked = demo.blockedPatron();
    const checkOut = new CheckOutPage(page);
    await checkOut.goto();

    await checkOut.scanPatron(blocked.barcode);
    await expectText(checkOut.patronSummary, 'Blocked:');
    await expectText(checkOut.patronSummary, blocked.blockReason.replace(/[.!]+$/, ''));
    await expectText(checkOut.alert, new RegExp(`card ${blocked.barcode} is blocked: .+`));
    expect(await checkOut.itemBarcode.isDisabled()).toBe(true);
    expect(await checkOut.lentRows.count()).toBe(0);
    expect(await isFocused(checkOut.patronBarcode)).toBe(true);
  });

  it('names an unknown patron barcode and keeps it in the field to correct', async () => {
    const checkOut = new CheckOutPage(page);
    await checkOut.complete.click();
    await checkOut.scanPatron('29999999999999');
    await expectText(checkOut.alert, /Patron 29999999999999 could not be shown: .+/);
    await expect.poll(() => checkOut.patronBarcode.inputValue()).toBe('29999999999999');
  });

  it('asks for a sign-in when the session is gone, then returns to the same page', async () => {
    const patron = demo.goodPatron();
    await page.goto(`/patrons/${patron.barcode}`);
    await expectText(page.getByRole('main'), patron.name);
    await page.getByRole('link', { name: 'Check In' }).click();
    const checkIn = new CheckInPage(page);
    await checkIn.itemBarcode.waitFor();

    // The session ends (expiry, or signed out elsewhere) while Check In is open.
    await browser.context.clearCookies();
    await checkIn.scanItems(demo.availableItems(patron.patronTypeId, 1)[0]!);
    const signIn = new SignInPage(page);
    await signIn.username.waitFor();
    await expectText(page.getByRole('main'), /session has ended/i);
    expect(new URL(page.url()).pathname).toBe('/checkin');

    await signIn.signIn('desk', DEMO_PASSWORD);
    // Back on Check In, and the workstation is remembered: no question this time.
    await checkIn.itemBarcode.waitFor();
    expect(new URL(page.url()).pathname).toBe('/checkin');
    await expectText(page.getByRole('banner'), workstation);
    expect(await signIn.workstation.count()).toBe(0);
  });

  it('shows the loan rules and closed days to the desk, without changes', async () => {
    await page.getByRole('link', { name: 'Loan rules' }).click();
    const rules = page.getByRole('table', { name: 'Loan rules' }).locator('tbody tr');
    await expect.poll(() => rules.count()).toBeGreaterThan(0);

    await page.getByRole('link', { name: 'Closed days' }).click();
    const closed = page.getByRole('table', { name: /^Closed days at / }).locator('tbody tr');
    await expect.poll(() => closed.count()).toBeGreaterThan(0);
    expect(await page.getByRole('button', { name: 'Add closed day' }).count()).toBe(0);
  });

  it('lets an admin close a branch for a day and reopen it', async () => {
    const menuButton = page.getByRole('button', { name: 'desk', exact: true });
    await menuButton.focus();
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Enter');
    const signIn = new SignInPage(page);
    await signIn.signIn('admin', DEMO_PASSWORD);
    await page.getByRole('link', { name: 'Closed days' }).click();
    await page.getByRole('button', { name: 'Add closed day' }).waitFor();

    const reason = 'Staff training day';
    await page.getByLabel('Date', { exact: true }).fill('2031-03-17');
    await page.getByLabel('Reason', { exact: true }).fill(reason);
    await page.getByRole('button', { name: 'Add closed day' }).click();
    const row = page.getByRole('row').filter({ hasText: reason });
    await expect.poll(() => row.count()).toBe(1);
    await page.reload();
    await expect.poll(() => row.count()).toBe(1);

    await row.getByRole('button', { name: /^Reopen on / }).click();
    await expect.poll(() => row.count()).toBe(0);
    await page.reload();
    await page.getByRole('button', { name: 'Add closed day' }).waitFor();
    expect(await row.count()).toBe(0);
  });
});
