// The offline client on every desk before the outage (issue 14): with the library's setting on,
// signing in installs it silently, with no "!" and no step for the librarian, and it lends with the
// server stopped; with the setting off the "!" invites a manual install. Supervisors see each
// workstation's client in Administration → Workstations, and a sign-in after the browser's site
// data was cleared says at once which transactions never reached the server and how to recover them.
import Database from 'better-sqlite3';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withCheckDigit } from '../src/shared/barcodes/barcodes.ts';
import { AdministrationPages } from './pages/AdministrationPages.ts';
import { OfflineDeskPage } from './pages/OfflineDeskPage.ts';
import { SignInPage } from './pages/SignInPage.ts';
import { chooseFromUserMenu, waitForOfflineClient } from './pages/UserMenu.ts';
import { launchBrowser, type TestBrowser } from './support/browser.ts';
import { expectText } from './support/expectText.ts';
import { controlledByServiceWorker, stopServerAndReload } from './support/offlineInstall.ts';
import { screenshot } from './support/screenshots.ts';
import { startServer, type CircaServer } from './support/server.ts';

const DEMO_PASSWORD = 'circa-demo';
const WORKSTATION = 'SILENT-DESK-1';
const UI_TIMEOUT_MS = 20_000;
const NOT_INSTALLED = 'Offline client not installed on this workstation';

/** Offline, the client never looks patrons or items up: any well-formed barcode will do. */
const patron = (n: number) => withCheckDigit(`29${String(n).padStart(11, '0')}`);
const item = (n: number) => withCheckDigit(`39${String(n).padStart(11, '0')}`);

async function signIn(page: Page, username: string, workstation?: string): Promise<void> {
  const signInPage = new SignInPage(page);
  await signInPage.goto('/checkout');
  await signInPage.signIn(username, DEMO_PASSWORD);
  if (workstation) await signInPage.answerWorkstation(workstation);
  await page.getByLabel('Patron barcode', { exact: true }).waitFor({ timeout: UI_TIMEOUT_MS });
}

async function signOut(page: Page, username: string): Promise<void> {
  await chooseFromUserMenu(page, username, 'Sign out');
  await page.getByLabel('Username', { exact: true }).waitFor({ timeout: UI_TIMEOUT_MS });
}

const DAY_MS = 24 * 60 * 60_000;

/**
 * Two more desks with the reports their offline clients would have sent, written straight into the
 * demo database (a fixture: the reports themselves are tested through the API in the db tests).
 */
function addReportedDesks(databasePath: string, now: number): void {
  const db = new Database(databasePath);
  try {
    const branchId = (code: string) =>
      (db.prepare('select id from branches where code = ?').get(code) as { id: number }).id;
    const addDesk = db.prepare(
      'insert into workstations (name, branch_id, created_at) values (?, ?, ?) returning id',
    );
    const report = db.prepare(
      `insert into offline_client_reports (workstation_id, installed, app_version, snapshot_taken_at,
         last_sequence, highest_sequence_reported, unsent, journal, reported_at, reported_by)
       values (?, 1, ?, ?, ?, ?, ?, ?, ?, null)`,
    );
    const east = addDesk.get('EAST-DESK-2', branchId('EAST'), now - 60 * DAY_MS) as { id: number };
    report.run(east.id, '0.0.9', now - 12 * DAY_MS, 0, 0, 0, 'off', now - 12 * DAY_MS);
    const mobile = addDesk.get('BOOKMOBILE-1', branchId('MOBILE'), now - 60 * DAY_MS) as {
      id: number;
    };
    report.run(
      mobile.id,
      '0.1.0',
      now - 2 * 3_600_000,
      14,
      14,
      14,
      'unwritable',
      now - 2 * 3_600_000,
    );
  } finally {
    db.close();
  }
}

