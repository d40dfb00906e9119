// The Check Out and Check In screens' own behaviour, with the circulation endpoints stubbed (see
// support/circulationStub.ts) and sign-in real: fast scans kept in order and sent once each,
// refusals naming the barcode, the supervisor's override (and none for circulation staff), an
// unreachable server, and names shown as text.
import { expectText } from './support/expectText.ts';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CheckInPage } from './pages/CheckInPage.ts';
import { CheckOutPage } from './pages/CheckOutPage.ts';
import { SignInPage } from './pages/SignInPage.ts';
import { launchBrowser, type TestBrowser } from './support/browser.ts';
import { PATRON_LOANS_SHOWN } from '../src/shared/api/circulation.ts';
import {
  buildItem,
  buildLoan,
  buildPatronDetail,
  stubCirculation,
  type CirculationStub,
} from './support/circulationStub.ts';
import { startServer, type CircaServer } from './support/server.ts';
import { addStaffUser, type TestStaffUser } from './support/staffUsers.ts';

const supervisor: TestStaffUser = {
  username: 'desk-super',
  password: 'a long supervisor password',
  displayName: 'Pat Supervisor',
  role: 'supervisor',
  branch: { code: 'E2ED', name: 'Hillside Branch', timeZone: 'America/Chicago' },
};
/** Signs in last, at the same branch: the desk's session does not grant loan.override. */
const deskStaff: TestStaffUser = {
  ...supervisor,
  username: 'desk-circ',
  password: 'a long circulation password',
  displayName: 'Robin Desk',
  role: 'circulation',
};
const SCREENSHOTS_DIR = resolve(import.meta.dirname, '..', 'docs', 'images');
const screenshot = (page: Page, name: string) =>
  page.screenshot({ path: resolve(SCREENSHOTS_DIR, name) });
/** Titles for the screenshots in the docs. */
const TITLES: Record<string, string> = {
  '31000000000001': 'The Left Hand of Darkness',
  '31000000000002': 'A Wizard of Earthsea',
  '31000000000003': 'The Dispossessed',
  '31000000000005': 'Middlemarch',
  '31000000000006': 'The Remains of the Day',
  '31000000000008': 'Things Fall Apart',
};
const titled = (itemBarcode: string) => ({
  item: { id: 1, barcode: itemBarcode, title: TITLES[itemBarcode] ?? `Item ${itemBarcode}` },
});

/** What the session reports for the branch; ids do not matter to the screens. */
const branch = { id: 1, ...supervisor.branch };
const reader = { barcode: '21111111111110', name: 'Ada Reader' };

async function isFocused(locator: Locator): Promise<boolean> {
  return locator.evaluate((element) => element === document.activeElement);
}

