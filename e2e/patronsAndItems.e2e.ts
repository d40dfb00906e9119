// Patrons and items at the desk, against the real server and the demo library: a new card scanned
// at Check Out registers its patron and lends to them; an expired card is renewed at Check Out; a
// supervisor lends once past a block with a reason, which the audit log keeps; an item is added,
// found by its title, withdrawn, and then refused at Check Out. Screenshots for
// docs/patrons-and-items.md.
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withCheckDigit } from '../src/shared/barcodes/barcodes.ts';
import { CheckOutPage } from './pages/CheckOutPage.ts';
import {
  AddItemPage,
  CardActions,
  itemSearch,
  patronSearch,
  RegisterPatronPage,
} from './pages/RecordPages.ts';
import { SignInPage } from './pages/SignInPage.ts';
import { accessibilityViolations } from './support/axe.ts';
import { launchBrowser, type TestBrowser } from './support/browser.ts';
import { openDemoData, serverQueries, type DemoData } from './support/demoData.ts';
import { expectText } from './support/expectText.ts';
import { startServer, type CircaServer } from './support/server.ts';

const DEMO_PASSWORD = 'circa-demo';
/** A supervisor: registers and renews like the desk, and may also lend past a card and withdraw. */
const USERNAME = 'super';
const SCREENSHOTS_DIR = resolve(import.meta.dirname, '..', 'docs', 'images');

const isFocused = (locator: Locator) =>
  locator.evaluate((element) => element === document.activeElement);

async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: resolve(SCREENSHOTS_DIR, name), fullPage: true });
}

/** A card or label barcode the demo library has not used: 14 digits, mod-10, its prefix first. */
function unusedBarcode(prefix: '2' | '3'): string {
  return withCheckDigit(`${prefix}9${String(Date.now()).slice(-11)}`);
}