/** Whether /offline/ has a service worker registration in this browser. */
function hasServiceWorker(page: Page): Promise<boolean> {
  return page.evaluate(
    async () => (await navigator.serviceWorker.getRegistration('/offline/')) !== undefined,
  );
}

describe('the offline client installed at sign-in', () => {
  let server: CircaServer;
  let desk: TestBrowser;
  let page: Page;

  beforeAll(async () => {
    server = await startServer();
    desk = await launchBrowser({ baseURL: server.url });
    page = desk.page;
  });

  afterAll(async () => {
    await desk?.dispose();
    await server?.dispose();
  });

  it('installs silently when staff sign in at Check Out: no notice, no "!"', async () => {
    await signIn(page, 'desk', WORKSTATION);
    await waitForOfflineClient(page, UI_TIMEOUT_MS);
    expect(await page.getByRole('img', { name: NOT_INSTALLED }).count()).toBe(0);
    expect(await page.locator('.offline-install-notice').count()).toBe(0);
    await page.getByRole('button', { name: 'desk', exact: true }).click();
    await page.getByRole('menuitem', { name: 'Reinstall offline client' }).waitFor();
    await page.keyboard.press('Escape');
  });

  it('lends at /offline/ with the server stopped', async () => {
    const offlineDesk = new OfflineDeskPage(page);
    await page.goto('/offline/');
    expect(await controlledByServiceWorker(page)).toBe(true);
    await stopServerAndReload(page, server);
    await offlineDesk.scanPatron('Check Out', patron(1));
    for (const n of [1, 2, 3]) await offlineDesk.scanItem('Check Out', item(n));
    await page.getByRole('button', { name: 'Complete' }).click();
    await expect.poll(() => offlineDesk.unsent.innerText()).toBe('Unsent: 3');
  });

  it('sends them from the staff app once the server is back, with nothing reported lost', async () => {
    await server.start();
    await page.goto('/checkout');
    const banner = page.getByRole('region', { name: 'Unsent offline transactions' });
    await banner.getByRole('button', { name: 'Send now' }).click({ timeout: UI_TIMEOUT_MS });
    await expectText(
      page.getByRole('status').filter({ hasText: 'from this sending' }),
      /The server has 3 transactions from this sending/,
    );
    expect(await page.locator('.lost-transactions-alert').count()).toBe(0);
  });

  it('shows supervisors each workstation’s offline client in Administration → Workstations', async () => {
    await signOut(page, 'desk');
    await signIn(page, 'super');
    const admin = new AdministrationPages(page);
    await admin.open('Workstations');
    const row = admin.row('Workstations', WORKSTATION);
    await expectText(row, /Installed · version \d+\.\d+\.\d+ · data from (just now|1 minute ago)/);
    const cells = await row.getByRole('cell').allInnerTexts();
    expect(cells[3]).toMatch(/^0 · (just now|1 minute ago)$/);
    expect(cells[4]).toBe('Off');
    expect(cells[5]).toMatch(/^(just now|1 minute ago)$/);
    expect(cells[6]).toBe('None');
    await page.getByLabel('Show', { exact: true }).selectOption({
      label: 'Offline client missing or out of date',
    });
    await expect.poll(() => row.count()).toBe(0);
    await page.getByLabel('Show', { exact: true }).selectOption({ label: 'All workstations' });
    await row.waitFor();

    // As the list looks a week into use: a desk not seen for 12 days with an older client, and a
    // bookmobile whose journal folder cannot be written and whose last 14 numbers never arrived.
    addReportedDesks(server.databasePath, Date.now());
    await page.reload();
    const stale = admin.row('Workstations', 'EAST-DESK-2');
    await expectText(stale, /Not seen for 12 days/);
    await expectText(stale, /Installed · version 0\.0\.9/);
    const bookmobile = admin.row('Workstations', 'BOOKMOBILE-1');
    await expectText(bookmobile, /Cannot write/);
    await expectText(bookmobile, /1–14/);
    await page.getByLabel('Show', { exact: true }).selectOption({
      label: 'Offline client missing or out of date',
    });
    await stale.waitFor();
    await expect.poll(() => bookmobile.count()).toBe(0);
    await page.getByLabel('Show', { exact: true }).selectOption({ label: 'All workstations' });
    await bookmobile.waitFor();
    await screenshot(page, 'offline-workstations.png');
    await signOut(page, 'super');
  });

  it('says at sign-in which transactions a wipe lost, and how to recover them', async () => {
    await page.context().clearCookies();
    await signIn(page, 'desk');
    // The client had recorded two more than it sent (4 and 5) when its site data was cleared.
    await page.evaluate(async () => {
      const session = (await (await fetch('/api/session')).json()) as { csrfToken: string };
      const answer = await fetch('/api/offline/client-state', {
        method: 'PUT',
        headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
        body: JSON.stringify({
          installed: true,
          appVersion: null,
          snapshotTakenAt: null,
          lastSequence: 5,
          unsent: 2,
          journal: 'off',
        }),
      });
      if (!answer.ok) throw new Error(`The report was refused (HTTP ${answer.status}).`);
    });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Storage.clearDataForOrigin', {
      origin: server.url,
      storageTypes: 'indexeddb,service_workers,cache_storage',
    });
    await cdp.detach();
    await page.reload();
    await signOut(page, 'desk');
    await signIn(page, 'desk');

    const alert = page.locator('.lost-transactions-alert');
    await expectText(
      alert,
      `2 offline transactions recorded at workstation ${WORKSTATION} (numbers 4–5) never reached the server, and this browser no longer has them`,
    );
    expect(await alert.getAttribute('role')).toBe('alert');
    // Desk staff may not upload offline files: they are sent to a supervisor.
    await expectText(alert, /ask a supervisor to upload them/);
    expect(await alert.getByRole('link', { name: 'Upload offline file' }).count()).toBe(0);
    await screenshot(page, 'signin-lost-transactions.png');

    // Hidden for this page load only: the next sign-in says it again while they are missing.
    await alert.getByRole('button', { name: 'Hide until next sign-in' }).click();
    await expect.poll(() => alert.count()).toBe(0);
    await signOut(page, 'desk');
    await signIn(page, 'super');
    await expectText(alert, /numbers 4–5/);
    await alert.getByRole('link', { name: 'Upload offline file' }).click();
    await page.getByRole('heading', { name: 'Upload offline file' }).waitFor();
  });
});

