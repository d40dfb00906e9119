// The offline client end to end: install it from the staff app while the server is up, stop the
// server, keep lending at /offline/ (a plain loan, a Special Loan for one patron, a Settings-wide
// special loan), kill the browser hard, and find every transaction with its due date on relaunch.
// Then two tabs scan at once: every transaction kept, sequence numbers unique and gap-free.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { hashPassword } from '../src/server/auth/passwords.ts';
import { DEMO_BARCODE_RULES, withCheckDigit } from '../src/shared/barcodes/barcodes.ts';
import { formatDate } from '../src/shared/calendar/formatDates.ts';
import { readOfflineFile } from '../src/shared/offlineFile/index.ts';
import { SignInPage } from './pages/SignInPage.ts';
import {
  killBrowserHard,
  launchBrowser,
  processAlive,
  relaunchBrowser,
  type TestBrowser,
} from './support/browser.ts';
import { E2E_DIST_DIR, startServer, type CircaServer } from './support/server.ts';
import { readOutbox } from './support/offlineOutbox.ts';
import { printedReceipts, recordPrints } from './support/printSpy.ts';
import { controlledByServiceWorker } from './support/offlineInstall.ts';
import { SCREENSHOTS_DIR, screenshot } from './support/screenshots.ts';

const STAFF_USERNAME = 'offline-desk';
const STAFF_PASSWORD = 'lend without a server';
/** The server's scrypt cost in browser tests (see e2e/support/server.ts). */
const TEST_PASSWORD_COST = 1024;
const BRANCH_TIME_ZONE = 'America/Chicago';
const UI_TIMEOUT_MS = 15_000;
const DIST_DIR = E2E_DIST_DIR;
/** The offline client must open fast from cache on a desk PC: everything it loads, gzipped. */
const MAX_OFFLINE_CLIENT_GZIP_BYTES = 100_000;

/** Offline, the client never looks patrons or items up: any well-formed barcode will do. */
const patron = (n: number) => withCheckDigit(`29${String(n).padStart(11, '0')}`);
const item = (n: number) => withCheckDigit(`39${String(n).padStart(11, '0')}`);

