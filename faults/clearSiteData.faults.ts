// The browser's site data cleared mid-outage, over and over: each trial a desk (installed silently
// at sign-in, keeping a journal) sends a random number of loans, lends a random burst with the
// server stopped (sometimes with the journal folder read-only for part of it), and loses its site
// data at a random point: still in the outage, or once the server is back and has heard how far
// the desk counted but before anything was sent. Signed in again, the desk chooses its journal
// folder again and lends once more: that loan is numbered after every number used before the wipe.
// A supervisor on another computer then uploads the desk's journal files: every transaction
// recorded arrives exactly once, none twice, none lost, and no number is used twice.
//
// OPFS stands in for the picked journal folder, and the wipe clears every storage type except
// file_systems (OPFS): a real picked folder is outside the browser's storage altogether.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OfflineDeskPage, waitUntil } from '../e2e/pages/OfflineDeskPage.ts';
import { UploadOfflineFilePage } from '../e2e/pages/OfflineReportsPages.ts';
import { SignInPage } from '../e2e/pages/SignInPage.ts';
import { waitForOfflineClient } from '../e2e/pages/UserMenu.ts';
import { launchBrowser, type TestBrowser } from '../e2e/support/browser.ts';
import { serverQueries } from '../e2e/support/demoData.ts';
import { expectText } from '../e2e/support/expectText.ts';
import {
  allowJournalWriteFailures,
  chooseJournalFolder,
  failJournalWrites,
  pickOpfsAsJournalFolder,
  readJournalFiles,
  type JournalFileText,
} from '../e2e/support/journalFolder.ts';
import { controlledByServiceWorker } from '../e2e/support/offlineInstall.ts';
import { readOutbox } from '../e2e/support/offlineOutbox.ts';
import { startServer, type CircaServer } from '../e2e/support/server.ts';
import type { SequenceReport } from '../src/shared/api/offline.ts';
import { withCheckDigit } from '../src/shared/barcodes/barcodes.ts';
import { isJournalFileOf } from '../src/shared/offline/journalFile.ts';
import { readOfflineFile } from '../src/shared/offlineFile/index.ts';
import { countFromEnv, createRng, faultSeed, type Rng } from './support/rng.ts';

const TRIALS = countFromEnv('CIRCA_FAULT_WIPE_TRIALS', 4);
const DEMO_PASSWORD = 'circa-demo';
const UI_TIMEOUT_MS = 20_000;
/** The silent install at sign-in waits for an idle moment, then downloads the client. */
const INSTALL_TIMEOUT_MS = 60_000;
/** Every storage type Chromium clears for a site except file_systems, where OPFS lives. */
const SITE_DATA_EXCEPT_OPFS = 'cookies,indexeddb,local_storage,service_workers,cache_storage';

/** Offline, the client never looks patrons or items up: any well-formed barcode will do. */
const patron = (n: number) => withCheckDigit(`29${String(n).padStart(11, '0')}`);
const item = (n: number) => withCheckDigit(`39${String(n).padStart(11, '0')}`);

type WipePoint = 'in the outage' | 'after the server heard';

interface StoredTransaction {
  id: string;
  sequence: number;
  sentAt: number | null;
}

interface Figures {
  trials: number;
  wipes: number;
  /** Wipes while the server was still down (it never heard how far the desk counted). */
  wipesInOutage: number;
  recorded: number;
  /** Loans made at the wiped desk afterwards, numbered after every number used before. */
  numberedAfter: number;
  journalWriteFailures: number;
  inJournal: number;
  uploaded: number;
  arrived: number;
  lost: number;
  duplicated: number;
}

async function signInAtCheckOut(page: Page, username: string, workstation: string) {
  const signIn = new SignInPage(page);
  await signIn.goto('/checkout');
  await signIn.signIn(username, DEMO_PASSWORD);
  await signIn.answerWorkstation(workstation);
  await page.getByLabel('Patron barcode', { exact: true }).waitFor({ timeout: UI_TIMEOUT_MS });
}

/** One patron, then the items, then Complete; each row shows once the loan is stored. */
async function checkOut(desk: OfflineDeskPage, patronNumber: number, items: string[]) {
  await desk.open('Check Out');
  await desk.scanPatron('Check Out', patron(patronNumber));
  for (const barcode of items) await desk.scanItem('Check Out', barcode);
  await desk.page.getByRole('button', { name: 'Complete' }).click();
}

/** The transaction ids of a journal file, checked to be one valid circa-offline file. */
function journalTransactionIds(file: JournalFileText): string[] {
  const read = readOfflineFile(file.text);
  if (!read.ok) throw new Error(`${file.name} does not read: ${JSON.stringify(read.errors)}`);
  return read.transactions.map((t) => t.id);
}