describe('desk screens in the browser', () => {
  let server: CircaServer;
  let browser: TestBrowser;
  let page: Page;
  let stub: CirculationStub;
  let checkOut: CheckOutPage;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS_DIR, { recursive: true });
    server = await startServer();
    await addStaffUser(server.databasePath, supervisor);
    await addStaffUser(server.databasePath, deskStaff);
    browser = await launchBrowser({ baseURL: server.url });
    page = browser.page;
    stub = await stubCirculation(page, branch);
    const signIn = new SignInPage(page);
    await signIn.goto('/checkout');
    await signIn.signIn(supervisor.username, supervisor.password);
    await signIn.answerWorkstation();
    checkOut = new CheckOutPage(page);
    await checkOut.patronBarcode.waitFor();
  });

  afterAll(async () => {
    await browser?.dispose();
    await server?.dispose();
  });

  beforeEach(async () => {
    stub.requests.length = 0;
    stub.maxInFlight = 0;
    stub.patrons.clear();
    const detail = buildPatronDetail(branch, reader);
    detail.loans = [buildLoan(branch, '31000000000008', reader, titled('31000000000008'))];
    detail.loanCount = detail.loans.length;
    stub.patrons.set(reader.barcode, { status: 200, body: detail });
    await checkOut.goto();
  });

  it('keeps fast scans in scan order and sends each exactly once, however slow the answers', async () => {
    const items = ['31000000000001', '31000000000002', '31000000000003'];
    // The first answer is the slowest: a screen that did not queue would show them out of order.
    const delays = new Map([
      [items[0]!, 600],
      [items[1]!, 300],
      [items[2]!, 0],
    ]);
    stub.checkOut = (request) => ({
      status: 201,
      delayMs: delays.get(request.itemBarcode),
      body: {
        loan: buildLoan(branch, request.itemBarcode, reader, titled(request.itemBarcode)),
        replacedLoan: null,
      },
    });

    await checkOut.scanPatron(reader.barcode);
    await expectText(checkOut.patronSummary, reader.name);
    await expect.poll(() => isFocused(checkOut.itemBarcode)).toBe(true);
    await checkOut.scanItems(...items);

    await expect.poll(() => checkOut.lentRows.count(), { timeout: 10_000 }).toBe(3);
    // One at a time: a check-out may depend on the one before (the patron's item limit).
    expect(stub.maxInFlight).toBe(1);
    const shown = await checkOut.lentRows.locator('td.barcode').allInnerTexts();
    expect(shown).toEqual(items);
    const sent = stub.requests.filter((r) => r.path === '/api/checkouts');
    expect(sent.map((r) => (r.body as { itemBarcode: string }).itemBarcode)).toEqual(items);
    expect(
      sent.every((r) => (r.body as { patronBarcode: string }).patronBarcode === reader.barcode),
    ).toBe(true);
    expect(await isFocused(checkOut.itemBarcode)).toBe(true);
    expect(await checkOut.itemBarcode.inputValue()).toBe('');
    await screenshot(page, 'staff-checkout.png');

    await checkOut.complete.click();
    await expect.poll(() => checkOut.patronSummary.count()).toBe(0);
    expect(await isFocused(checkOut.patronBarcode)).toBe(true);
  });

  it('offers a supervisor "Check in and lend" when the item is on loan, and lends with the override', async () => {
    const onLoan = '31000000000009';
    const other = { barcode: '21222222222220', name: 'Bo Borrower' };
    stub.checkOut = (request) =>
      request.override
        ? {
            status: 201,
            body: {
              loan: buildLoan(branch, request.itemBarcode, reader),
              replacedLoan: buildLoan(branch, request.itemBarcode, other),
            },
          }
        : {
            status: 409,
            body: {
              error: {
                code: 'ITEM_ON_LOAN',
                message: 'This item is on loan to another patron. Check it in first.',
              },
            },
          };

    await checkOut.scanPatron(reader.barcode);
    await expectText(checkOut.patronSummary, reader.name);
    await checkOut.scanItems(onLoan);
    await expectText(checkOut.alert, `Item ${onLoan} was not checked out: This item is on loan`);
    expect(await checkOut.lentRows.count()).toBe(0);
    await screenshot(page, 'staff-refusal.png');

    await page.getByRole('button', { name: 'Check in and lend' }).click();
    await expect.poll(() => checkOut.lentRows.count()).toBe(1);
    await expectText(checkOut.lentRow(onLoan), `Checked in from ${other.name} first`);
    const sent = stub.requests.filter((r) => r.path === '/api/checkouts').map((r) => r.body);
    expect(sent).toEqual([
      { patronBarcode: reader.barcode, itemBarcode: onLoan },
      { patronBarcode: reader.barcode, itemBarcode: onLoan, override: true },
    ]);
    expect(await isFocused(checkOut.itemBarcode)).toBe(true);
  });

  it('says the server cannot be reached, naming the scan that was not lent', async () => {
    const item = '31000000000004';
    stub.checkOut = () => 'unreachable';
    await checkOut.scanPatron(reader.barcode);
    await expectText(checkOut.patronSummary, reader.name);
    await checkOut.scanItems(item);
    await expectText(
      checkOut.alert,
      `Item ${item} was not checked out: The Circa server cannot be reached`,
    );
    expect(await checkOut.lentRows.count()).toBe(0);
  });

  it('shows blocked and expired cards prominently, and names as text, never as markup', async () => {
    const blocked = {
      barcode: '21333333333330',
      name: '<img src=x onerror="window.pwned=1">Mallory',
    };
    stub.patrons.set(blocked.barcode, {
      status: 200,
      body: buildPatronDetail(branch, blocked, {
        status: 'blocked',
        blockReason: 'Owes £12.50 in fines.',
      }),
    });
    await checkOut.scanPatron(blocked.barcode);
    await expectText(checkOut.patronSummary, 'Blocked: Owes £12.50 in fines. Do not lend');
    await expectText(checkOut.patronSummary, blocked.name);
    expect(await checkOut.patronSummary.locator('img').count()).toBe(0);
    await screenshot(page, 'staff-blocked-patron.png');
    expect(await page.evaluate(() => (window as { pwned?: number }).pwned)).toBeUndefined();

    const expired = { barcode: '21444444444440', name: 'Old Card' };
    stub.patrons.set(expired.barcode, {
      status: 200,
      body: buildPatronDetail(branch, expired, { status: 'expired', expiresOn: '2024-03-31' }),
    });
    await checkOut.scanPatron(expired.barcode);
    await expectText(checkOut.patronSummary, /Card expired on .*2024/);
  });

  it('checks in with the patron and an overdue flag per row, focus staying in the field', async () => {
    const late = '31000000000005';
    const onTime = '31000000000006';
    stub.checkIn = (itemBarcode) => ({
      status: 200,
      body: {
        loan: buildLoan(branch, itemBarcode, reader, {
          ...titled(itemBarcode),
          returnedAt: Date.now(),
          // The late one was due three days ago.
          ...(itemBarcode === late ? { dueAt: Date.now() - 3 * 24 * 60 * 60 * 1000 } : {}),
        }),
        item: buildItem(branch, itemBarcode, TITLES[itemBarcode] ?? itemBarcode),
        overdue: itemBarcode === late,
        received: false,
        routing: { kind: 'shelve' },
      },
    });
    const checkIn = new CheckInPage(page);
    await checkIn.goto();
    await checkIn.scanItems(late, onTime);
    await expect.poll(() => checkIn.returnedRows.count()).toBe(2);
    await expectText(checkIn.returnedRow(late), 'Overdue');
    expect(await checkIn.returnedRow(onTime).innerText()).not.toContain('Overdue');
    await expectText(checkIn.returnedRow(onTime), reader.name);
    expect(await isFocused(checkIn.itemBarcode)).toBe(true);

    stub.checkIn = () => ({
      status: 409,
      body: { error: { code: 'ITEM_NOT_ON_LOAN', message: 'This item is not on loan.' } },
    });
    await checkIn.scanItems('31000000000007');
    await expectText(
      checkIn.alert,
      'Item 31000000000007 was not checked in: This item is not on loan.',
    );
    expect(await checkIn.returnedRows.count()).toBe(2);
    await screenshot(page, 'staff-checkin.png');
  });

  it('shows the first loans of a busy card with their count, and the rest on "Show more loans"', async () => {
    const busy = { barcode: '21555555555550', name: 'Busy Card' };
    const allLoans = Array.from({ length: PATRON_LOANS_SHOWN + 25 }, (_, i) =>
      buildLoan(branch, `3200000000${String(i).padStart(4, '0')}`, busy),
    );
    const detail = buildPatronDetail(branch, busy);
    detail.loanCount = allLoans.length;
    detail.loans = allLoans.slice(0, PATRON_LOANS_SHOWN);
    stub.patrons.set(busy.barcode, { status: 200, body: detail });
    stub.patronLoans.set(busy.barcode, allLoans);

    await checkOut.scanPatron(busy.barcode);
    const itemsOut = checkOut.patronSummary.locator('div', { hasText: 'Items out' }).locator('dd');
    await expect.poll(() => itemsOut.innerText()).toBe(String(allLoans.length));
    const shown = `Showing ${PATRON_LOANS_SHOWN} of ${allLoans.length} current loans`;
    await expectText(page.getByRole('main'), shown);
    await page.getByRole('link', { name: 'See all current loans' }).click();

    const loanRows = page.getByRole('table', { name: 'Current loans' }).locator('tbody tr');
    await expect.poll(() => loanRows.count()).toBe(PATRON_LOANS_SHOWN);
    await expectText(page.getByRole('main'), shown);
    await page.getByRole('button', { name: 'Show more loans' }).click();
    await expect.poll(() => loanRows.count()).toBe(allLoans.length);
    expect(await loanRows.locator('td.barcode').allInnerTexts()).toEqual(
      allLoans.map((loan) => loan.item.barcode),
    );
    expect(await page.getByRole('button', { name: 'Show more loans' }).count()).toBe(0);
    expect(await page.getByText(/Showing \d+ of/).count()).toBe(0);
    const pages = stub.requests.filter((r) => r.path === `/api/patrons/${busy.barcode}/loans`);
    expect(pages).toHaveLength(1);
  });

  it('offers circulation staff no "Check in and lend": their session does not grant the override', async () => {
    const onLoan = '31000000000009';
    stub.checkOut = () => ({
      status: 409,
      body: {
        error: {
          code: 'ITEM_ON_LOAN',
          message: 'This item is on loan to another patron. Check it in first.',
        },
      },
    });
    await page.getByRole('button', { name: supervisor.username, exact: true }).click();
    await page.getByRole('menuitem', { name: 'Sign out', exact: true }).click();
    const signIn = new SignInPage(page);
    await signIn.username.waitFor();
    await signIn.signIn(deskStaff.username, deskStaff.password);
    await checkOut.patronBarcode.waitFor();

    await checkOut.scanPatron(reader.barcode);
    await expectText(checkOut.patronSummary, reader.name);
    await checkOut.scanItems(onLoan);
    await expectText(checkOut.alert, `Item ${onLoan} was not checked out: This item is on loan`);
    expect(await page.getByRole('button', { name: 'Check in and lend' }).count()).toBe(0);
  });
});