describe('the setting switched off', () => {
  let server: CircaServer;
  let browser: TestBrowser;

  beforeAll(async () => {
    server = await startServer();
  });

  afterAll(async () => {
    await browser?.dispose();
    await server?.dispose();
  });

  it('lets an administrator switch it off in Administration → Library', async () => {
    browser = await launchBrowser({ baseURL: server.url });
    const { page } = browser;
    await signIn(page, 'admin', 'ADMIN-DESK');
    const admin = new AdministrationPages(page);
    await admin.open('Library');
    await admin.button('Change library settings').click();
    const checkbox = page.getByRole('checkbox', { name: 'Install the offline client at sign-in' });
    expect(await checkbox.isChecked()).toBe(true);
    await checkbox.uncheck();
    await admin.form.getByRole('button', { name: 'Save library settings' }).click();
    await expectText(
      page.locator('dl.facts'),
      /Install the offline client at sign-in\s+No: staff install it from the user menu/,
    );
    await browser.dispose();
  });

  it('leaves a new browser without the client, and the "!" invites staff to install it', async () => {
    browser = await launchBrowser({ baseURL: server.url });
    const { page } = browser;
    await signIn(page, 'desk', 'PLAIN-DESK');
    await page.getByRole('img', { name: NOT_INSTALLED }).waitFor({ timeout: UI_TIMEOUT_MS });
    expect(await hasServiceWorker(page)).toBe(false);
  });
});
