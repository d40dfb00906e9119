// The apps under their Content Security Policy, and data that looks like markup: a patron named
// with an <img onerror> and a title holding a <script> are signed in, lent, looked up, and printed
// on an offline receipt. Not one CSP violation, not one injected script run, everything shown as
// text; so are barcodes of that kind in the offline report. Also the security headers as a browser
// receives them.
import Database from 'better-sqlite3';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { offlineWorkstation } from '../src/server/offline/fixtures.testing.ts';
import { CheckOutPage } from './pages/CheckOutPage.ts';
import { SignInPage } from './pages/SignInPage.ts';
import { launchBrowser, type TestBrowser } from './support/browser.ts';
import { openDemoData } from './support/demoData.ts';
import { startServer, type CircaServer } from './support/server.ts';
import { addStaffUser, type TestStaffUser } from './support/staffUsers.ts';
import { installOfflineClientFromMenu } from './pages/UserMenu.ts';

const UI_TIMEOUT_MS = 15_000;
const staff: TestStaffUser = {
  username: 'csp-desk',
  password: 'a policy with no exceptions',
  displayName: 'Casey Policy',
  role: 'circulation',
  branch: { code: 'CSPB', name: 'Policy Branch', timeZone: 'Europe/Berlin' },
};
/** Each would run a script if it were ever parsed as HTML; the number says which one did. */
const PATRON_NAME =
  '<img src=x onerror="window.circaInjected=1">Mallory <script>window.circaInjected=2</script>';
const ITEM_TITLE = '<script>window.circaInjected=3</script><b>Bold</b> & Co';
const LIBRARY_NAME = '<img src=x onerror="window.circaInjected=4">Library';
/** Barcodes an offline upload may carry (the file format keeps any characters). */
const MARKUP_PATRON_BARCODE = '<img src=x onerror="window.circaInjected=6">';
const MARKUP_ITEM_BARCODE = '<script>window.circaInjected=7</script>';
const RECEIPT_HEADER = '<svg onload="window.circaInjected=5">Open 9–6';

interface Barcodes {
  patronBarcode: string;
  /** Lent online in the staff app. */
  itemBarcode: string;
  /** Lent in the offline client, for the receipt. */
  offlineItemBarcode: string;
}

/** Gives a demo patron, an item it may borrow and the library itself names that are markup. */
function plantMarkup(databasePath: string): Barcodes {
  const demo = openDemoData(databasePath);
  const patron = demo.goodPatron();
  const [itemBarcode = '', offlineItemBarcode = ''] = demo.availableItems(patron.patronTypeId, 2);
  demo.close();
  const db = new Database(databasePath, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    db.prepare('update patrons set name = ? where barcode = ?').run(PATRON_NAME, patron.barcode);
    db.prepare('update items set title = ? where barcode = ?').run(ITEM_TITLE, itemBarcode);
    db.prepare('update library_settings set library_name = ?').run(LIBRARY_NAME);
  } finally {
    db.close();
  }
  return { patronBarcode: patron.barcode, itemBarcode, offlineItemBarcode };
}

