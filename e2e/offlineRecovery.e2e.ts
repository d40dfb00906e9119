// After a wipe (issue 14): a desk records check-outs with the server stopped, the server comes back
// but the sending never gets through, and the offline client reports how far it counted; then the
// browser's site data is cleared. Signed in again and reinstalled, the offline client says at once
// which numbers were lost and how to recover them. While everything is sent, or still held in
// this browser, it says nothing.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withCheckDigit } from '../src/shared/barcodes/barcodes.ts';
import { OfflineDeskPage } from './pages/OfflineDeskPage.ts';
import { launchBrowser, type TestBrowser } from './support/browser.ts';
import { serverQueries } from './support/demoData.ts';
import { expectText } from './support/expectText.ts';
import {
  controlledByServiceWorker,
  installOfflineClient,
  stopServerAndReload,
} from './support/offlineInstall.ts';
import { readOutbox } from './support/offlineOutbox.ts';
import { screenshot } from './support/screenshots.ts';
import { startServer, type CircaServer } from './support/server.ts';
import { addStaffUser } from './support/staffUsers.ts';

const STAFF = { username: 'wiped-desk', password: 'the journal remembers' };
const UI_TIMEOUT_MS = 20_000;
const SEND_URL = '**/api/offline/transactions';

/** Offline, the client never looks patrons or items up: any well-formed barcode will do. */
const patron = (n: number) => withCheckDigit(`29${String(n).padStart(11, '0')}`);
const item = (n: number) => withCheckDigit(`39${String(n).padStart(11, '0')}`);

describe('the offline client after its storage was wiped', () => {
  let server: CircaServer;
  let browser: TestBrowser;
  let page: Page;
  let desk: OfflineDeskPage;
  /** The workstation name accepted at the first sign-in, given again after the wipe. */
  let workstation = '';
  const db = serverQueries(() => server.databasePath);

  /** What the server holds of this workstation: numbers received, and the highest reported. */
  const serverSide = () => ({
    received: db
      .query<{ sequence: number }>(
        'select sequence from offline_transactions where workstation = ? order by sequence',
        workstation,
      )
      .map((row) => row.sequence),
    highestReported:
      db.query<{ highest: number }>(
        `select r.highest_sequence_reported as highest from offline_client_reports r
         join workstations w on w.id = r.workstation_id where w.name = ?`,
        workstation,
      )[0]?.highest ?? 0,
  });

  const lostNotice = () => page.getByRole('alert').filter({ hasText: 'never reached the server' });

  /** Signs in at Check Out as the desk, installs the offline client and opens it. */
  async function signInAndInstall(name?: string): Promise<void> {
    workstation = await installOfflineClient(page, STAFF, name);
    expect(await controlledByServiceWorker(page)).toBe(true);
  }

  /** One patron, one check-out per item, then Complete; each row shows once stored. */
  async function checkOut(patronNumber: number, items: number[]): Promise<void> {
    await desk.scanPatron('Check Out', patron(patronNumber));
    for (const n of items) await desk.scanItem('Check Out', item(n));
    await page.getByRole('button', { name: 'Complete' }).click();
  }

  beforeAll(async () => {
    server = await startServer();
    await addStaffUser(server.databasePath, {
      ...STAFF,
      displayName: 'Wren Wiped',
      role: 'circulation',
      branch: { code: 'WIPE', name: 'Wipe Branch', timeZone: 'America/Chicago' },
    });
    browser = await launchBrowser({ baseURL: server.url });
    page = browser.page;
    desk = new OfflineDeskPage(page);
  });

  afterAll(async () => {
    await browser?.dispose();
    await server?.dispose();
  });

  it('says nothing once everything recorded offline was sent', async () => {
    await signInAndInstall();
    await stopServerAndReload(page, server);
    await checkOut(1, [1, 2]);
    await server.start();
    // The client sends by itself once the server answers, then reports how it stands.
    await expectText(desk.unsent, 'Unsent: 0', UI_TIMEOUT_MS);
    await expect.poll(serverSide, { timeout: UI_TIMEOUT_MS }).toEqual({
      received: [1, 2],
      highestReported: 2,
    });
    await page.reload();
    await page.getByText('Server reachable', { exact: true }).waitFor({ timeout: UI_TIMEOUT_MS });
    expect(await lostNotice().count()).toBe(0);
  });

  it('says nothing while this browser still holds what the server has not received', async () => {
    await stopServerAndReload(page, server);
    await checkOut(2, [3, 4, 5]);
    // The server comes back, but no sending gets through: only the report does.
    await browser.context.route(SEND_URL, (route) => route.abort());
    await server.start();
    await expect.poll(serverSide, { timeout: UI_TIMEOUT_MS }).toEqual({
      received: [1, 2],
      highestReported: 5,
    });
    await expectText(desk.unsent, 'Unsent: 3');
    expect(await lostNotice().count()).toBe(0);
  });

  it('names the lost numbers and the way to recover them at once after a wipe', async () => {
    const unsent = (await readOutbox<{ sequence: number; sentAt: number | null }>(page))
      .filter((t) => t.sentAt === null)
      .map((t) => t.sequence)
      .toSorted((a, b) => a - b);
    expect(unsent).toEqual([3, 4, 5]);

    // Site data cleared, as a browser clean-up or a profile reset does: cookies, IndexedDB, the
    // service worker and its caches all gone.
    await page.goto('about:blank');
    const cdp = await browser.context.newCDPSession(page);
    await cdp.send('Storage.clearDataForOrigin', {
      origin: new URL(server.url).origin,
      storageTypes: 'all',
    });
    await cdp.detach();
    await browser.context.unroute(SEND_URL);

    await signInAndInstall(workstation);
    const notice = lostNotice();
    await expectText(
      notice,
      `3 offline transactions recorded at workstation ${workstation} (numbers 3–5) never reached the server, and this browser no longer has them`,
    );
    const text = await notice.innerText();
    expect(text).toContain('circa-journal-');
    expect(text).toContain('circa-offline-');
    // Desk staff cannot upload files themselves.
    expect(text).toContain(
      'ask a supervisor to upload them in Offline uploads → Upload offline file',
    );
    await page.getByRole('button', { name: 'Save backup file' }).waitFor();
    await screenshot(page, 'offline-lost-transactions.png');

    // The server still has exactly what it had: nothing was sent from the wiped browser.
    expect(serverSide()).toEqual({ received: [1, 2], highestReported: 5 });
  });
});
