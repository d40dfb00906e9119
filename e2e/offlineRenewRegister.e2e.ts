// The offline client's Renew, Register Patron and block list, end to end: install with the
// library's block list turned on, stop the server, renew two loans (each row with its new due
// date), register a patron and lend to them at once, lend to a blocked card only after "Lend
// anyway", and see the list's age in the header, with a plain warning once it is too old. Sending
// is not tested here (processing is).
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { DEMO_BARCODE_RULES, withCheckDigit } from '../src/shared/barcodes/barcodes.ts';
import { OfflineDeskPage } from './pages/OfflineDeskPage.ts';
import { launchBrowser, type TestBrowser } from './support/browser.ts';
import { accessibilityViolations } from './support/axe.ts';
import { deskSoundsPlayed, spyOnDeskSounds } from './support/deskSoundSpy.ts';
import {
  controlledByServiceWorker,
  installOfflineClient,
  stopServerAndReload,
} from './support/offlineInstall.ts';
import { readOutbox } from './support/offlineOutbox.ts';
import { startServer, type CircaServer } from './support/server.ts';
import { addStaffUser } from './support/staffUsers.ts';
import { screenshot } from './support/screenshots.ts';

const STAFF_USERNAME = 'offline-renewals';
const STAFF_PASSWORD = 'renew without a server';
const UI_TIMEOUT_MS = 15_000;
const DAY_MS = 86_400_000;
/** A day as the shared formatter writes it: "Wed 23 Dec 2026". */
const DAY_TEXT = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d{1,2} [A-Z][a-z]{2} \d{4}$/;

const patron = (n: number) => withCheckDigit(`29${String(n).padStart(11, '0')}`);
const item = (n: number) => withCheckDigit(`39${String(n).padStart(11, '0')}`);
const BLOCKED_CARD = patron(900);
const NEW_CARD = patron(500);

interface StoredTransaction {
  type: string;
  patronBarcode?: string;
  itemBarcode?: string;
  dueAt?: number;
  name?: string;
  patronTypeCode?: string;
  email?: string;
  lentAnyway?: { reason: string; listMadeAt: number };
}

/**
 * The test's library, written straight into the server's SQLite file: the block list sent to
 * offline clients, two patron types, and one blocked patron.
 */
async function setUpLibrary(databasePath: string): Promise<void> {
  await addStaffUser(databasePath, {
    username: STAFF_USERNAME,
    password: STAFF_PASSWORD,
    displayName: 'Sam Desk',
    role: 'circulation',
    branch: { code: 'RENW', name: 'Riverside Branch', timeZone: 'America/Chicago' },
  });
  const db = new Database(databasePath, { fileMustExist: true });
  try {
    db.prepare(
      `update library_settings set library_name = 'Riverside Public Library', barcode_rules = ?,
         default_loan_days = 21, offline_blocked_list = 1`,
    ).run(JSON.stringify(DEMO_BARCODE_RULES));
    const branch = db.prepare(`select id from branches where code = 'RENW'`).get() as {
      id: number;
    };
    const insertType = db.prepare(
      `insert into patron_types (code, name) values (?, ?) on conflict (code) do nothing returning id`,
    );
    insertType.get('RADULT', 'Adult reader');
    insertType.get('RCHILD', 'Young reader');
    const adult = db.prepare(`select id from patron_types where code = 'RADULT'`).get() as {
      id: number;
    };
    db.prepare(
      `insert into patrons (barcode, name, patron_type_id, home_branch_id, expires_on, block_reason)
       values (?, 'Blocked Reader', ?, ?, '2099-12-31', 'Lost items not paid for')`,
    ).run(BLOCKED_CARD, adult.id, branch.id);
  } finally {
    db.close();
  }
}

