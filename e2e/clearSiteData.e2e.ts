// The clear-site-data trial (issue 14): a desk whose offline client was installed silently at
// sign-in keeps a journal file, lends with the server up and then stopped, and its browser's site
// data is cleared before the loans recorded offline were sent. Signed in again, the staff app and
// the offline client both name the lost numbers and how to recover them; a supervisor on another
// computer uploads the journal files, and every loan arrives exactly once, the sent ones recognised
// as repeats. New transactions at the wiped desk are numbered after the old ones.
//
// OPFS stands in for the picked journal folder (see support/journalFolder.ts). Clearing site data
// clears every storage type except file_systems: a real picked folder lives outside the browser's
// storage, which clearing site data never touches, while OPFS is inside it.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SequenceReport } from '../src/shared/api/offline.ts';
import { readOfflineFile } from '../src/shared/offlineFile/index.ts';
import { OfflineDeskPage } from './pages/OfflineDeskPage.ts';
import { UploadOfflineFilePage } from './pages/OfflineReportsPages.ts';
import { SignInPage } from './pages/SignInPage.ts';
import { chooseFromUserMenu, waitForOfflineClient } from './pages/UserMenu.ts';
import { launchBrowser, type TestBrowser } from './support/browser.ts';
import { openDemoData, serverQueries, type DemoData } from './support/demoData.ts';
import { expectText } from './support/expectText.ts';
import {
  chooseJournalFolder,
  pickOpfsAsJournalFolder,
  readJournalFiles,
  type JournalFileText,
} from './support/journalFolder.ts';
import { controlledByServiceWorker, stopServerAndReload } from './support/offlineInstall.ts';
import { readOutbox } from './support/offlineOutbox.ts';
import { screenshot } from './support/screenshots.ts';
import { startServer, type CircaServer } from './support/server.ts';

const DEMO_PASSWORD = 'circa-demo';
const WORKSTATION = 'WIPE-DESK-1';
const UI_TIMEOUT_MS = 20_000;
/** Every storage type Chromium clears for a site except file_systems, where OPFS lives. */
const SITE_DATA_EXCEPT_OPFS = 'cookies,indexeddb,local_storage,service_workers,cache_storage';

async function signInAtCheckOut(page: Page, username: string, workstation?: string) {
  const signIn = new SignInPage(page);
  await signIn.goto('/checkout');
  await signIn.signIn(username, DEMO_PASSWORD);
  if (workstation) await signIn.answerWorkstation(workstation);
  await page.getByLabel('Patron barcode', { exact: true }).waitFor({ timeout: UI_TIMEOUT_MS });
}

/** The sequence numbers a journal file holds, checked to be one valid circa-offline file. */
function journalSequences(file: JournalFileText): number[] {
  const read = readOfflineFile(file.text);
  if (!read.ok) throw new Error(`${file.name} does not read: ${JSON.stringify(read.errors)}`);
  return read.transactions.map((t) => t.sequence);
}

interface StoredTransaction {
  id: string;
  sequence: number;
  sentAt: number | null;
}