describe('security in the browser', () => {
  let server: CircaServer;
  let browser: TestBrowser;
  let page: Page;
  let barcodes: Barcodes;
  /** Every CSP violation any page reported, and every console line about one. */
  const violations: string[] = [];
  const pageErrors: string[] = [];

  const injected = () =>
    page.evaluate(() => (window as { circaInjected?: number }).circaInjected ?? null);
  /** Elements markup in the data would have created, anywhere in the page. */
  const plantedElements = async () =>
    (await page.locator('img[src="x"], svg[onload], script:not([src])').count()) +
    (await page.locator('b', { hasText: 'Bold' }).count());

  beforeAll(async () => {
    server = await startServer();
    await addStaffUser(server.databasePath, staff);
    barcodes = plantMarkup(server.databasePath);
    browser = await launchBrowser({ baseURL: server.url });
    page = browser.page;
    await browser.context.exposeBinding('circaReportCspViolation', (_source, text: string) => {
      violations.push(text);
    });
    await browser.context.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (event) => {
        const report = (window as { circaReportCspViolation?: (text: string) => void })
          .circaReportCspViolation;
        report?.(
          `${event.violatedDirective} blocked ${event.blockedURI} at ${event.sourceFile}:${event.lineNumber}`,
        );
      });
    });
    browser.context.on('console', (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) {
        violations.push(`console: ${message.text()}`);
      }
    });
    page.on('pageerror', (error) => pageErrors.push(error.message));
  });

  afterAll(async () => {
    await browser?.dispose();
    await server?.dispose();
  });

  it('sends the security headers on pages, files and the API, and no HSTS over plain HTTP', async () => {
    for (const path of ['/', '/checkout', '/offline/', '/api/health', '/api/session']) {
      // A client claiming HTTPS is not believed unless TRUST_PROXY says a proxy sets the header.
      const response = await fetch(`${server.url}${path}`, {
        headers: { 'x-forwarded-proto': 'https' },
      });
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).not.toContain('unsafe-eval');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('x-frame-options')).toBe('DENY');
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      expect(response.headers.get('strict-transport-security')).toBeNull();
    }
  });

  it('signs in and lends to a patron named with markup, showing name and title as text', async () => {
    const signIn = new SignInPage(page);
    await signIn.goto('/checkout');
    await signIn.signIn(staff.username, staff.password);
    await signIn.answerWorkstation('CSP-DESK-1');
    const checkOut = new CheckOutPage(page);
    await checkOut.patronBarcode.waitFor({ timeout: UI_TIMEOUT_MS });
    await checkOut.scanPatron(barcodes.patronBarcode);
    await expect
      .poll(() => checkOut.patronSummary.innerText(), { timeout: UI_TIMEOUT_MS })
      .toContain(PATRON_NAME);
    await checkOut.scanItems(barcodes.itemBarcode);
    const row = checkOut.lentRow(barcodes.itemBarcode);
    await row.waitFor({ timeout: UI_TIMEOUT_MS });
    expect(await row.innerText()).toContain(ITEM_TITLE);
    expect(await plantedElements()).toBe(0);
    expect(await injected()).toBeNull();
  });

  it('shows the patron and item pages with the markup as text', async () => {
    await page.goto(`/patrons/${barcodes.patronBarcode}`);
    const patronPage = page.getByRole('main');
    await expect
      .poll(() => patronPage.innerText(), { timeout: UI_TIMEOUT_MS })
      .toContain(PATRON_NAME);
    expect(await patronPage.innerText()).toContain(ITEM_TITLE);
    expect(await plantedElements()).toBe(0);

    await page.goto(`/items/${barcodes.itemBarcode}`);
    const heading = page.getByRole('heading', { level: 1 });
    await expect.poll(() => heading.innerText(), { timeout: UI_TIMEOUT_MS }).toBe(ITEM_TITLE);
    expect(await page.getByRole('main').innerText()).toContain(PATRON_NAME);
    expect(await plantedElements()).toBe(0);
    expect(await injected()).toBeNull();
  });

  it('shows the offline report with markup barcodes as text', async () => {
    // Sent as this desk's own workstation: the desk reads only its own workstation's report.
    const name = await page.evaluate(async () => {
      const session = (await (await fetch('/api/session')).json()) as {
        workstation: { name: string } | null;
      };
      return session.workstation?.name ?? '';
    });
    const workstation = offlineWorkstation({
      name,
      branchCode: staff.branch.code,
      staffUsername: staff.username,
    });
    const transactions = [
      workstation.checkOut({
        patronBarcode: MARKUP_PATRON_BARCODE,
        itemBarcode: MARKUP_ITEM_BARCODE,
        occurredAt: Date.now() - 60_000,
      }),
    ];
    // Sent as the offline client sends.
    const status = await page.evaluate(async (body) => {
      const session = (await (await fetch('/api/session')).json()) as { csrfToken: string };
      const response = await fetch('/api/offline/transactions', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
        body: JSON.stringify({ transactions: body }),
      });
      return response.status;
    }, transactions);
    expect(status).toBe(200);
    await page.goto(`/offline-report?workstation=${encodeURIComponent(name)}`);
    const report = page.getByRole('main');
    await expect
      .poll(() => report.innerText(), { timeout: UI_TIMEOUT_MS })
      .toContain(MARKUP_ITEM_BARCODE);
    expect(await report.innerText()).toContain(MARKUP_PATRON_BARCODE);
    expect(await plantedElements()).toBe(0);
    expect(await injected()).toBeNull();
  });

  it('installs and opens the offline client, every Settings tab, and prints a receipt as text', async () => {
    await page.goto('/checkout');
    await installOfflineClientFromMenu(page, staff.username, UI_TIMEOUT_MS);

    await page.goto('/offline/');
    const settings = page.getByRole('button', { name: 'Settings' });
    await settings.waitFor({ timeout: UI_TIMEOUT_MS });
    await settings.click();
    const tabs = page.getByRole('tab');
    const tabNames = await tabs.allInnerTexts();
    expect(tabNames.length).toBeGreaterThanOrEqual(4);
    for (const name of tabNames) {
      await page.getByRole('tab', { name }).click();
      await page.getByRole('tabpanel').waitFor();
    }
    await page.getByRole('tab', { name: 'Print Options' }).click();
    await page.getByLabel('Print a loan receipt when I choose Complete').check();
    await page.getByLabel('80 mm receipt printer').check();
    await page.getByLabel('Receipt header text').fill(RECEIPT_HEADER);
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Print options saved.').waitFor();
    await page.getByRole('button', { name: 'Back to Check Out' }).click();

    // The print dialog cannot be driven headless: keep what would be printed instead.
    await page.evaluate(() => {
      window.print = () => {
        const receipt = document.getElementById('receipt');
        (window as { circaPrinted?: unknown }).circaPrinted = {
          text: receipt?.innerText ?? '',
          elements: [...(receipt?.querySelectorAll('*') ?? [])].map((e) => e.tagName),
        };
      };
    });
    const patronField = page.getByLabel('Patron barcode', { exact: true });
    await patronField.fill(barcodes.patronBarcode);
    await patronField.press('Enter');
    const itemField = page.getByLabel('Item barcode', { exact: true });
    await expect.poll(() => itemField.isEnabled(), { timeout: UI_TIMEOUT_MS }).toBe(true);
    await itemField.fill(barcodes.offlineItemBarcode);
    await itemField.press('Enter');
    await page
      .getByRole('cell', { name: barcodes.offlineItemBarcode })
      .waitFor({ timeout: UI_TIMEOUT_MS });
    await page.getByRole('button', { name: 'Complete' }).click();
    const printed = await page.evaluate(
      () => (window as { circaPrinted?: { text: string; elements: string[] } }).circaPrinted,
    );
    expect(printed?.text).toContain(LIBRARY_NAME);
    expect(printed?.text).toContain(RECEIPT_HEADER);
    expect(
      printed?.elements.filter((tag) => !['H1', 'P', 'OL', 'LI', 'SPAN'].includes(tag)),
    ).toEqual([]);
    expect(await injected()).toBeNull();
  });

  it('ran everything above without a single CSP violation or page error', () => {
    expect(violations).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
