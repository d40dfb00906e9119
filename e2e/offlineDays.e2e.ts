// The offline client over days, and what must never disturb its loans: the staff app refreshing
// the snapshot silently, a new client version waiting until the patron is complete, a client left
// open across midnight and reopened days later (due dates follow the current day and the
// snapshot's closed days, and it says so when the snapshot no longer covers the due date), and
// the browser's cached files and service worker cleared while loans are unsent.
import { appendFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withCheckDigit } from '../src/shared/barcodes/barcodes.ts';
import { formatDateTime, formatDay } from '../src/shared/calendar/formatDates.ts';
import { SignInPage } from './pages/SignInPage.ts';
import { launchBrowser, type TestBrowser } from './support/browser.ts';
import { E2E_DIST_DIR, startServer, type CircaServer } from './support/server.ts';
import { addStaffUser } from './support/staffUsers.ts';
import { installOfflineClientFromMenu } from './pages/UserMenu.ts';

const TIME_ZONE = 'America/Chicago';
const STAFF = {
  username: 'days-desk',
  password: 'lend for days on end',
  displayName: 'Dana Days',
  role: 'circulation',
  // Closed on Sundays (weekday 0).
  branch: { code: 'DAYS', name: 'Long Outage Branch', timeZone: TIME_ZONE },
} as const;
const UI_TIMEOUT_MS = 15_000;
const DAY_MS = 86_400_000;

const patron = (n: number) => withCheckDigit(`29${String(n).padStart(11, '0')}`);
const item = (n: number) => withCheckDigit(`39${String(n).padStart(11, '0')}`);

/** 'YYYY-MM-DD' arithmetic on calendar dates. */
const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
const weekday = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();
const branchDate = (epochMs: number) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE }).format(epochMs);

/** Epoch ms of a wall-clock time at the branch. */
function atBranch(date: string, time: string): number {
  const asUtc = Date.parse(`${date}T${time}Z`);
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone: TIME_ZONE,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
      .formatToParts(asUtc)
      .map((part) => [part.type, part.value]),
  );
  const shown = Date.parse(
    `${parts['year']}-${parts['month']}-${parts['day']}T${parts['hour']}:${parts['minute']}:${parts['second']}Z`,
  );
  return asUtc - (shown - asUtc);
}

/** The due date as the Check Out screen shows it. */
const shownDue = (date: string) => formatDay(date);

interface Stored {
  snapshot: { knownThrough: string; closedDates: string[]; defaultLoanDays: number };
  installation: { installedAt: number; snapshotRefreshedAt: number };
  transactions: {
    id: string;
    itemBarcode: string;
    dueAt: number;
    dueDateBasis: { kind: string };
    sentAt: number | null;
  }[];
}

/** The offline client's IndexedDB as the page sees it. */
function readStored(page: Page): Promise<Stored> {
  return page.evaluate(
    () =>
      new Promise<Stored>((resolve, reject) => {
        const open = indexedDB.open('circa-offline');
        open.addEventListener('error', () => reject(open.error));
        open.addEventListener('success', () => {
          const tx = open.result.transaction(['keyval', 'transactions'], 'readonly');
          const snapshot = tx.objectStore('keyval').get('snapshot');
          const installation = tx.objectStore('keyval').get('installation');
          const transactions = tx.objectStore('transactions').getAll();
          tx.addEventListener('complete', () => {
            open.result.close();
            resolve({
              snapshot: snapshot.result,
              installation: installation.result,
              transactions: transactions.result,
            } as Stored);
          });
          tx.addEventListener('error', () => reject(tx.error));
        });
      }),
  );
}

function addClosedDay(databasePath: string, date: string): void {
  const db = new Database(databasePath, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    db.prepare(
      `insert into closed_days (branch_id, date, reason)
       select id, ?, 'Holiday' from branches where code = ?`,
    ).run(date, STAFF.branch.code);
  } finally {
    db.close();
  }
}

/**
 * Moves the workstation's clock: every page's Date.now() runs ahead by the shift kept in
 * localStorage (so it survives reloads), and time goes on flowing. Playwright's own clock cannot
 * be used: its fake Date breaks subclasses of Date, such as the TZDate that due dates rely on.
 */
const SHIFTABLE_CLOCK = `(() => {
  const realNow = Date.now.bind(Date);
  Date.now = () => realNow() + (Number(localStorage.getItem('circa-test-clock-shift')) || 0);
})()`;

function setWorkstationClock(page: Page, at: number): Promise<void> {
  return page.evaluate((target) => {
    const realNow = performance.timeOrigin + performance.now();
    localStorage.setItem('circa-test-clock-shift', String(Math.round(target - realNow)));
  }, at);
}

