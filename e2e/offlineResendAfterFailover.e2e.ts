// After a database failover with asynchronous replication (issue 16, docs/failover.md): the server
// acknowledged a desk's second sending, but the standby it fails over to never received it. The
// offline client kept those transactions (no confirmation covered them), so when it next reports,
// the server's answer lists them missing, the client makes them unsent again and sends them by
// itself — whether it learns of the loss as the server comes back or from the report after a
// send; the server then holds every transaction exactly once. "Delete offline transactions"
// never counts the lost ones before the server has them back.
import Database from 'better-sqlite3';
import type { APIResponse, Page, Route } from 'playwright-core';
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
import { startServer, type CircaServer } from './support/server.ts';
import { addStaffUser } from './support/staffUsers.ts';

const STAFF = { username: 'failover-desk', password: 'the standby was behind' };
const UI_TIMEOUT_MS = 20_000;
const SEND_URL = '**/api/offline/transactions';
const REPORT_URL = '**/api/offline/client-state';

/** Offline, the client never looks patrons or items up: any well-formed barcode will do. */
const patron = (n: number) => withCheckDigit(`29${String(n).padStart(11, '0')}`);
const item = (n: number) => withCheckDigit(`39${String(n).padStart(11, '0')}`);

/** The Installation tab's words for `n` transactions it may delete. */
const deletable = (n: number) =>
  new RegExp(`${n} transactions in this browser have been confirmed by the server`);

/**
 * The server's report answer as an asynchronous standby that has not caught up makes it (on
 * PostgreSQL, standbysHaveCaughtUp is false): nothing in it confirms anything for deleting.
 */
async function answerUnreplicated(route: Route): Promise<void> {
  let response: APIResponse;
  try {
    response = await route.fetch();
  } catch {
    // The server was killed under the report: the browser sees it fail (unless it reloaded).
    await route.abort().catch(() => undefined);
    return;
  }
  const answer = (await response.json()) as Record<string, unknown>;
  // A reload may have cancelled the request meanwhile: then nobody waits for the answer.
  await route.fulfill({ response, json: { ...answer, replicated: false } }).catch(() => undefined);
}

interface HeldTransaction {
  id: string;
  sequence: number;
  sentAt: number | null;
  outboxState: string;
}

