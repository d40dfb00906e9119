// The browser SIGKILLed in the middle of a fast burst of scans at the offline client's Check Out
// screen: every loan the screen showed as recorded before the kill must still be in the outbox
// (IndexedDB) when Chromium is relaunched on the same profile, with unique sequence numbers.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { SignInPage } from '../e2e/pages/SignInPage.ts';
import {
  killBrowserHard,
  launchBrowser,
  processAlive,
  relaunchBrowser,
  type TestBrowser,
} from '../e2e/support/browser.ts';
import { startServer, type CircaServer } from '../e2e/support/server.ts';
import { addStaffUser } from '../e2e/support/staffUsers.ts';
import { DEMO_BARCODE_RULES, withCheckDigit } from '../src/shared/barcodes/barcodes.ts';
import { countFromEnv, createRng, faultSeed } from './support/rng.ts';
import { readOutbox } from '../e2e/support/offlineOutbox.ts';
import { installOfflineClientFromMenu } from '../e2e/pages/UserMenu.ts';

const TRIALS = countFromEnv('CIRCA_FAULT_BROWSER_TRIALS', 5);
/** Scans per burst; the kill lands somewhere inside it. */
const BURST = 40;
const UI_TIMEOUT_MS = 15_000;
const STAFF = {
  username: 'burst-desk',
  password: 'scan fast, crash hard',
  displayName: 'Sam Burst',
  role: 'circulation',
  branch: { code: 'BRST', name: 'Burst Branch', timeZone: 'UTC' },
} as const;

const patron = (n: number) => withCheckDigit(`29${String(n).padStart(11, '0')}`);
const item = (n: number) => withCheckDigit(`39${String(n).padStart(11, '0')}`);

interface OutboxRow {
  id: string;
  sequence: number;
  itemBarcode: string;
}

/**
 * Runs in the page: types each barcode into "Item barcode" and submits it, a macrotask apart, as a
 * keyboard-wedge scanner does. After `readAfter` scans it answers with the item barcodes the list
 * shows (a row appears only once its loan is stored) and keeps scanning until the browser dies.
 */
function scanBurst(props: {
  barcodes: string[];
  readAfter: number;
}): Promise<{ shown: string[]; entered: number }> {
  const input = document.getElementById('item-barcode') as HTMLInputElement;
  const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
  return new Promise((resolve) => {
    void (async () => {
      for (const [index, barcode] of props.barcodes.entries()) {
        setValue.call(input, barcode);
        input.dispatchEvent(new Event('input', { bubbles: true }));
        // Helpers stay inline: this function is serialised into the page on its own.
        await new Promise((next) => setTimeout(next, 0));
        input.form!.requestSubmit();
        if (index === props.readAfter) {
          const rows = document.querySelectorAll(
            'section[aria-labelledby="checkout-heading"] tbody tr:not(:has(td.empty))',
          );
          const shown = [...rows].map((row) => row.querySelectorAll('td')[1]?.textContent ?? '');
          resolve({ shown, entered: index + 1 });
        }
        await new Promise((next) => setTimeout(next, 0));
      }
    })();
  });
}

/**
 * Opens the offline client after a relaunch, as a librarian would: a browser killed hard now and
 * then comes back with its first navigation failing while it recovers its own files (the page
 * never shows); a reload then opens the client. What this trial checks is the outbox, which
 * the reload does not touch. Returns how many reloads it took (at most two are tried).
 */
async function openOfflineClient(page: Page): Promise<number> {
  const patronField = page.getByLabel('Patron barcode', { exact: true });
  for (let reloads = 0; ; reloads += 1) {
    await page.goto('/offline/').catch(() => undefined);
    try {
      await patronField.waitFor({ timeout: UI_TIMEOUT_MS });
      return reloads;
    } catch (error) {
      if (reloads >= 2) throw error;
    }
  }
}