describe('patrons and items at the desk', () => {
  let server: CircaServer;
  let browser: TestBrowser;
  let demo: DemoData;
  let page: Page;
  let checkOut: CheckOutPage;

  /** Reads the server's database, read-only, for what the screens do not show (the audit log). */
  const { query } = serverQueries(() => server.databasePath);

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS_DIR, { recursive: true });
    server = await startServer();
    demo = openDemoData(server.databasePath);
    browser = await launchBrowser({ baseURL: server.url });
    page = browser.page;
    const signIn = new SignInPage(page);
    await signIn.goto('/checkout');
    await signIn.signIn(USERNAME, DEMO_PASSWORD);
    await signIn.answerWorkstation();
    checkOut = new CheckOutPage(page);
    await checkOut.patronBarcode.waitFor();
  });

  afterAll(async () => {
    demo?.close();
    await browser?.dispose();
    await server?.dispose();
  });

  it('registers the patron of an unknown card from Check Out, returns there and lends to them', async () => {
    await checkOut.goto();
    const card = unusedBarcode('2');
    await checkOut.scanPatron(card);
    await expectText(checkOut.alert, `Patron ${card} could not be shown`);
    await checkOut.alert.getByRole('button', { name: 'Register patron' }).click();

    const register = new RegisterPatronPage(page);
    await register.name.waitFor();
    expect(await register.cardBarcode.inputValue()).toBe(card);
    await expect.poll(() => isFocused(register.name)).toBe(true);
    await register.name.fill('Wilhelmina Quarrie');
    await page.getByLabel('Email (optional)').fill('not an email');
    await register.register.click();
    // A mistake is named, and what was typed stays.
    await expectText(page.getByRole('alert'), /not an email address/);
    expect(await register.name.inputValue()).toBe('Wilhelmina Quarrie');
    await screenshot(page, 'patrons-register.png');
    expect(await accessibilityViolations(page, 'Register patron')).toEqual([]);
    await page.getByLabel('Email (optional)').fill('wq@example.org');
    await register.register.click();

    await expectText(checkOut.patronSummary, 'Wilhelmina Quarrie');
    await expect.poll(() => isFocused(checkOut.itemBarcode)).toBe(true);
    const patronTypeId = query<{ id: number }>(
      'select patron_type_id as id from patrons where barcode = ?',
      card,
    )[0]!.id;
    const [item] = demo.availableItems(patronTypeId, 1);
    await checkOut.scanItems(item!);
    await expect.poll(() => checkOut.lentRows.count(), { timeout: 10_000 }).toBe(1);
    expect(demo.openLoans(card).map((loan) => loan.itemBarcode)).toEqual([item]);
    await checkOut.complete.click();
  });

  it('renews an expired card at Check Out and lends at once', async () => {
    const [expired] = query<{ barcode: string; name: string; patronTypeId: number }>(
      `select barcode, name, patron_type_id as patronTypeId from patrons
       where block_reason is null and expires_on < date('now', '-2 days') order by id limit 1`,
    );
    await checkOut.goto();
    await checkOut.scanPatron(expired!.barcode);
    await expectText(checkOut.alert, `${expired!.name}'s card ${expired!.barcode} expired on`);
    expect(await checkOut.itemBarcode.isDisabled()).toBe(true);
    const actions = new CardActions(page);
    await screenshot(page, 'patrons-renew-at-checkout.png');
    expect(await accessibilityViolations(page, 'Check Out, expired card')).toEqual([]);
    await actions.renewCard.click();
    await expect.poll(() => checkOut.itemBarcode.isDisabled()).toBe(false);
    await expect.poll(() => isFocused(checkOut.itemBarcode)).toBe(true);
    const [item] = demo.availableItems(expired!.patronTypeId, 1);
    await checkOut.scanItems(item!);
    await expect.poll(() => checkOut.lentRows.count(), { timeout: 10_000 }).toBe(1);
    const [renewed] = query<{ action: string }>(
      `select action from audit_log where action = 'patron.renewCard' and actor = ?`,
      USERNAME,
    );
    expect(renewed?.action).toBe('patron.renewCard');
    await checkOut.complete.click();
  });

  it('lends once past a block, with the reason kept in the audit log, and stops the card next time', async () => {
    const blocked = demo.blockedPatron();
    const patronTypeId = query<{ id: number }>(
      'select patron_type_id as id from patrons where barcode = ?',
      blocked.barcode,
    )[0]!.id;
    await checkOut.goto();
    await checkOut.scanPatron(blocked.barcode);
    await expectText(checkOut.alert, `${blocked.name}'s card ${blocked.barcode} is blocked`);
    const actions = new CardActions(page);
    await actions.lendAnyway.click();
    await actions.lendForThisVisit.click();
    await expectText(page.getByRole('alert').last(), /Say why/);
    await actions.reason.fill('Replacement paid at the desk');
    await actions.lendForThisVisit.click();
    await expect.poll(() => isFocused(checkOut.itemBarcode)).toBe(true);
    const [item] = demo.availableItems(patronTypeId, 1);
    await checkOut.scanItems(item!);
    await expect.poll(() => checkOut.lentRows.count(), { timeout: 10_000 }).toBe(1);
    await screenshot(page, 'patrons-lend-anyway.png');
    expect(await accessibilityViolations(page, 'Check Out, lending anyway')).toEqual([]);
    const entries = query<{ actor: string; after: string }>(
      `select actor, after from audit_log where action = 'loan.lendPastCard'`,
    );
    expect(entries).toHaveLength(1);
    expect(entries[0]!.actor).toBe(USERNAME);
    expect(JSON.parse(entries[0]!.after)).toMatchObject({
      itemBarcode: item,
      card: 'blocked',
      reason: 'Replacement paid at the desk',
    });
    await checkOut.complete.click();

    // Once means this visit: the same card stops again at the next.
    await checkOut.scanPatron(blocked.barcode);
    await expectText(checkOut.alert, `${blocked.name}'s card ${blocked.barcode} is blocked`);
    expect(await checkOut.itemBarcode.isDisabled()).toBe(true);
  });

  it('finds a patron by part of the name, opens them and blocks the card with a reason', async () => {
    const patrons = patronSearch(page);
    await patrons.goto();
    await patrons.search('quarr wilh');
    await expectText(patrons.results, 'Wilhelmina Quarrie');
    await screenshot(page, 'patrons-find.png');
    expect(await accessibilityViolations(page, 'Patrons')).toEqual([]);

    await patrons.results.getByRole('link', { name: 'Wilhelmina Quarrie' }).click();
    await expectText(page.getByRole('region', { name: 'Patron' }), 'Wilhelmina Quarrie');
    await expectText(page.getByRole('region', { name: 'Contact details' }), 'wq@example.org');
    await page.getByRole('button', { name: 'Block', exact: true }).click();
    await page.getByLabel('Why is the patron blocked?').fill('Card reported stolen');
    await page.getByRole('button', { name: 'Block patron' }).click();
    await expectText(page.getByRole('status'), /Patron blocked/);
    await expectText(page.getByRole('region', { name: 'Patron' }), 'Card reported stolen');
    // A supervisor may lift it again at once.
    expect(await page.getByRole('button', { name: 'Unblock' }).count()).toBe(1);
    await screenshot(page, 'patrons-page.png');
    expect(await accessibilityViolations(page, 'Patron page')).toEqual([]);
  });

  it('adds an item, finds it by title, withdraws it, and Check Out refuses it', async () => {
    const label = unusedBarcode('3');
    const addItem = new AddItemPage(page);
    await addItem.goto();
    await addItem.itemBarcode.fill(label);
    await addItem.itemBarcode.press('Enter');
    await expect.poll(() => isFocused(addItem.title)).toBe(true);
    await addItem.title.fill('Zyzzogeton Field Notes');
    await addItem.author.fill('Marchbanks, Odile');
    await addItem.callNumber.fill('595.7 MAR');
    await screenshot(page, 'items-add.png');
    expect(await accessibilityViolations(page, 'Add item')).toEqual([]);
    await addItem.add.click();
    await expectText(page.getByRole('heading', { level: 1 }), 'Zyzzogeton Field Notes');

    const items = itemSearch(page);
    await items.goto();
    await items.search('zyzzog notes');
    await expectText(items.results, label);
    await screenshot(page, 'items-find.png');
    expect(await accessibilityViolations(page, 'Items')).toEqual([]);
    await items.results.getByRole('link', { name: 'Zyzzogeton Field Notes' }).click();
    await page.getByRole('button', { name: 'Withdraw' }).click();
    await expectText(page.getByRole('status'), /Withdrawn/);
    await screenshot(page, 'items-withdrawn.png');
    expect(await accessibilityViolations(page, 'Item page')).toEqual([]);
    expect(demo.itemStatus(label)).toBe('withdrawn');

    await checkOut.goto();
    const patron = demo.goodPatron();
    await checkOut.scanPatron(patron.barcode);
    await expectText(checkOut.patronSummary, patron.name);
    await checkOut.scanItems(label);
    await expectText(checkOut.alert, `Item ${label} was not checked out`);
    await expectText(checkOut.alert, /withdrawn/);
    expect(demo.openLoans(patron.barcode)).toEqual([]);
  });
});
