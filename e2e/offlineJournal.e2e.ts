// The journal on disk, with the server stopped: a supervisor's desk chooses a journal folder (OPFS
// stands in for the picked folder), every check-out and check-in lands in the day's journal file
// before its row shows, the folder is remembered across a reload, the folder turning read-only
// mid-outage is said plainly while scans still record, and the journal catches up once it can be
// written again. A browser without the API says
// the journal is not available and reminds staff to save a backup file. Last, the server comes
// back and the journal file uploads with every loan once, beside what the client sent itself.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readOfflineFile } from '../src/shared/offlineFile/index.ts';
import { localDate } from '../src/shared/calendar/localTime.ts';
import { journalFileName } from '../src/shared/offline/journalFile.ts';
import { OfflineDeskPage } from './pages/OfflineDeskPage.ts';
import { UploadOfflineFilePage } from './pages/OfflineReportsPages.ts';
import { SignInPage } from './pages/SignInPage.ts';
import { installOfflineClientFromMenu } from './pages/UserMenu.ts';
import { launchBrowser, type TestBrowser } from './support/browser.ts';
import { openDemoData, serverQueries, type DemoData } from './support/demoData.ts';
import {
  allowJournalWriteFailures,
  chooseJournalFolder,
  failJournalWrites,
  pickOpfsAsJournalFolder,
  readJournalFiles,
  removeFolderPicker,
} from './support/journalFolder.ts';
import { controlledByServiceWorker } from './support/offlineInstall.ts';
import { readOutbox } from './support/offlineOutbox.ts';
import { screenshot } from './support/screenshots.ts';
import { startServer, type CircaServer } from './support/server.ts';

const DEMO_PASSWORD = 'circa-demo';
const UI_TIMEOUT_MS = 20_000;

interface StoredTransaction {
  id: string;
  type: string;
  sequence: number;
  workstation: string;
  itemBarcode: string;
}

/** The journal's transactions, checked to be one valid circa-offline file. */
function readJournal(text: string) {
  const read = readOfflineFile(text);
  if (!read.ok) throw new Error(`The journal file does not read: ${JSON.stringify(read.errors)}`);
  return read;
}