describe('the offline client over several days', () => {
  let distDir: string;
  let server: CircaServer;
  let browser: TestBrowser;
  let page: Page;
  /** Dates of the outage: a Monday at least a week ahead, and three days later. */
  let firstDay: string;
  let laterDay: string;
  /** A holiday the snapshot learns only from the silent refresh. */
  let holiday: string;

  const patronField = () => page.getByLabel('Patron barcode', { exact: true });
  const itemField = () => page.getByLabel('Item barcode', { exact: true });
  const loanRows = () =>
    page.locator('section[aria-labelledby="checkout-heading"] tbody tr:not(:has(td.empty))');

  async function openClient(): Promise<void> {
    await page.goto('/offline/');
    await patronField().waitFor({ timeout: UI_TIMEOUT_MS });
  }

  /** Scans and returns the new row: No., item barcode, due date, decided by, record no. */
  async function scan(patronBarcode: string | null, itemBarcode: string): Promise<string[]> {
    if (patronBarcode !== null) {
      await patronField().fill(patronBarcode);
      await patronField().press('Enter');
      await page.waitForFunction(
        () => !(document.getElementById('item-barcode') as HTMLInputElement).disabled,
        undefined,
        { timeout: UI_TIMEOUT_MS },
      );
    }
    const before = await loanRows().count();
    await itemField().fill(itemBarcode);
    await itemField().press('Enter');
    await expect
      .poll(() => loanRows().count(), {
        timeout: UI_TIMEOUT_MS,
        message: `a row for ${itemBarcode}; the screen says: ${await page.locator('main').innerText()}`,
      })
      .toBe(before + 1);
    return loanRows()
      .last()
      .evaluate((row) => [...row.querySelectorAll('td')].map((cell) => cell.textContent ?? ''));
  }

  async function complete(): Promise<void> {
    await page.getByRole('button', { name: 'Complete' }).click();
    await expect.poll(() => loanRows().count()).toBe(0);
  }

  beforeAll(async () => {
    // A copy of the build, so one test can publish a newer offline client.
    distDir = mkdtempSync(join(tmpdir(), 'circa-e2e-dist-'));
    cpSync(E2E_DIST_DIR, distDir, { recursive: true });
    server = await startServer({ distDir });
    await addStaffUser(server.databasePath, { ...STAFF });
    const today = branchDate(Date.now());
    firstDay = addDays(today, 7);
    while (weekday(firstDay) !== 1) firstDay = addDays(firstDay, 1);
    laterDay = addDays(firstDay, 3);
    browser = await launchBrowser({ baseURL: server.url });
    page = browser.page;
  });

  afterAll(async () => {
    await browser?.dispose();
    await server?.dispose();
    if (distDir) rmSync(distDir, { recursive: true, force: true });
  });

  it('re-opening the staff app refreshes the snapshot silently; Installation shows when', async () => {
    const signIn = new SignInPage(page);
    await signIn.goto('/checkout');
    await signIn.signIn(STAFF.username, STAFF.password);
    await signIn.answerWorkstation();
    await installOfflineClientFromMenu(page, STAFF.username, UI_TIMEOUT_MS);
    const installed = await readStored(page);
    // The branch closes for a day after the install; the snapshot does not know it yet.
    holiday = addDays(laterDay, installed.snapshot.defaultLoanDays);
    addClosedDay(server.databasePath, holiday);
    expect(installed.snapshot.closedDates).not.toContain(holiday);

    await page.waitForTimeout(1_100);
    await page.goto('/checkout');
    await page.getByRole('button', { name: STAFF.username }).waitFor({ timeout: UI_TIMEOUT_MS });
    await expect
      .poll(async () => (await readStored(page)).snapshot.closedDates, { timeout: UI_TIMEOUT_MS })
      .toContain(holiday);
    const refreshed = await readStored(page);
    expect(refreshed.installation.snapshotRefreshedAt).toBeGreaterThan(
      installed.installation.snapshotRefreshedAt,
    );
    expect(refreshed.installation.installedAt).toBe(installed.installation.installedAt);
    // Silently: no notice, no alert, no "!".
    expect(await page.getByText(/offline client is installed/).count()).toBe(0);
    expect(await page.getByRole('alert').count()).toBe(0);

    await openClient();
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByRole('tab', { name: 'Installation' }).click();
    // In the branch's time zone, like every other time the apps show, not this computer's.
    const expected = formatDateTime(refreshed.installation.snapshotRefreshedAt, TIME_ZONE);
    await expect
      .poll(() => page.getByRole('tabpanel').innerText())
      .toMatch(
        new RegExp(`Offline data downloaded\\s+${expected.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`),
      );
    await page.getByRole('button', { name: 'Back to Check Out' }).click();
  });

  it('offers a new version mid-checkout but never reloads until the patron is complete', async () => {
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    if (!(await page.evaluate(() => navigator.serviceWorker.controller !== null))) {
      await openClient();
    }
    await page.evaluate(() => {
      (window as unknown as { sameDocument: boolean }).sameDocument = true;
    });
    await scan(patron(1), item(1));
    // A newer build of the offline client is published while the patron is at the desk.
    appendFileSync(join(distDir, 'offline', 'sw.js'), '\n// a newer build\n');
    await page.evaluate(async () => {
      await (await navigator.serviceWorker.getRegistration('/offline/'))?.update();
    });
    const ready = page.getByText('A new version of the offline client is ready.');
    await ready.waitFor({ timeout: UI_TIMEOUT_MS });
    const useNew = page.getByRole('button', { name: 'Use the new version' });
    expect(await useNew.isDisabled()).toBe(true);
    await page.getByText('Complete the current patron first.').waitFor();
    await page.waitForTimeout(1_000);
    expect(await page.evaluate(() => 'sameDocument' in window)).toBe(true);
    expect(await loanRows().count()).toBe(1);

    await complete();
    await expect.poll(() => useNew.isEnabled()).toBe(true);
    await useNew.click();
    await expect
      .poll(() => page.evaluate(() => 'sameDocument' in window).catch(() => true), {
        timeout: UI_TIMEOUT_MS,
      })
      .toBe(false);
    await patronField().waitFor({ timeout: UI_TIMEOUT_MS });
    expect(await ready.count()).toBe(0);
    expect((await readStored(page)).transactions.map((t) => t.itemBarcode)).toEqual([item(1)]);
  });

  it('left open across midnight and reopened days later, lends from the current day', async () => {
    await server.stop();
    const { snapshot } = await readStored(page);
    const loanDays = snapshot.defaultLoanDays;
    const rule = `Loan period (${loanDays} days)`;
    // Two minutes to midnight on the first day of the outage.
    await browser.context.addInitScript(SHIFTABLE_CLOCK);
    await setWorkstationClock(page, atBranch(firstDay, '23:58:00'));
    await openClient();
    const beforeMidnight = await scan(patron(2), item(2));
    expect(beforeMidnight.slice(2, 4)).toEqual([shownDue(addDays(firstDay, loanDays)), rule]);

    // The client stays open; the clock passes midnight.
    await setWorkstationClock(page, atBranch(addDays(firstDay, 1), '00:01:00'));
    const afterMidnight = await scan(null, item(3));
    expect(afterMidnight.slice(2, 4)).toEqual([shownDue(addDays(firstDay, loanDays + 1)), rule]);
    await complete();

    // Closed for the night, reopened three days later: the loans are still there, and the
    // holiday the refreshed snapshot brought moves the due date to the next open day.
    await setWorkstationClock(page, atBranch(laterDay, '09:30:00'));
    await openClient();
    const unsent = (await readStored(page)).transactions.filter((t) => t.sentAt === null);
    expect(unsent.map((t) => t.itemBarcode)).toEqual(expect.arrayContaining([item(2), item(3)]));
    expect(await page.getByLabel(`${unsent.length} unsent transactions`).innerText()).toBe(
      `Unsent: ${unsent.length}`,
    );
    const daysLater = await scan(patron(3), item(4));
    expect(daysLater.slice(2, 4)).toEqual([shownDue(addDays(holiday, 1)), rule]);
    await page
      // The one date format: the day named, as everywhere else.
      .getByText(
        `The branch is closed on ${formatDay(holiday)}, so the loan is due on the next open day`,
      )
      .waitFor();
    await complete();

    // So late that the snapshot's closed days end before the due date: the client says so and
    // still lends for the default loan period (skipping closed weekdays it does know).
    let lateDay = addDays(snapshot.knownThrough, -10);
    if (weekday(addDays(lateDay, loanDays)) === 0) lateDay = addDays(lateDay, -1);
    await setWorkstationClock(page, atBranch(lateDay, '12:00:00'));
    await openClient();
    const uncovered = await scan(patron(4), item(5));
    expect(uncovered.slice(2, 4)).toEqual([shownDue(addDays(lateDay, loanDays)), rule]);
    await page
      .getByText(
        `This client knows the branch's closed days only through ${formatDay(snapshot.knownThrough)}`,
      )
      .waitFor();
    await complete();

    const stored = await readStored(page);
    const dueByItem = Object.fromEntries(
      stored.transactions.map((t) => [t.itemBarcode, branchDate(t.dueAt)]),
    );
    expect(dueByItem).toEqual({
      [item(1)]: expect.any(String),
      [item(2)]: addDays(firstDay, loanDays),
      [item(3)]: addDays(firstDay, loanDays + 1),
      [item(4)]: addDays(holiday, 1),
      [item(5)]: addDays(lateDay, loanDays),
    });
  });

  it("clearing the browser's cached files and service worker leaves every loan in place", async () => {
    const before = (await readStored(page)).transactions;
    expect(before).toHaveLength(5);
    const left = await page.evaluate(async () => {
      for (const key of await caches.keys()) await caches.delete(key);
      for (const registration of await navigator.serviceWorker.getRegistrations()) {
        await registration.unregister();
      }
      return {
        caches: (await caches.keys()).length,
        workers: (await navigator.serviceWorker.getRegistrations()).length,
      };
    });
    expect(left).toEqual({ caches: 0, workers: 0 });
    expect((await readStored(page)).transactions).toEqual(before);

    // With the server back the client loads again and finds every loan still there (waiting to
    // be sent, or sent since and kept until staff delete sent transactions).
    await server.start();
    await openClient();
    const after = (await readStored(page)).transactions;
    expect(after.map((t) => t.id).toSorted()).toEqual(before.map((t) => t.id).toSorted());
  });
});