describe('browser SIGKILLed during a burst of scans', () => {
  const seed = faultSeed();
  const rng = createRng(seed);
  let server: CircaServer;
  let browser: TestBrowser;

  beforeAll(async () => {
    console.log(`[faults] browser trials: seed ${seed} (CIRCA_FAULT_SEED=${seed})`);
    server = await startServer();
    await addStaffUser(server.databasePath, STAFF);
    const db = new Database(server.databasePath, { fileMustExist: true });
    try {
      db.pragma('busy_timeout = 5000');
      db.prepare('update library_settings set barcode_rules = ?').run(
        JSON.stringify(DEMO_BARCODE_RULES),
      );
    } finally {
      db.close();
    }
    browser = await launchBrowser({ baseURL: server.url });
    const page = browser.page;
    const signIn = new SignInPage(page);
    await signIn.goto('/checkout');
    await signIn.signIn(STAFF.username, STAFF.password);
    await signIn.answerWorkstation();
    await installOfflineClientFromMenu(page, STAFF.username, UI_TIMEOUT_MS);
    await page.goto('/offline/');
    await page.waitForFunction(async () => {
      await navigator.serviceWorker.ready;
      return true;
    });
    // Offline for real: from here on the client runs from its service worker's cache.
    await server.stop();
  }, 180_000);

  afterAll(async () => {
    await browser?.dispose();
    await server?.dispose();
  });

  it(`keeps every loan the screen showed, over ${TRIALS} kills mid-burst`, async () => {
    let shownTotal = 0;
    let pendingAtKill = 0;
    let reloadsAfterKill = 0;
    for (let trial = 1; trial <= TRIALS; trial += 1) {
      const page = browser.page;
      await page.goto('/offline/');
      const patronField = page.getByLabel('Patron barcode', { exact: true });
      const itemField = page.getByLabel('Item barcode', { exact: true });
      await patronField.waitFor({ timeout: UI_TIMEOUT_MS });
      const before = await readOutbox<OutboxRow>(page);
      await patronField.fill(patron(trial));
      await patronField.press('Enter');
      await expect.poll(() => itemField.isEnabled(), { timeout: UI_TIMEOUT_MS }).toBe(true);

      // A barcode scanner types a whole barcode and Enter in a few milliseconds, far faster than a
      // loan is written durably: the burst runs inside the page, and the rows shown are read at a
      // random scan while later scans are still being typed and recorded. Then the kill.
      const killAfter = rng.int(5, BURST - 1);
      const barcodes = Array.from({ length: BURST }, (_, i) => item(trial * 1000 + i));
      const { shown, entered } = await page.evaluate(scanBurst, { barcodes, readAfter: killAfter });
      const pid = killBrowserHard(browser.profileDir);
      await expect.poll(() => processAlive(pid), { timeout: UI_TIMEOUT_MS }).toBe(false);
      await browser.close().catch(() => undefined);
      pendingAtKill += entered - shown.length;
      shownTotal += shown.length;

      browser = await relaunchBrowser(browser, server.url);
      reloadsAfterKill += await openOfflineClient(browser.page);
      const after = await readOutbox<OutboxRow>(browser.page);
      const stored = new Set(after.map((t) => t.itemBarcode));
      const missing = shown.filter((barcode) => !stored.has(barcode));
      expect(missing, `trial ${trial}: shown before the kill, gone after`).toEqual([]);
      // Nothing recorded earlier vanished either, and numbers stay unique.
      expect(after.length).toBeGreaterThanOrEqual(before.length + shown.length);
      expect(new Set(after.map((t) => t.id)).size).toBe(after.length);
      expect(new Set(after.map((t) => t.sequence)).size).toBe(after.length);
    }
    console.log(
      `[faults] browser killed mid-burst: trials ${TRIALS}, loans shown before the kills ${shownTotal}, ` +
        `lost 0, scans still being recorded at the kills ${pendingAtKill}, ` +
        `relaunches that needed a reload ${reloadsAfterKill}, seed ${seed}`,
    );
    // The kills must land mid-burst: loans shown, and scans typed but not yet stored.
    expect(shownTotal).toBeGreaterThan(0);
    expect(pendingAtKill).toBeGreaterThan(0);
  });
});