async function clearSiteData(browser: TestBrowser, origin: string) {
  await browser.page.goto('about:blank');
  const cdp = await browser.context.newCDPSession(browser.page);
  await cdp.send('Storage.clearDataForOrigin', { origin, storageTypes: SITE_DATA_EXCEPT_OPFS });
  await cdp.detach();
}

describe('site data cleared mid-outage, with a journal file', () => {
  const seed = faultSeed();
  const rng: Rng = createRng(seed);
  let server: CircaServer;
  let desk: TestBrowser;
  let office: TestBrowser;
  const db = serverQueries(() => server.databasePath);

  const receivedFrom = (workstation: string) =>
    db
      .query<{ sequence: number }>(
        'select sequence from offline_transactions where workstation = ? order by sequence',
        workstation,
      )
      .map((row) => row.sequence);
  const highestReported = (workstation: string) =>
    db.query<{ highest: number }>(
      `select r.highest_sequence_reported as highest from offline_client_reports r
       join workstations w on w.id = r.workstation_id where w.name = ?`,
      workstation,
    )[0]?.highest ?? 0;

  beforeAll(async () => {
    console.log(`[faults] clear-site-data trials: seed ${seed} (CIRCA_FAULT_SEED=${seed})`);
    server = await startServer();
    desk = await launchBrowser({ baseURL: server.url });
    await pickOpfsAsJournalFolder(desk.page);
    await allowJournalWriteFailures(desk.page);
    // The supervisor's computer: another browser, another profile.
    office = await launchBrowser({ baseURL: server.url });
    await signInAtCheckOut(office.page, 'super', 'FAULT-OFFICE');
  }, 180_000);

  afterAll(async () => {
    await office?.dispose();
    await desk?.dispose();
    await server?.dispose();
  });

  it(`brings every transaction back exactly once, over ${TRIALS} wipes`, async () => {
    const figures: Figures = {
      trials: 0,
      wipes: 0,
      wipesInOutage: 0,
      recorded: 0,
      numberedAfter: 0,
      journalWriteFailures: 0,
      inJournal: 0,
      uploaded: 0,
      arrived: 0,
      lost: 0,
      duplicated: 0,
    };
    const origin = new URL(server.url).origin;
    let nextItem = 1;
    const newItems = (count: number) => Array.from({ length: count }, () => item((nextItem += 1)));

    for (let trial = 1; trial <= TRIALS; trial += 1) {
      const page = desk.page;
      const offlineDesk = new OfflineDeskPage(page);
      const workstation = `WIPED-${trial}`;
      const wipePoint: WipePoint = rng.chance(0.5) ? 'in the outage' : 'after the server heard';
      const sentBefore = rng.int(0, 4);
      const burst = rng.int(3, 10);
      const failJournal = rng.chance(0.5);

      // Signed in at Check Out: the offline client installs silently; the desk keeps a journal.
      await signInAtCheckOut(page, 'desk', workstation);
      await waitForOfflineClient(page, UI_TIMEOUT_MS);
      await page.goto('/offline/');
      expect(await controlledByServiceWorker(page)).toBe(true);
      await chooseJournalFolder(page);
      await page.getByRole('button', { name: /^Back to / }).click();

      if (sentBefore > 0) {
        await checkOut(offlineDesk, trial * 100, newItems(sentBefore));
        // Opened afresh with the server up, the client sends what waits by itself.
        await page.reload();
        await waitUntil(
          async () => receivedFrom(workstation).length === sentBefore,
          'the loans sent before the outage',
        );
        // And the client has the server's answer: nothing sent is still counted unsent.
        await waitUntil(
          async () => (await offlineDesk.unsent.innerText()) === 'Unsent: 0',
          'the answer to the sending',
        );
      }

      // The outage: a burst of loans, a check-in among them now and then, and maybe the journal
      // folder read-only for a stretch in the middle (never at the end: the last write catches up).
      // Killed rather than stopped: the supervisor's open staff app would hold a gentle stop up.
      await server.kill();
      await page.reload();
      await page
        .getByText('Server unreachable', { exact: true })
        .waitFor({ timeout: UI_TIMEOUT_MS });
      const failFrom = failJournal ? rng.int(0, burst - 2) : -1;
      const failUntil = failJournal ? rng.int(failFrom + 1, burst - 1) : -1;
      /** Lent in this burst and not yet back: what a check-in may return. */
      const lentInBurst: string[] = [];
      for (let scan = 0; scan < burst; scan += 1) {
        if (scan === failFrom) {
          await failJournalWrites(page, true);
          figures.journalWriteFailures += 1;
        }
        if (scan === failUntil) await failJournalWrites(page, false);
        const returned = lentInBurst.length > 0 && rng.chance(0.2) ? lentInBurst.pop() : undefined;
        if (returned) {
          await offlineDesk.open('Check In');
          await offlineDesk.scan(returned);
        } else {
          const lent = newItems(1);
          await checkOut(offlineDesk, trial * 100 + scan + 1, lent);
          lentInBurst.push(...lent);
        }
      }
      await page.getByText('Journal: on', { exact: true }).waitFor({ timeout: UI_TIMEOUT_MS });
      const recorded = await readOutbox<StoredTransaction>(page);
      expect(recorded).toHaveLength(sentBefore + burst);
      const unsent = recorded.filter((t) => t.sentAt === null);
      expect(unsent).toHaveLength(burst);

      if (wipePoint === 'after the server heard') {
        // The desk goes back to the staff app: its page load reports before anyone sends.
        await page.goto('about:blank');
        await server.start();
        await page.goto('/checkout');
        await waitUntil(
          async () => highestReported(workstation) === sentBefore + burst,
          'the report of how far the desk counted',
        );
        await clearSiteData(desk, origin);
      } else {
        await clearSiteData(desk, origin);
        await server.start();
      }
      figures.wipes += 1;
      if (wipePoint === 'in the outage') figures.wipesInOutage += 1;
      expect(receivedFrom(workstation)).toHaveLength(sentBefore);

      // Signed in again: the staff app names what the server knows was lost; the journal holds it.
      await signInAtCheckOut(page, 'desk', workstation);
      const lostAlert = page.locator('.lost-transactions-alert');
      if (wipePoint === 'after the server heard') {
        // Said once the silent install and the report after it are done: slower on a busy machine.
        await expectText(
          lostAlert,
          new RegExp(`^${burst} offline transactions recorded`),
          INSTALL_TIMEOUT_MS,
        );
      }

      // Back at the desk: reinstalled silently, the same journal folder chosen again, and the next
      // loan numbered after every number used before the wipe, whether the server heard of them.
      await waitForOfflineClient(page, INSTALL_TIMEOUT_MS);
      await page.goto('/offline/');
      expect(await controlledByServiceWorker(page)).toBe(true);
      await chooseJournalFolder(page);
      await page.getByRole('button', { name: /^Back to / }).click();
      await checkOut(offlineDesk, trial * 100 + 99, newItems(1));
      const [afterWipe] = await readOutbox<StoredTransaction>(page);
      expect(afterWipe?.sequence).toBe(sentBefore + burst + 1);
      await page.reload();
      await waitUntil(
        async () => receivedFrom(workstation).includes(sentBefore + burst + 1),
        'the loan made after the wipe',
      );
      figures.numberedAfter += 1;
      recorded.push(afterWipe!);

      const journal = (await readJournalFiles(page)).filter((file) =>
        isJournalFileOf(file.name, workstation),
      );
      const journalIds = journal.flatMap(journalTransactionIds);
      figures.inJournal += journalIds.length;
      expect(journalIds.toSorted()).toEqual(recorded.map((t) => t.id).toSorted());

      // A supervisor uploads the journal files from another computer.
      const upload = new UploadOfflineFilePage(office.page);
      for (const file of journal) {
        await upload.uploadText(file, UI_TIMEOUT_MS);
        await upload.summary.waitFor({ timeout: UI_TIMEOUT_MS });
        figures.uploaded += journalTransactionIds(file).length;
      }

      const gaps = await office.page.evaluate(async () => {
        const answer = await fetch('/api/offline/gaps');
        return (await answer.json()) as SequenceReport;
      });
      expect(gaps.sequenceConflicts.filter((c) => c.workstation === workstation)).toEqual([]);

      const arrived = db.query<{ id: string; copies: number }>(
        'select id, count(*) as copies from offline_transactions where workstation = ? group by id',
        workstation,
      );
      const arrivedIds = new Set(arrived.map((row) => row.id.toLowerCase()));
      const lost = recorded.filter((t) => !arrivedIds.has(t.id.toLowerCase()));
      const duplicated = arrived.filter((row) => row.copies > 1);
      figures.trials += 1;
      figures.recorded += recorded.length;
      figures.arrived += arrived.length;
      figures.lost += lost.length;
      figures.duplicated += duplicated.length;
      expect(lost, `trial ${trial} (${wipePoint}): recorded, never arrived`).toEqual([]);
      expect(duplicated, `trial ${trial} (${wipePoint}): arrived twice`).toEqual([]);
      expect(arrived).toHaveLength(recorded.length);

      // Ready for the next trial: the desk signs out by losing its site data once more.
      await clearSiteData(desk, origin);
    }

    console.log(
      `[faults] site data cleared mid-outage: trials ${figures.trials}, wipes ${figures.wipes} ` +
        `(${figures.wipesInOutage} before the server heard of the outage's loans), ` +
        `transactions recorded ${figures.recorded}, journal write failures ${figures.journalWriteFailures}, ` +
        `loans numbered after the wipe ${figures.numberedAfter}, in journal ${figures.inJournal}, uploaded ${figures.uploaded}, arrived ${figures.arrived}, ` +
        `lost ${figures.lost}, duplicated ${figures.duplicated}, seed ${seed}`,
    );
    expect(figures.wipes).toBe(TRIALS);
  });
});