/** Polls until `condition` holds; used by the page object, outside any test's expect. */
async function waitUntil(condition: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + UI_TIMEOUT_MS;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}.`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The offline client's screens, by accessible name. */
class OfflineClientPage {
  readonly patronBarcode: Locator;
  readonly itemBarcode: Locator;
  readonly complete: Locator;
  readonly specialLoan: Locator;
  readonly settings: Locator;
  readonly backToCheckOut: Locator;
  readonly alert: Locator;
  readonly loanRows: Locator;
  readonly serverStatus: Locator;

  constructor(readonly page: Page) {
    this.patronBarcode = page.getByLabel('Patron barcode', { exact: true });
    this.itemBarcode = page.getByLabel('Item barcode', { exact: true });
    this.complete = page.getByRole('button', { name: 'Complete' });
    this.specialLoan = page.getByRole('button', { name: 'Special Loan', exact: true });
    this.settings = page.getByRole('button', { name: 'Settings' });
    this.backToCheckOut = page.getByRole('button', { name: 'Back to Check Out' });
    this.alert = page.getByRole('alert');
    this.loanRows = page.locator(
      'section[aria-labelledby="checkout-heading"] tbody tr:not(:has(td.empty))',
    );
    this.serverStatus = page.getByText(/^Server (reachable|unreachable)$/);
  }

  async goto(): Promise<void> {
    await this.page.goto('/offline/');
    await this.patronBarcode.waitFor({ timeout: UI_TIMEOUT_MS });
  }

  async scanPatron(barcode: string): Promise<void> {
    await this.patronBarcode.fill(barcode);
    await this.patronBarcode.press('Enter');
    await waitUntil(() => this.itemBarcode.isEnabled(), 'the Item barcode field');
  }

  /** Scans an item and waits for its row, which appears only once the loan is stored. */
  async scanItem(barcode: string): Promise<void> {
    const before = await this.loanRows.count();
    await this.itemBarcode.fill(barcode);
    await this.itemBarcode.press('Enter');
    await waitUntil(
      async () => (await this.loanRows.count()) === before + 1,
      `the row for item ${barcode}`,
    );
  }

  /** The rows as shown: number in this visit, item barcode, due date, how it was decided, record no. */
  async rows(): Promise<string[][]> {
    return this.loanRows.evaluateAll((rows) =>
      rows.map((row) => [...row.querySelectorAll('td')].map((cell) => cell.textContent ?? '')),
    );
  }

  async openSettingsTab(name: string): Promise<void> {
    if (await this.settings.isVisible()) await this.settings.click();
    await this.page.getByRole('tab', { name }).click();
  }
}

interface StoredTransaction {
  id: string;
  sequence: number;
  workstation: string;
  patronBarcode: string;
  itemBarcode: string;
  dueAt: number;
  dueDateBasis: { kind: string; days?: number; date?: string; loanDays?: number };
  sentAt: number | null;
}

/**
 * This test's own library settings (14-digit barcodes with a check digit), branch and staff member,
 * written straight into the server's SQLite file so the test does not depend on the demo seed.
 */
async function setUpLibrary(databasePath: string): Promise<void> {
  const passwordHash = await hashPassword(STAFF_PASSWORD, TEST_PASSWORD_COST);
  const db = new Database(databasePath, { fileMustExist: true });
  try {
    db.prepare(
      // Install at sign-in off: this test installs from the user menu, as a library without it does.
      `update library_settings set library_name = 'Riverside Public Library', barcode_rules = ?,
         default_loan_days = 21, offline_blocked_list = 0, install_offline_client_at_sign_in = 0`,
    ).run(JSON.stringify(DEMO_BARCODE_RULES));
    const branch = db
      .prepare(
        `insert into branches (code, name, time_zone, closed_weekdays)
         values ('OFFL', 'Riverside Branch', ?, '0') returning id`,
      )
      .get(BRANCH_TIME_ZONE) as { id: number };
    db.prepare(
      `insert into staff_users
         (username, display_name, password_hash, role, branch_id)
       values (?, 'Robin Desk', ?, 'circulation', ?)`,
    ).run(STAFF_USERNAME, passwordHash, branch.id);
  } finally {
    db.close();
  }
}

describe('offline client with the server stopped', () => {
  let server: CircaServer;
  let browser: TestBrowser;
  let page: Page;
  /** What the screen showed for each loan before the browser was killed, by item barcode. */
  const shown = new Map<string, { due: string; decidedBy: string }>();

  beforeAll(async () => {
    server = await startServer();
    await setUpLibrary(server.databasePath);
    browser = await launchBrowser({ baseURL: server.url });
    page = browser.page;
  });

  afterAll(async () => {
    await browser?.dispose();
    await server?.dispose();
  });

  it('installs from the user menu while the server is up', async () => {
    await new SignInPage(page).signInAtDesk(STAFF_USERNAME, STAFF_PASSWORD);
    // The menu button's name is the username; its stylesheet adds a ▾, hence no exact match.
    const menuButton = page.getByRole('button', { name: STAFF_USERNAME });
    await menuButton.waitFor({ timeout: UI_TIMEOUT_MS });
    // The "!" shows until this browser has the offline client; it is named for screen readers
    // and describes the menu button.
    const notInstalled = page.getByRole('img', {
      name: 'Offline client not installed on this workstation',
    });
    await notInstalled.waitFor({ timeout: UI_TIMEOUT_MS });
    expect(await notInstalled.innerText()).toBe('!');
    expect(await menuButton.getAttribute('aria-describedby')).toBe(
      await notInstalled.getAttribute('id'),
    );
    await menuButton.click();
    await screenshot(page, 'offline-install-menu.png');
    await page.getByRole('menuitem', { name: 'Install offline client' }).click();
    const notice = page.getByText('The offline client is installed on this workstation.');
    await notice.waitFor({ timeout: UI_TIMEOUT_MS });
    const link = page.getByRole('link', { name: /\/offline\/$/ });
    expect(await link.getAttribute('href')).toBe('/offline/');
    await screenshot(page, 'offline-installed.png');
    await expect.poll(() => notInstalled.count(), { timeout: UI_TIMEOUT_MS }).toBe(0);
    expect(await menuButton.getAttribute('aria-describedby')).toBeNull();
  });

  it('opens /offline/ under its service worker', async () => {
    const client = new OfflineClientPage(page);
    await client.goto();
    expect(await controlledByServiceWorker(page)).toBe(true);
    await expect
      .poll(() => client.serverStatus.innerText(), { timeout: UI_TIMEOUT_MS })
      .toBe('Server reachable');
  });

  it('says plainly when the server answers, pointing to Check Out, and lets staff stay offline', async () => {
    const notice = page.getByRole('status').filter({ hasText: 'The Circa server is answering' });
    await notice.waitFor({ timeout: UI_TIMEOUT_MS });
    const link = notice.getByRole('link', { name: 'Check Out in the staff app' });
    expect(await link.getAttribute('href')).toBe('/checkout');
    await notice.getByRole('button', { name: 'Keep working offline' }).click();
    await expect.poll(() => notice.count()).toBe(0);
  });

  it('is its own small bundle: the staff app is neither loaded nor precached', async () => {
    const loaded = await page.evaluate(() =>
      performance.getEntriesByType('resource').map((entry) => entry.name),
    );
    expect(loaded.some((url) => url.includes('/assets/staff-'))).toBe(false);
    const worker = readFileSync(resolve(DIST_DIR, 'offline', 'sw.js'), 'utf8');
    const precached = [...worker.matchAll(/url:"([^"]+)"/g)].map((match) => match[1]!);
    expect(precached).toContain('/offline/index.html');
    expect(precached.some((url) => url.includes('/assets/staff-'))).toBe(false);
    const gzipBytes = precached
      .map((url) => gzipSync(readFileSync(resolve(DIST_DIR, `.${url}`))).length)
      .reduce((sum, n) => sum + n, 0);
    expect(gzipBytes).toBeLessThan(MAX_OFFLINE_CLIENT_GZIP_BYTES);
  });

  it('still works after the server process is stopped and the page reloaded', async () => {
    await server.stop();
    const client = new OfflineClientPage(page);
    await page.reload();
    await client.patronBarcode.waitFor({ timeout: UI_TIMEOUT_MS });
    await expect
      .poll(() => client.serverStatus.innerText(), { timeout: UI_TIMEOUT_MS })
      .toBe('Server unreachable');
    expect(await page.evaluate(() => navigator.onLine)).toBe(true);
  });

  it('explains a wrong check digit and an item barcode in the patron field', async () => {
    const client = new OfflineClientPage(page);
    const good = patron(1);
    const wrongDigit = good.slice(0, -1) + String((Number(good.at(-1)) + 1) % 10);
    await client.patronBarcode.fill(wrongDigit);
    await client.patronBarcode.press('Enter');
    await expect.poll(() => client.alert.innerText()).toMatch(/check digit does not match/);
    await client.patronBarcode.fill(item(1));
    await client.patronBarcode.press('Enter');
    await expect.poll(() => client.alert.innerText()).toMatch(/looks like an item barcode/);
    await screenshot(page, 'offline-barcode-check.png');
  });

  it('checks out to a patron with the default loan period, refusing the same item twice', async () => {
    const client = new OfflineClientPage(page);
    await client.scanPatron(patron(1));
    await client.scanItem(item(1));
    await client.scanItem(item(2));
    await client.itemBarcode.fill(item(1));
    await client.itemBarcode.press('Enter');
    await expect.poll(() => client.alert.innerText()).toMatch(/already checked out to this patron/);
    const rows = await client.rows();
    expect(rows.map((r) => r[3])).toEqual([
      expect.stringMatching(/^Loan period \(\d+ days\)$/),
      expect.stringMatching(/^Loan period \(\d+ days\)$/),
    ]);
    for (const [, barcode, due, decidedBy] of rows)
      shown.set(barcode!, { due: due!, decidedBy: decidedBy! });
    await screenshot(page, 'offline-check-out.png');
    await client.complete.click();
    await expect.poll(() => client.loanRows.count()).toBe(0);
  });

  it('applies a Special Loan to all loans of one patron until Complete', async () => {
    const client = new OfflineClientPage(page);
    await client.scanPatron(patron(2));
    await client.specialLoan.click();
    const form = page.getByRole('form', { name: 'Special Loan' });
    await form.getByLabel('All loans of this patron until Complete').check();
    await form.getByRole('radio', { name: 'After a number of loan days' }).check();
    await form.getByRole('spinbutton', { name: 'Number of loan days' }).fill('7');
    await screenshot(page, 'offline-special-loan.png');
    await form.getByRole('button', { name: 'Apply Special Loan' }).click();
    await page.getByText('Special Loan for this patron: 7 loan days until Complete.').waitFor();
    await client.scanItem(item(3));
    await client.scanItem(item(4));
    const rows = await client.rows();
    expect(rows.map((r) => r[3])).toEqual([
      'Special Loan: this patron',
      'Special Loan: this patron',
    ]);
    // This patron's loans count from 1; the workstation's running number (after the first
    // patron's two) stays in the last column, with the record.
    expect(rows.map((r) => [r[0], r[4]])).toEqual([
      ['1', '3'],
      ['2', '4'],
    ]);
    for (const [, barcode, due, decidedBy] of rows)
      shown.set(barcode!, { due: due!, decidedBy: decidedBy! });
    await client.complete.click();
    // Complete ends the patron's special loan.
    expect(await page.getByText(/Special Loan for this patron/).count()).toBe(0);
  });

  it('lends under a Settings-wide special loan, shown clearly on the Check Out screen', async () => {
    const client = new OfflineClientPage(page);
    await client.openSettingsTab('Special Loan');
    const dateField = page.getByRole('spinbutton', { name: 'Number of loan days' });
    expect(await dateField.isDisabled()).toBe(true);
    await page.getByLabel('Apply to all check-outs').check();
    await page.getByRole('radio', { name: 'After a number of loan days' }).check();
    await dateField.fill('3');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText(/Saved: every check-out is now 3 loan days/).waitFor();
    await screenshot(page, 'offline-settings-special-loan.png');
    await client.backToCheckOut.click();
    await page
      .getByText(/Special Loan for all check-outs is on: every loan is 3 loan days/)
      .waitFor();
    await client.scanPatron(patron(3));
    await client.scanItem(item(5));
    const rows = await client.rows();
    expect(rows.map((r) => r[3])).toEqual(['Special Loan: all check-outs']);
    for (const [, barcode, due, decidedBy] of rows)
      shown.set(barcode!, { due: due!, decidedBy: decidedBy! });
    await screenshot(page, 'offline-special-loan-banner.png');
    await client.complete.click();
  });

  it('shows the four Settings tabs, with the loan period and the installation', async () => {
    const client = new OfflineClientPage(page);
    await client.openSettingsTab('Print Options');
    await page.getByLabel('Print a loan receipt when I choose Complete').waitFor();
    await screenshot(page, 'offline-settings-print.png');
    await client.openSettingsTab('Workform Defaults');
    await page.getByText(/the library’s default loan period/).waitFor();
    // The one date format, not the snapshot's YYYY-MM-DD.
    await page.getByText(/^Closed days known through \w{3} \d{1,2} \w{3} \d{4}\.$/).waitFor();
    await screenshot(page, 'offline-settings-workform.png');
    await client.openSettingsTab('Installation');
    const panel = page.getByRole('tabpanel');
    await expect.poll(() => panel.innerText()).toMatch(/Waiting to be sent\s+5/);
    expect(await panel.innerText()).toMatch(/Installed by\s+Robin Desk \(offline-desk\)/);
    expect(await panel.innerText()).toMatch(/Persistent storage\s+/);
    await screenshot(page, 'offline-settings-installation.png');
    await client.backToCheckOut.click();
  });

  it('keeps every transaction with its due date when the browser is killed and relaunched', async () => {
    const before = await readOutbox<StoredTransaction>(page);
    expect(before).toHaveLength(5);
    const pid = killBrowserHard(browser.profileDir);
    await expect.poll(() => processAlive(pid), { timeout: UI_TIMEOUT_MS }).toBe(false);
    await browser.close().catch(() => undefined);
    browser = await relaunchBrowser(browser, server.url);
    page = browser.page;
    const client = new OfflineClientPage(page);
    // The server is still stopped: the page comes from the service worker's cache.
    await client.goto();
    const after = await readOutbox<StoredTransaction>(page);
    expect(after.toSorted((a, b) => a.sequence - b.sequence)).toEqual(
      before.toSorted((a, b) => a.sequence - b.sequence),
    );
    expect(after.map((t) => t.sequence).toSorted((a, b) => a - b)).toEqual([1, 2, 3, 4, 5]);
    const timeZone = BRANCH_TIME_ZONE;
    for (const t of after) {
      expect(shown.has(t.itemBarcode)).toBe(true);
      expect(t.sentAt).toBeNull();
      // The due date shown on screen is the one stored.
      const storedDue = formatDate(t.dueAt, timeZone);
      expect(storedDue).toBe(shown.get(t.itemBarcode)!.due);
    }
    expect(after.find((t) => t.itemBarcode === item(3))?.dueDateBasis).toEqual({
      kind: 'special_patron',
      days: 7,
    });
    expect(after.find((t) => t.itemBarcode === item(5))?.dueDateBasis).toEqual({
      kind: 'special_all',
      days: 3,
    });
    expect(await page.getByLabel('5 unsent transactions').innerText()).toBe('Unsent: 5');
  });

  it('keeps every scan from two tabs scanning at once, with unique sequence numbers', async () => {
    const first = new OfflineClientPage(page);
    const secondPage = await browser.context.newPage();
    const second = new OfflineClientPage(secondPage);
    await second.goto();
    // Settings-wide special loan off again, so both tabs lend on the default loan period.
    await first.openSettingsTab('Special Loan');
    await page.getByLabel('Apply to all check-outs').uncheck();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await first.backToCheckOut.click();
    await first.scanPatron(patron(10));
    await second.scanPatron(patron(11));
    const PER_TAB = 12;
    const scanAll = async (client: OfflineClientPage, offset: number) => {
      for (let i = 0; i < PER_TAB; i += 1) await client.scanItem(item(offset + i));
    };
    await Promise.all([scanAll(first, 100), scanAll(second, 200)]);
    const stored = await readOutbox<StoredTransaction>(page);
    expect(stored).toHaveLength(5 + PER_TAB * 2);
    const sequences = stored.map((t) => t.sequence).toSorted((a, b) => a - b);
    expect(sequences).toEqual(Array.from({ length: 5 + PER_TAB * 2 }, (_, i) => i + 1));
    expect(new Set(stored.map((t) => t.id)).size).toBe(stored.length);
    await first.complete.click();
    await secondPage.close();
  });

  it('gives a next-loan-only Special Loan to one loan, even when two items are scanned at once', async () => {
    const client = new OfflineClientPage(page);
    await client.scanPatron(patron(50));
    await client.specialLoan.click();
    const form = page.getByRole('form', { name: 'Special Loan' });
    await form.getByLabel('The next loan only').check();
    await form.getByRole('radio', { name: 'After a number of loan days' }).check();
    await form.getByRole('spinbutton', { name: 'Number of loan days' }).fill('10');
    await form.getByRole('button', { name: 'Apply Special Loan' }).click();
    await page.getByText('Special Loan for the next loan only: 10 loan days.').waitFor();
    // Two scans in quick succession, without waiting for the first row.
    await client.itemBarcode.fill(item(600));
    await client.itemBarcode.press('Enter');
    await client.itemBarcode.fill(item(601));
    await client.itemBarcode.press('Enter');
    await expect.poll(() => client.loanRows.count(), { timeout: UI_TIMEOUT_MS }).toBe(2);
    const rows = await client.rows();
    expect(rows.map((r) => [r[1], r[3]])).toEqual([
      [item(600), 'Special Loan: this loan'],
      [item(601), expect.stringMatching(/^Loan period/)],
    ]);
    expect(await page.getByText(/Special Loan for the next loan only/).count()).toBe(0);
    await client.complete.click();
    await expect.poll(() => client.loanRows.count()).toBe(0);
  });

  it('prints an 80 mm receipt sized to its content on Complete when Print Options say so', async () => {
    const client = new OfflineClientPage(page);
    await client.openSettingsTab('Print Options');
    await page.getByLabel('Print a loan receipt when I choose Complete').check();
    await page.getByLabel('80 mm receipt printer').check();
    await page.getByLabel('Receipt header text').fill('Open Mon–Sat 9–6');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Print options saved.').waitFor();
    await client.backToCheckOut.click();
    await recordPrints(page);
    await client.scanPatron(patron(20));
    await client.scanItem(item(300));
    await client.scanItem(item(301));
    await client.complete.click();
    const printed = await printedReceipts(page);
    expect(printed).toHaveLength(1);
    const [receipt] = printed;
    expect(receipt!.pageRule).toMatch(/@page \{ size: 80mm (\d+)mm; margin: 0(px)?; \}/);
    const heightMm = Number(/80mm (\d+)mm/.exec(receipt!.pageRule)![1]);
    expect(heightMm).toBeGreaterThan(40);
    expect(heightMm).toBeLessThan(300);
    expect(receipt!.text).toContain('Open Mon–Sat 9–6');
    expect(receipt!.text).toContain(`••••••••••${patron(20).slice(-4)}`);
    expect(receipt!.text).not.toContain(patron(20));
    expect(receipt!.text).toContain(item(300));
    expect(receipt!.text).toContain('recorded while the library system was offline');
    await page.emulateMedia({ media: 'print' });
    await page
      .locator('#receipt')
      .screenshot({ path: resolve(SCREENSHOTS_DIR, 'offline-receipt.png') });
    await page.emulateMedia({ media: 'screen' });
  });

  it('says at once when a scan could not be stored, and shows no row for it', async () => {
    const client = new OfflineClientPage(page);
    await client.scanPatron(patron(30));
    const storedBefore = (await readOutbox<StoredTransaction>(page)).length;
    // The next write is refused as a full disk refuses it.
    await page.evaluate(() => {
      const realAdd = IDBObjectStore.prototype.add;
      IDBObjectStore.prototype.add = function refuseOnce() {
        IDBObjectStore.prototype.add = realAdd;
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      };
    });
    await client.itemBarcode.fill(item(400));
    await client.itemBarcode.press('Enter');
    await expect
      .poll(() => client.alert.innerText(), { timeout: UI_TIMEOUT_MS })
      .toMatch(/storage is full, so the loan was NOT recorded/);
    expect(await client.loanRows.count()).toBe(0);
    expect(await readOutbox<StoredTransaction>(page)).toHaveLength(storedBefore);
    await screenshot(page, 'offline-write-failed.png');
    // Scanning again once the browser accepts writes records it.
    await client.scanItem(item(400));
    expect(await readOutbox<StoredTransaction>(page)).toHaveLength(storedBefore + 1);
    await client.complete.click();
  });

  it('saves every unsent transaction to a backup file that reads back whole', async () => {
    const unsent = (await readOutbox<StoredTransaction>(page)).filter((t) => t.sentAt === null);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Save backup file' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^circa-offline-OFFL-DESK-1-.*\.jsonl$/);
    const file = readOfflineFile(readFileSync(await download.path(), 'utf8'));
    expect(file).toMatchObject({
      ok: true,
      header: { workstation: 'OFFL-DESK-1', count: unsent.length },
    });
    const ids = file.ok ? file.transactions.map((t) => t.id).toSorted() : [];
    expect(ids).toEqual(unsent.map((t) => t.id).toSorted());
    await page.getByText(/Saved \d+ unsent transactions to circa-offline-/).waitFor();
  });
});
