// Every screen of both apps, as the staff member who uses it, checked with axe-core against WCAG
// 2.1 A and AA. Violations are gathered across screens and listed together, one line each.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeOfflineFile } from '../src/shared/offlineFile/index.ts';
import { offlineWorkstation } from '../src/server/offline/fixtures.testing.ts';
import { CheckInPage } from './pages/CheckInPage.ts';
import { CheckOutPage } from './pages/CheckOutPage.ts';
import { SignInPage } from './pages/SignInPage.ts';
import { chooseFromUserMenu, installOfflineClientFromMenu } from './pages/UserMenu.ts';
import { accessibilityViolations } from './support/axe.ts';
import { launchBrowser, type TestBrowser } from './support/browser.ts';
import { openDemoData, type DemoData } from './support/demoData.ts';
import { expectText } from './support/expectText.ts';
import { startServer, type CircaServer } from './support/server.ts';

const DEMO_PASSWORD = 'circa-demo';
const OFFLINE_WORKSTATION = 'A11Y-DESK';

describe('accessibility of every screen (axe-core, WCAG 2.1 A and AA)', () => {
  let server: CircaServer;
  let browser: TestBrowser;
  let demo: DemoData;
  let page: Page;
  let files: string;
  const found: string[] = [];

  const check = async (screen: string) => {
    found.push(...(await accessibilityViolations(page, screen)));
  };

  async function signInAs(username: string) {
    // Whatever an earlier test left behind, start signed out.
    await page.context().clearCookies();
    const signIn = new SignInPage(page);
    await signIn.goto('/checkout');
    await signIn.signIn(username, DEMO_PASSWORD);
    await page.getByRole('button', { name: username, exact: true }).waitFor();
  }

  async function signOut(username: string) {
    await chooseFromUserMenu(page, username, 'Sign out');
    await new SignInPage(page).username.waitFor();
  }

  beforeAll(async () => {
    files = mkdtempSync(join(tmpdir(), 'circa-a11y-'));
    server = await startServer();
    demo = openDemoData(server.databasePath);
    browser = await launchBrowser({ baseURL: server.url });
    page = browser.page;
  });

  afterAll(async () => {
    demo?.close();
    await browser?.dispose();
    await server?.dispose();
    if (files) rmSync(files, { recursive: true, force: true });
  });

  it('finds no violation on the circulation desk screens', async () => {
    const signIn = new SignInPage(page);
    await signIn.goto('/checkout');
    await check('Sign in');
    await signIn.signIn('desk', DEMO_PASSWORD);
    await signIn.workstation.waitFor();
    await check('Workstation prompt');
    await signIn.answerWorkstation();

    const checkOut = new CheckOutPage(page);
    await checkOut.patronBarcode.waitFor();
    await check('Check Out, no patron yet');
    const patron = demo.goodPatron();
    const [item] = demo.availableItems(patron.patronTypeId, 1);
    await checkOut.scanPatron(patron.barcode);
    await expectText(checkOut.patronSummary, patron.name);
    await checkOut.scanItems(item!);
    await expect.poll(() => checkOut.lentRows.count(), { timeout: 10_000 }).toBe(1);
    await checkOut.scanItems(item!);
    await expectText(checkOut.alert, item!);
    await check('Check Out, a loan and a refusal');

    await page.goto(`/patrons/${patron.barcode}`);
    await page.getByText(patron.name).first().waitFor();
    await check('Patron');
    await page.goto(`/items/${item}`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await check('Item');
    await page.getByRole('link', { name: 'All copies and holds' }).click();
    await page.getByRole('table', { name: 'Copies' }).waitFor();
    await check('Title');

    await page.getByRole('link', { name: 'Check In' }).click();
    const checkIn = new CheckInPage(page);
    await checkIn.itemBarcode.waitFor();
    await checkIn.scanItems(item!);
    await expect.poll(() => checkIn.returnedRows.count(), { timeout: 10_000 }).toBe(1);
    await check('Check In');
    const checkInTabs = page.getByRole('navigation', { name: 'Check In and holds' });
    for (const name of ['Hold shelf', 'In transit']) {
      await checkInTabs.getByRole('link', { name, exact: true }).click();
      await page.getByRole('heading', { level: 1, name }).waitFor();
      await page.waitForLoadState('networkidle');
      await check(name);
    }

    for (const [path, name] of [
      ['/loan-rules', 'Loan rules'],
      ['/closed-days', 'Closed days'],
      ['/print-options', 'Print options'],
      ['/no-such-page', 'Not found'],
    ]) {
      await page.goto(path!);
      await page.getByRole('heading', { level: 1 }).waitFor();
      await page.waitForLoadState('networkidle');
      await check(name!);
    }
    await page.getByRole('button', { name: 'desk', exact: true }).click();
    await page.getByRole('menu').waitFor();
    await check('User menu, open');
    await page.keyboard.press('Escape');
    await signOut('desk');
  });

  it('finds no violation on the offline upload, report and exceptions screens', async () => {
    await signInAs('super');
    const desk = offlineWorkstation({
      name: OFFLINE_WORKSTATION,
      branchCode: 'MAIN',
      staffUsername: 'desk',
    });
    const patron = demo.goodPatron();
    const [item] = demo.availableItems(patron.patronTypeId, 1);
    const start = Date.now() - 60 * 60_000;
    const path = join(files, 'a11y.jsonl');
    writeFileSync(
      path,
      writeOfflineFile({
        workstation: OFFLINE_WORKSTATION,
        branchCode: 'MAIN',
        exportedAt: start + 60_000,
        transactions: [
          desk.checkOut({ patronBarcode: patron.barcode, itemBarcode: item!, occurredAt: start }),
          desk.checkOut({
            patronBarcode: 'NO-SUCH-CARD',
            itemBarcode: item!,
            occurredAt: start + 1,
          }),
        ],
      }),
    );
    await page.goto('/offline-uploads/new');
    await page.getByRole('heading', { level: 1 }).waitFor();
    await check('Upload offline file');
    await page.getByLabel('Offline file', { exact: true }).setInputFiles(path);
    await page.getByRole('button', { name: 'Upload', exact: true }).click();
    const summary = page.getByRole('status').filter({ hasText: 'from this sending' });
    await expectText(summary, /from this sending/);
    await check('Upload offline file, the result');

    await summary.getByRole('link', { name: 'View report' }).click();
    await page.locator('table.report-table tbody tr').first().waitFor();
    await check('Report of one upload');
    await page.goto('/offline-uploads');
    await page.getByRole('table', { name: 'Uploads, latest first' }).waitFor();
    await check('Offline uploads');
    await page.goto(`/offline-report?workstation=${OFFLINE_WORKSTATION}`);
    await page.locator('table.report-table tbody tr').first().waitFor();
    await check('Report by workstation');
    await page.goto('/offline-exceptions');
    await page.getByRole('region', { name: /no\. 2$/ }).waitFor();
    await check('Offline exceptions');
    await signOut('super');
  });

  it('finds no violation in the offline client', async () => {
    await signInAs('desk');
    await installOfflineClientFromMenu(page, 'desk');
    await page.goto('/offline/');
    const patronField = page.getByLabel('Patron barcode', { exact: true });
    await patronField.waitFor({ timeout: 20_000 });
    await check('Offline Check Out, no patron yet');
    const patron = demo.goodPatron();
    const [item] = demo.availableItems(patron.patronTypeId, 1);
    await patronField.fill(patron.barcode);
    await patronField.press('Enter');
    const itemField = page.getByLabel('Item barcode', { exact: true });
    await expect.poll(() => itemField.isEnabled()).toBe(true);
    await itemField.fill(item!);
    await itemField.press('Enter');
    await page.locator('section[aria-labelledby="checkout-heading"] tbody tr td').nth(1).waitFor();
    await page.getByRole('button', { name: 'Special Loan', exact: true }).click();
    await page.getByRole('form', { name: 'Special Loan' }).waitFor();
    await check('Offline Check Out, a loan and the Special Loan form');
    await page.getByRole('button', { name: 'Complete' }).click();
    for (const name of ['Check In', 'In-House Use']) {
      await page.getByRole('tab', { name, exact: true }).click();
      await page.getByRole('heading', { name, exact: true }).waitFor();
      await check(`Offline ${name}`);
    }

    await page.getByRole('button', { name: 'Settings' }).click();
    const tabs = page.getByRole('tab');
    await tabs.first().waitFor();
    for (const name of await tabs.allInnerTexts()) {
      await page.getByRole('tab', { name }).click();
      await check(`Offline Settings, ${name}`);
    }
  });

  afterAll(() => {
    // Printed as well as asserted, so a failing run shows every screen's findings at once.
    if (found.length > 0) console.error(found.join('\n'));
  });

  it('lists nothing', () => {
    expect(found).toEqual([]);
  });
});