describe('the offline client after a failover lost what the server acknowledged', () => {
  let server: CircaServer;
  let browser: TestBrowser;
  let page: Page;
  let desk: OfflineDeskPage;
  let workstation = '';
  const db = serverQueries(() => server.databasePath);

  /** What the server holds of this workstation, by sequence number, with each row's id. */
  const serverHolds = () =>
    db.query<{ sequence: number; id: string }>(
      'select sequence, id from offline_transactions where workstation = ? order by sequence, id',
      workstation,
    );
  const serverSequences = () => serverHolds().map((row) => row.sequence);

  const held = async () =>
    (await readOutbox<HeldTransaction>(page)).toSorted((a, b) => a.sequence - b.sequence);

  const deleteSection = () => page.getByRole('region', { name: 'Delete offline transactions' });

  async function checkOut(patronNumber: number, items: number[]): Promise<void> {
    await desk.scanPatron('Check Out', patron(patronNumber));
    for (const n of items) await desk.scanItem('Check Out', item(n));
    await page.getByRole('button', { name: 'Complete' }).click();
  }

  /**
   * Records check-outs with the server stopped (the reload opens the desk), then lets the client
   * send them by itself.
   */
  async function recordAndSend(patronNumber: number, items: number[], expected: number[]) {
    await stopServerAndReload(page, server);
    await checkOut(patronNumber, items);
    await server.start();
    await expectText(desk.unsent, 'Unsent: 0', UI_TIMEOUT_MS);
    await expect.poll(serverSequences, { timeout: UI_TIMEOUT_MS }).toEqual(expected);
  }

  async function openInstallationTab(): Promise<void> {
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByRole('tab', { name: 'Installation' }).click();
  }

  /**
   * What an asynchronous standby never received: the upload that brought `sequences`, its
   * transactions and whatever refers to them, gone as if never committed. The unknown barcodes
   * made exceptions, not loans, so no loan refers to them.
   */
  function loseOnFailover(sequences: number[]): void {
    // The running server writes too (its minute jobs, the client's heartbeat): an immediate
    // transaction waits its turn for the write lock, where a read upgraded to a write would be
    // refused at once ("database is locked") if the server wrote in between.
    const writable = new Database(server.databasePath, { fileMustExist: true, timeout: 15_000 });
    try {
      writable
        .transaction(() => {
          const marks = sequences.map(() => '?').join(', ');
          const lost = writable
            .prepare(
              `select id, upload_id as uploadId, loan_id as loanId from offline_transactions
             where workstation = ? and sequence in (${marks})`,
            )
            .all(workstation, ...sequences) as { id: string; uploadId: number; loanId: null }[];
          expect(lost).toHaveLength(sequences.length);
          expect(lost.every((row) => row.loanId === null)).toBe(true);
          const ids = lost.map((row) => row.id);
          const idMarks = ids.map(() => '?').join(', ');
          writable
            .prepare(`delete from offline_exception_actions where transaction_id in (${idMarks})`)
            .run(...ids);
          writable.prepare(`delete from offline_transactions where id in (${idMarks})`).run(...ids);
          const uploads = [...new Set(lost.map((row) => row.uploadId))];
          writable
            .prepare(
              `delete from offline_uploads where id in (${uploads.map(() => '?').join(', ')})`,
            )
            .run(...uploads);
        })
        .immediate();
    } finally {
      writable.close();
    }
  }

  beforeAll(async () => {
    server = await startServer();
    await addStaffUser(server.databasePath, {
      ...STAFF,
      displayName: 'Fern Failover',
      role: 'circulation',
      branch: { code: 'FAIL', name: 'Failover Branch', timeZone: 'America/Chicago' },
    });
    browser = await launchBrowser({ baseURL: server.url });
    page = browser.page;
    desk = new OfflineDeskPage(page);
    workstation = await installOfflineClient(page, STAFF);
    if (!(await controlledByServiceWorker(page))) {
      throw new Error('The offline client did not come under its service worker.');
    }
  });

  afterAll(async () => {
    await browser?.dispose();
    await server?.dispose();
  });

  it('counts as deletable what a replicated answer confirmed, never what the standby lacks', async () => {
    await recordAndSend(1, [1, 2], [1, 2]);
    await openInstallationTab();
    await expectText(deleteSection(), deletable(2), UI_TIMEOUT_MS);

    // The standby falls behind: nothing sent from now on is confirmed.
    await browser.context.route(REPORT_URL, answerUnreplicated);
    await recordAndSend(2, [3, 4], [1, 2, 3, 4]);
    expect((await held()).map((t) => t.outboxState)).toEqual(['sent', 'sent', 'sent', 'sent']);
    await openInstallationTab();
    await expectText(deleteSection(), deletable(2), UI_TIMEOUT_MS);
  });

  it('sends again by itself what the failover lost, and the server holds each exactly once', async () => {
    // The primary dies; its standby, promoted, never received the second sending.
    await server.kill();
    await page.reload();
    await page.getByText('Server unreachable', { exact: true }).waitFor({ timeout: UI_TIMEOUT_MS });
    loseOnFailover([3, 4]);
    expect(serverSequences()).toEqual([1, 2]);
    await browser.context.unroute(REPORT_URL);

    // Hold the resend at the door, to look at the client while the server still lacks them.
    let letThrough: (() => void) | undefined;
    const opened = new Promise<void>((resolve) => (letThrough = resolve));
    let sendsSeen = 0;
    await browser.context.route(SEND_URL, async (route) => {
      sendsSeen += 1;
      await opened;
      await route.continue();
    });
    await server.start();

    // The client finds the server back and reports; the answer lists 3 and 4 missing.
    await expectText(desk.unsent, 'Unsent: 2', UI_TIMEOUT_MS);
    expect((await held()).map((t) => [t.sequence, t.outboxState])).toEqual([
      [1, 'sent'],
      [2, 'sent'],
      [3, 'unsent'],
      [4, 'unsent'],
    ]);
    await openInstallationTab();
    await expectText(deleteSection(), deletable(2), UI_TIMEOUT_MS);
    expect(await deleteSection().innerText()).toContain(
      'The 2 transactions waiting to be sent can never be deleted here',
    );
    // Nobody pressed "Send now": the report's reopening started the sending.
    await expect.poll(() => sendsSeen, { timeout: UI_TIMEOUT_MS }).toBeGreaterThan(0);
    expect(serverSequences()).toEqual([1, 2]);

    letThrough?.();
    await expectText(desk.unsent, 'Unsent: 0', UI_TIMEOUT_MS);
    await expect.poll(serverSequences, { timeout: UI_TIMEOUT_MS }).toEqual([1, 2, 3, 4]);
    const kept = await held();
    expect(kept.every((t) => t.outboxState === 'sent' && t.sentAt !== null)).toBe(true);
    // Each transaction the desk recorded is on the server once, under the id the desk gave it.
    expect(serverHolds()).toEqual(kept.map((t) => ({ sequence: t.sequence, id: t.id })));
    await expectText(deleteSection(), deletable(4), UI_TIMEOUT_MS);
    await browser.context.unroute(SEND_URL);
  });

  it('sends again at once what a report after a send reopens, the failover unnoticed', async () => {
    await browser.context.route(REPORT_URL, answerUnreplicated);
    // Sent by itself as the server came back: no automatic sending again until it goes away.
    await recordAndSend(3, [5, 6], [1, 2, 3, 4, 5, 6]);
    await browser.context.unroute(REPORT_URL);
    // The proxy switches to the promoted standby between two heartbeats: the client sees nothing.
    loseOnFailover([5, 6]);

    await checkOut(4, [7]);
    await expectText(desk.unsent, /^Unsent: [01]$/);
    // Staff send 7. Under load a heartbeat may time out and the client find the server "back" and
    // send it by itself: then no press is needed, and a report still brings the news of 5 and 6.
    if ((await desk.unsent.innerText()) === 'Unsent: 1') {
      const close = page.getByRole('button', { name: 'Close' });
      if ((await close.count()) > 0) await close.click();
      await page.getByRole('button', { name: 'Send now' }).click();
    }
    // 7 goes; the report after it lists 5 and 6 missing, and they go too without another press.
    await expect.poll(serverSequences, { timeout: UI_TIMEOUT_MS }).toEqual([1, 2, 3, 4, 5, 6, 7]);
    await expectText(desk.unsent, 'Unsent: 0', UI_TIMEOUT_MS);
    const kept = await held();
    expect(serverHolds()).toEqual(kept.map((t) => ({ sequence: t.sequence, id: t.id })));
    await openInstallationTab();
    await expectText(deleteSection(), deletable(7), UI_TIMEOUT_MS);
  });
});