describe('the journal file on this computer, with the server stopped', () => {
  let server: CircaServer;
  let browser: TestBrowser;
  let demo: DemoData;
  let page: Page;
  let desk: OfflineDeskPage;
  let patron: { barcode: string; patronTypeId: number };
  let items: string[];
  let workstation: string;
  let journalName: string;

  const itemField = () => desk.section('Check Out').getByLabel('Item barcode', { exact: true });

  async function checkOut(itemBarcodes: string[]) {
    await desk.open('Check Out');
    await desk.scanPatron('Check Out', patron.barcode);
    await expect.poll(() => itemField().isEnabled(), { timeout: UI_TIMEOUT_MS }).toBe(true);
    for (const item of itemBarcodes) await desk.scanItem('Check Out', item);
    await page.getByRole('button', { name: 'Complete' }).click();
  }

  async function journalTransactions() {
    const files = await readJournalFiles(page);
    expect(files.map((f) => f.name)).toEqual([journalName]);
    return readJournal(files[0]!.text);
  }

  beforeAll(async () => {
    server = await startServer();
    demo = openDemoData(server.databasePath);
    patron = demo.goodPatron();
    items = demo.availableItems(patron.patronTypeId, 4);
    browser = await launchBrowser({ baseURL: server.url });
    page = browser.page;
    desk = new OfflineDeskPage(page);
    await pickOpfsAsJournalFolder(page);
    await allowJournalWriteFailures(page);
  });

  afterAll(async () => {
    demo?.close();
    await browser?.dispose();
    await server?.dispose();
  });

  it('installs as a supervisor, then opens from the service worker with the server stopped', async () => {
    await new SignInPage(page).signInAtDesk('super', DEMO_PASSWORD);
    await installOfflineClientFromMenu(page, 'super', UI_TIMEOUT_MS);
    await page.goto('/offline/');
    expect(await controlledByServiceWorker(page)).toBe(true);
    await server.stop();
    await page.reload();
    await page.getByText('Server unreachable', { exact: true }).waitFor({ timeout: UI_TIMEOUT_MS });
  });

  it('chooses the journal folder, then journals each check-out and check-in as it is recorded', async () => {
    await chooseJournalFolder(page);
    await page.getByRole('button', { name: /^Back to / }).click();
    await checkOut([items[0]!, items[1]!]);
    await desk.open('Check In');
    await desk.scan(items[0]!);

    const stored = await readOutbox<StoredTransaction>(page);
    expect(stored).toHaveLength(3);
    workstation = stored[0]!.workstation;
    const timeZone = demo.branchTimeZone(workstation);
    journalName = journalFileName({ workstation, day: localDate(Date.now(), timeZone) });
    const journal = await journalTransactions();
    expect(journal.header).toMatchObject({
      workstation,
      count: 3,
      firstSequence: 1,
      lastSequence: 3,
    });
    expect(journal.transactions.map((t) => t.id).toSorted()).toEqual(
      stored.map((t) => t.id).toSorted(),
    );
    expect(journal.transactions.map((t) => t.type)).toEqual(['check_out', 'check_out', 'check_in']);

    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    await page.getByRole('tab', { name: 'Journal', exact: true }).click();
    await page.getByText(journalName, { exact: true }).waitFor();
    await screenshot(page, 'offline-journal-settings.png');
    await page.getByRole('button', { name: /^Back to / }).click();
  });

  it('says so when the folder turns read-only, keeps recording, and catches up once it can write', async () => {
    // The folder is remembered across a reload (its handle is kept in IndexedDB).
    await page.reload();
    await page.getByText('Journal: on', { exact: true }).waitFor({ timeout: UI_TIMEOUT_MS });
    await failJournalWrites(page, true);
    await desk.open('Check In');
    await desk.scan(items[1]!);
    const alert = page.getByRole('alert').filter({ hasText: 'can no longer be written' });
    await alert.waitFor({ timeout: UI_TIMEOUT_MS });
    expect(await alert.innerText()).toContain(
      'The journal folder journal can no longer be written (the folder is read-only). Transactions are still recorded in this browser.',
    );
    await page.getByText('Journal: cannot write', { exact: true }).waitFor();
    await screenshot(page, 'offline-journal-unwritable.png');

    // The desk goes on: rows show and IndexedDB holds them, though the journal misses them.
    await checkOut([items[2]!]);
    expect(await readOutbox<StoredTransaction>(page)).toHaveLength(5);
    expect((await journalTransactions()).header.count).toBe(3);

    await failJournalWrites(page, false);
    await checkOut([items[3]!]);
    await page.getByText('Journal: on', { exact: true }).waitFor({ timeout: UI_TIMEOUT_MS });
    expect(await alert.count()).toBe(0);
    const journal = await journalTransactions();
    expect(journal.header).toMatchObject({ count: 6, firstSequence: 1, lastSequence: 6 });
    expect(journal.transactions.map((t) => t.sequence)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('in a browser without the folder picker, says the journal is not available and reminds staff to save a backup file', async () => {
    const other = await browser.context.newPage();
    try {
      await removeFolderPicker(other);
      await other.goto('/offline/');
      const reminder = other.getByText(
        '6 transactions are kept only in this browser: save a backup file before you close for the day.',
      );
      await reminder.waitFor({ timeout: UI_TIMEOUT_MS });
      expect(await other.getByText(/^Journal: /).count()).toBe(0);
      await other.getByRole('button', { name: 'Settings', exact: true }).click();
      await other.getByRole('tab', { name: 'Journal', exact: true }).click();
      await other
        .getByText(
          'This browser cannot keep a journal file (it needs Chrome or Edge). Save a backup file at the end of each day.',
        )
        .waitFor();
      expect(await other.getByRole('button', { name: 'Choose folder…' }).count()).toBe(0);
      // Saving the backup file answers the reminder.
      const download = other.waitForEvent('download');
      await other.getByRole('button', { name: 'Save a backup file now' }).click();
      await download;
      await reminder.waitFor({ state: 'detached', timeout: UI_TIMEOUT_MS });
    } finally {
      await other.close();
    }
  });

  it('uploads the journal file once the server is back: every loan once, with what was sent', async () => {
    const [file] = await readJournalFiles(page);
    const dir = mkdtempSync(join(tmpdir(), 'circa-journal-'));
    try {
      const path = join(dir, file!.name);
      writeFileSync(path, file!.text);
      await server.start();
      const staffApp = await browser.context.newPage();
      try {
        await staffApp.goto('/offline-uploads/new');
        const upload = new UploadOfflineFilePage(staffApp);
        await upload.file.waitFor({ timeout: UI_TIMEOUT_MS });
        await upload.upload(path);
        await upload.summary.waitFor({ timeout: UI_TIMEOUT_MS });
      } finally {
        await staffApp.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const loans = demo.openLoans(patron.barcode).filter((l) => items.includes(l.itemBarcode));
    // items[0] and items[1] were checked in after their check-outs; items[2] and [3] stay out.
    expect(loans.map((l) => l.itemBarcode).toSorted()).toEqual([items[2]!, items[3]!].toSorted());
    const stored = serverQueries(() => server.databasePath).one<{ stored: number; ids: number }>(
      `select count(*) as stored, count(distinct id) as ids from offline_transactions
       where workstation = ?`,
      workstation,
    );
    expect(stored).toEqual({ stored: 6, ids: 6 });
  });
});