describe('offline Renew, Register Patron and the block list', () => {
  let server: CircaServer;
  let browser: TestBrowser;
  let page: Page;
  let desk: OfflineDeskPage;

  beforeAll(async () => {
    server = await startServer();
    await setUpLibrary(server.databasePath);
    browser = await launchBrowser({ baseURL: server.url });
    await spyOnDeskSounds(browser.context);
    page = browser.page;
    desk = new OfflineDeskPage(page);
  });

  afterAll(async () => {
    await browser?.dispose();
    await server?.dispose();
  });

  it('installs with the block list on, then keeps working with the server stopped', async () => {
    await installOfflineClient(page, { username: STAFF_USERNAME, password: STAFF_PASSWORD });
    expect(await controlledByServiceWorker(page)).toBe(true);
    await stopServerAndReload(page, server);
    await page.getByText('Block list made less than an hour ago').waitFor();
    // Fresh: no warning that the list is out of date.
    expect(await page.getByText(/The block list is .* old/).count()).toBe(0);
  });

  it('warns on a blocked card and lends to it only after Lend anyway', async () => {
    await desk.scanPatron('Check Out', BLOCKED_CARD);
    await expect
      .poll(() => desk.alert.innerText())
      .toBe('Blocked: the library has blocked this card from borrowing.');
    await expect.poll(() => deskSoundsPlayed(page)).toEqual(['refusal']);
    const itemField = desk.section('Check Out').getByLabel('Item barcode', { exact: true });
    expect(await itemField.isDisabled()).toBe(true);
    await screenshot(page, 'offline-lend-anyway.png');
    expect(await accessibilityViolations(page, 'Check Out, card on the block list')).toEqual([]);
    await page.getByRole('button', { name: 'Lend anyway' }).click();
    await expect.poll(() => itemField.isEnabled()).toBe(true);
    await desk.scanItem('Check Out', item(1));
    await page.getByText('Lending anyway:', { exact: false }).waitFor();
    await page.getByRole('button', { name: 'Complete' }).click();
    await expect.poll(() => desk.rows('Check Out').count()).toBe(0);
  });

  it('renews two loans, each row with its new due date', async () => {
    await desk.open('Renew');
    await desk.scanPatron('Renew', patron(1));
    await desk.scanItem('Renew', item(2));
    await desk.scanItem('Renew', item(3));
    const rows = await desk.cells('Renew');
    expect(rows.map((row) => [row[0], row[1]])).toEqual([
      ['1', item(2)],
      ['2', item(3)],
    ]);
    expect(rows[0]![2]).toMatch(DAY_TEXT);
    expect(rows[1]![2]).toBe(rows[0]![2]);
    await screenshot(page, 'offline-renew.png');
    expect(await accessibilityViolations(page, 'Renew')).toEqual([]);
    await page.getByRole('button', { name: 'Complete' }).click();
    await expect.poll(() => desk.rows('Renew').count()).toBe(0);
  });

  it('registers a patron, refusing a form with problems, then lends to them at once', async () => {
    await desk.open('Register Patron');
    const form = desk.section('Register Patron');
    await form.getByRole('button', { name: 'Register', exact: true }).click();
    await form.getByText('Type the patron’s name.').waitFor();
    await form
      .getByText('Type an email address or a phone number: at least one of the two.')
      .waitFor();
    expect(await form.getByLabel('Name').getAttribute('aria-invalid')).toBe('true');
    expect(await accessibilityViolations(page, 'Register Patron, with problems')).toEqual([]);

    await form.getByLabel('Card barcode').fill(NEW_CARD);
    await form.getByLabel('Name').fill('Ada Newcomer');
    await form.getByLabel('Patron type').selectOption({ label: 'Young reader' });
    await form.getByLabel('Email').fill('ada-at-example');
    await form.getByRole('button', { name: 'Register', exact: true }).click();
    await form.getByText('This is not an email address: check it, or leave it empty.').waitFor();
    expect(await readOutbox<StoredTransaction>(page)).toHaveLength(3);

    await form.getByLabel('Email').fill('ada@example.org');
    await form.getByRole('button', { name: 'Register', exact: true }).click();
    await page.getByText(`Registered Ada Newcomer with card ${NEW_CARD}`).waitFor();
    await screenshot(page, 'offline-register-patron.png');
    expect(await accessibilityViolations(page, 'Register Patron, registered')).toEqual([]);

    const checkOutToPatron = page.getByRole('button', {
      name: 'Check out to this patron',
      exact: true,
    });
    // The usual next step has the focus: Enter takes the patron to Check Out.
    await expect
      .poll(() => checkOutToPatron.evaluate((button) => button === document.activeElement))
      .toBe(true);
    await page.keyboard.press('Enter');
    const patronField = desk.section('Check Out').getByLabel('Patron barcode', { exact: true });
    await expect.poll(() => patronField.inputValue()).toBe(NEW_CARD);
    await desk.scanItem('Check Out', item(4));
    await page.getByRole('button', { name: 'Complete' }).click();

    // The same card again is refused from this browser's outbox.
    await desk.open('Register Patron');
    await form.getByLabel('Card barcode').fill(NEW_CARD);
    await form.getByLabel('Name').fill('Ada Again');
    await form.getByLabel('Phone').fill('555 0100');
    await form.getByRole('button', { name: 'Register', exact: true }).click();
    await form.getByText(/already registered on this workstation/).waitFor();
  });

  it('stored each transaction with what the screens showed', async () => {
    const stored = await readOutbox<StoredTransaction>(page);
    expect(stored.map((t) => [t.type, t.patronBarcode, t.itemBarcode ?? null])).toEqual([
      ['check_out', BLOCKED_CARD, item(1)],
      ['renewal', patron(1), item(2)],
      ['renewal', patron(1), item(3)],
      ['registration', NEW_CARD, null],
      ['check_out', NEW_CARD, item(4)],
    ]);
    expect(stored[0]!.lentAnyway).toMatchObject({ reason: 'blocked' });
    expect(stored[4]!.lentAnyway).toBeUndefined();
    expect(stored[3]).toMatchObject({
      name: 'Ada Newcomer',
      patronTypeCode: 'RCHILD',
      email: 'ada@example.org',
    });
  });

  it('warns plainly once the block list is older than the library allows', async () => {
    // The desk computer three days on, still offline: the list it holds is the one from install.
    await page.clock.install({ time: Date.now() + 3 * DAY_MS + 60_000 });
    await page.reload();
    const age = page.locator('.block-list-age');
    await expect
      .poll(() => age.textContent(), { timeout: UI_TIMEOUT_MS })
      .toBe('Block list made 3 days ago');
    expect(await age.getAttribute('data-stale')).toBe('true');
    await page
      .getByText('The block list is 3 days old: a card blocked since may not be listed.')
      .waitFor();
  });
});