describe('site data cleared mid-outage, with a journal file on this computer', () => {
  let server: CircaServer;
  let demo: DemoData;
  let desk: TestBrowser;
  let page: Page;
  let offlineDesk: OfflineDeskPage;
  let patron: { barcode: string; patronTypeId: number };
  let items: string[];
  /** The journal files as they were right after the wipe (read out of OPFS). */
  let journalAfterWipe: JournalFileText[] = [];
  const db = serverQueries(() => server.databasePath);

  /** What the server holds of the workstation, by sequence number. */
  const received = () =>
    db
      .query<{ sequence: number }>(
        'select sequence from offline_transactions where workstation = ? order by sequence',
        WORKSTATION,
      )
      .map((row) => row.sequence);
  const highestReported = () =>
    db.query<{ highest: number }>(
      `select r.highest_sequence_reported as highest from offline_client_reports r
       join workstations w on w.id = r.workstation_id where w.name = ?`,
      WORKSTATION,
    )[0]?.highest ?? 0;

  const staffAppAlert = () => page.locator('.lost-transactions-alert');
  const offlineNotice = () =>
    page.getByRole('alert').filter({ hasText: 'never reached the server' });

  async function checkOut(itemBarcodes: string[]) {
    await offlineDesk.open('Check Out');
    await offlineDesk.scanPatron('Check Out', patron.barcode);
    const itemField = offlineDesk.section('Check Out').getByLabel('Item barcode', { exact: true });
    await expect.poll(() => itemField.isEnabled(), { timeout: UI_TIMEOUT_MS }).toBe(true);
    for (const item of itemBarcodes) await offlineDesk.scanItem('Check Out', item);
    await page.getByRole('button', { name: 'Complete' }).click();
  }

  /**
   * Opened afresh with the server up, the offline client sends what waits by itself (it may have
   * sent the first scans already): waits until the server has `receivedAfter`.
   */
  async function sendFromOfflineClient(receivedAfter: number[]) {
    await page.reload();
    await expect.poll(received, { timeout: UI_TIMEOUT_MS }).toEqual(receivedAfter);
    await expectText(offlineDesk.unsent, 'Unsent: 0', UI_TIMEOUT_MS);
  }

  beforeAll(async () => {
    server = await startServer();
    demo = openDemoData(server.databasePath);
    patron = demo.goodPatron();
    items = demo.availableItems(patron.patronTypeId, 6);
    desk = await launchBrowser({ baseURL: server.url });
    page = desk.page;
    offlineDesk = new OfflineDeskPage(page);
    await pickOpfsAsJournalFolder(page);
  });

  afterAll(async () => {
    demo?.close();
    await desk?.dispose();
    await server?.dispose();
  });

  it('installs the offline client silently at sign-in, and the desk keeps a journal', async () => {
    await signInAtCheckOut(page, 'desk', WORKSTATION);
    await waitForOfflineClient(page, UI_TIMEOUT_MS);
    await page.goto('/offline/');
    expect(await controlledByServiceWorker(page)).toBe(true);
    await chooseJournalFolder(page);
    await page.getByRole('button', { name: /^Back to / }).click();
  });

  it('lends with the server up and sends: the journal holds the sent loans too', async () => {
    await page.getByText('Server reachable', { exact: true }).waitFor({ timeout: UI_TIMEOUT_MS });
    await checkOut([items[0]!, items[1]!]);
    await sendFromOfflineClient([1, 2]);
    expect((await readJournalFiles(page)).flatMap(journalSequences)).toEqual([1, 2]);
  });

  it('lends and checks in with the server stopped, each transaction journalled', async () => {
    await stopServerAndReload(page, server);
    await checkOut([items[2]!, items[3]!, items[4]!]);
    await offlineDesk.open('Check In');
    await offlineDesk.scan(items[0]!);
    await expectText(offlineDesk.unsent, 'Unsent: 4');
    const journal = await readJournalFiles(page);
    expect(journal.flatMap(journalSequences)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('the server comes back, Check Out reports how far the desk counted, then the site data is cleared', async () => {
    // The desk goes back to the staff app: its page load reports to the server before anyone sends.
    await page.goto('about:blank');
    await server.start();
    await page.goto('/checkout');
    await page
      .getByRole('region', { name: 'Unsent offline transactions' })
      .waitFor({ timeout: UI_TIMEOUT_MS });
    await expect.poll(highestReported, { timeout: UI_TIMEOUT_MS }).toBe(6);
    const unsent = (await readOutbox<StoredTransaction>(page))
      .filter((t) => t.sentAt === null)
      .map((t) => t.sequence)
      .toSorted((a, b) => a - b);
    expect(unsent).toEqual([3, 4, 5, 6]);

    await page.goto('about:blank');
    const cdp = await desk.context.newCDPSession(page);
    await cdp.send('Storage.clearDataForOrigin', {
      origin: new URL(server.url).origin,
      storageTypes: SITE_DATA_EXCEPT_OPFS,
    });
    await cdp.detach();

    await page.goto('/checkout');
    await page.getByLabel('Username', { exact: true }).waitFor({ timeout: UI_TIMEOUT_MS });
    // Opened only to look: opening the offline database here would create it empty.
    const databases = await page.evaluate(async () =>
      (await indexedDB.databases()).map((database) => database.name),
    );
    expect(databases).toEqual([]);
    journalAfterWipe = await readJournalFiles(page);
    expect(journalAfterWipe).toHaveLength(1);
    expect(received()).toEqual([1, 2]);
  });

  it('signed in again, the staff app names the lost numbers and how to recover them', async () => {
    await signInAtCheckOut(page, 'desk', WORKSTATION);
    await expectText(
      staffAppAlert(),
      `4 offline transactions recorded at workstation ${WORKSTATION} (numbers 3–6) never reached the server, and this browser no longer has them`,
    );
    await expectText(staffAppAlert(), /ask a supervisor to upload them/);
    // Installed again silently, with the numbering raised past what the server was told.
    await waitForOfflineClient(page, UI_TIMEOUT_MS);
  });

  it('the offline client says the same at once, and the journal folder shows what only it holds', async () => {
    await page.goto('/offline/');
    expect(await controlledByServiceWorker(page)).toBe(true);
    await expectText(
      offlineNotice(),
      `4 offline transactions recorded at workstation ${WORKSTATION} (numbers 3–6) never reached the server`,
    );
    expect(await offlineNotice().innerText()).toContain(`circa-journal-${WORKSTATION}-`);

    // The folder's handle went with the site data: the desk chooses the same folder again.
    await chooseJournalFolder(page);
    const journalOnly = page.getByText(/^This folder.s journal holds 4 transactions/);
    await journalOnly.waitFor({ timeout: UI_TIMEOUT_MS });
    expect(await journalOnly.innerText()).toContain('3–6');
    await journalOnly.evaluate((element) => element.scrollIntoView({ block: 'center' }));
    await screenshot(page, 'offline-journal-after-wipe.png');
    await page.getByRole('button', { name: /^Back to / }).click();
  });

  it('numbers new transactions at the wiped desk after the old ones', async () => {
    await checkOut([items[5]!]);
    const stored = await readOutbox<StoredTransaction>(page);
    expect(stored.map((t) => t.sequence)).toEqual([7]);
    await sendFromOfflineClient([1, 2, 7]);
  });

  it('a supervisor on another computer uploads the journal files: every loan once, none twice', async () => {
    const files = await readJournalFiles(page);
    // The journal kept every line from before the wipe, and added the new one.
    expect(files.map((f) => f.name)).toEqual(journalAfterWipe.map((f) => f.name));
    expect(files.flatMap(journalSequences)).toEqual([1, 2, 3, 4, 5, 6, 7]);

    const office = await launchBrowser({ baseURL: server.url });
    try {
      const signIn = new SignInPage(office.page);
      await signIn.goto('/offline-uploads/new');
      await signIn.signIn('super', DEMO_PASSWORD);
      await signIn.answerWorkstation('SUPERVISOR-OFFICE');
      const upload = new UploadOfflineFilePage(office.page);
      for (const file of files) {
        await upload.uploadText(file, UI_TIMEOUT_MS);
        await office.page
          .getByText(`${file.name} was accepted: 4 new transactions stored.`)
          .waitFor({ timeout: UI_TIMEOUT_MS });
        // The three sent before were recognised, not recorded again.
        await expectText(upload.summary, /Of these 7, 3 had reached the server before/);
        expect(await office.page.getByText('Some sequence numbers are used by two').count()).toBe(
          0,
        );
      }
      await screenshot(office.page, 'offline-upload-journal.png');

      const gaps = await office.page.evaluate(async () => {
        const answer = await fetch('/api/offline/gaps');
        return (await answer.json()) as SequenceReport;
      });
      expect(gaps.sequenceConflicts).toEqual([]);
      const here = gaps.workstations.find((w) => w.workstation === WORKSTATION);
      expect(here).toMatchObject({ received: 7, lastSequence: 7, gaps: [] });
    } finally {
      await office.dispose();
    }

    const byId = db.one<{ stored: number; ids: number }>(
      `select count(*) as stored, count(distinct id) as ids from offline_transactions
       where workstation = ?`,
      WORKSTATION,
    );
    expect(byId).toEqual({ stored: 7, ids: 7 });
    expect(received()).toEqual([1, 2, 3, 4, 5, 6, 7]);
    const checkOuts = db.query<{ item: string; times: number }>(
      `select item_barcode as item, count(*) as times from offline_transactions
       where workstation = ? and type = 'check_out' group by item_barcode order by item_barcode`,
      WORKSTATION,
    );
    expect(checkOuts).toEqual(items.map((item) => ({ item, times: 1 })).toSorted(byItem));
    // items[0] came back offline; the others are out on loan, once each.
    const loans = demo.openLoans(patron.barcode).map((l) => l.itemBarcode);
    expect(loans.toSorted()).toEqual(items.slice(1).toSorted());
  });

  it('the notices go away once the transactions arrived', async () => {
    await page.reload();
    await page.getByText('Server reachable', { exact: true }).waitFor({ timeout: UI_TIMEOUT_MS });
    await expect.poll(() => offlineNotice().count(), { timeout: UI_TIMEOUT_MS }).toBe(0);

    await page.goto('/checkout');
    await chooseFromUserMenu(page, 'desk', 'Sign out');
    // The answer is read as it passes, not afterwards: the page may navigate on at once after
    // signing in, and the browser forgets the body of a page navigated away from.
    const answers: Array<{ sequences: { missingCount: number } }> = [];
    await page.route('**/api/offline/client-state', async (route) => {
      const response = await route.fetch();
      if (response.ok()) answers.push(await response.json());
      await route.fulfill({ response });
    });
    await signInAtCheckOut(page, 'desk');
    await expect.poll(() => answers.length, { timeout: UI_TIMEOUT_MS }).toBeGreaterThan(0);
    await page.unroute('**/api/offline/client-state');
    expect(answers[0]!.sequences.missingCount).toBe(0);
    // The alert would show right after this answer: a moment for it to render, were it to.
    await page.waitForTimeout(1_000);
    expect(await staffAppAlert().count()).toBe(0);
  });
});

function byItem(a: { item: string }, b: { item: string }): number {
  return a.item < b.item ? -1 : 1;
}
