// The desk's hold and transit screens with the server's answers stubbed (support/circulationStub.ts
// and support/holdShelfStub.ts) and sign-in real: Check In's banner, hold sound and slips for an
// item that goes on the hold shelf or in transit, a received item; the Hold shelf's lists and its
// "Clear from shelf"; the In transit lists; axe-core on both new screens. The lead's end-to-end
// scenario runs the real server; this file owns the screenshots of the holds page of the guide.
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CheckInRouting } from '../src/shared/api/holds.ts';
import { CheckInPage } from './pages/CheckInPage.ts';
import { SignInPage } from './pages/SignInPage.ts';
import { chooseFromUserMenu } from './pages/UserMenu.ts';
import { accessibilityViolations } from './support/axe.ts';
import { launchBrowser, type TestBrowser } from './support/browser.ts';
import {
  buildItem,
  buildLoan,
  stubCirculation,
  type CirculationStub,
} from './support/circulationStub.ts';
import { deskSoundsPlayed, spyOnDeskSounds } from './support/deskSoundSpy.ts';
import { expectText } from './support/expectText.ts';
import {
  buildShelfEntry,
  buildTransit,
  holdShelfRouting,
  holdSlip,
  stubHoldShelf,
  transitRouting,
  transitSlip,
  type HoldShelfStub,
  type StubItem,
  type StubPatron,
} from './support/holdShelfStub.ts';
import { printedReceipts, recordPrints } from './support/printSpy.ts';
import { startServer, type CircaServer } from './support/server.ts';
import { addStaffUser, type TestStaffUser } from './support/staffUsers.ts';

const deskStaff: TestStaffUser = {
  username: 'holds-desk',
  password: 'a long circulation password',
  displayName: 'Robin Desk',
  role: 'circulation',
  branch: { code: 'E2EH', name: 'Hillside Branch', timeZone: 'America/Chicago' },
};
const DAY_MS = 24 * 60 * 60 * 1000;
/** Fixed, so the guide's screenshot of Check In is the same each run. */
const RETURNED_AT = Date.UTC(2026, 11, 6, 16, 0);
const SCREENSHOTS_DIR = resolve(import.meta.dirname, '..', 'docs', 'images');

/** What the session reports for the branch; ids do not matter to the screens. */
const hillside = { id: 1, ...deskStaff.branch };
const main = { id: 2, code: 'MAIN', name: 'Main Library', timeZone: 'America/Chicago' };

const ada: StubPatron = { barcode: '21111111111110', name: 'Ada Reader', shortName: 'REA, A.' };
const bo: StubPatron = { barcode: '21222222222220', name: 'Bo Borrower', shortName: 'BOR, B.' };
const cy: StubPatron = { barcode: '21333333333330', name: 'Cy Lender', shortName: 'LEN, C.' };

const leftHand: StubItem = {
  barcode: '31000000000001',
  title: 'The Left Hand of Darkness',
  callNumber: 'SF LEG',
};
const earthsea: StubItem = {
  barcode: '31000000000002',
  title: 'A Wizard of Earthsea',
  callNumber: 'SF LEG',
};
const middlemarch: StubItem = {
  barcode: '31000000000005',
  title: 'Middlemarch',
  callNumber: '823 ELI',
};
const remains: StubItem = {
  barcode: '31000000000006',
  title: 'The Remains of the Day',
  callNumber: '823 ISH',
};

const titleOf = (barcode: string) =>
  [leftHand, earthsea, middlemarch, remains].find((item) => item.barcode === barcode)?.title ??
  `Item ${barcode}`;

async function isFocused(locator: Locator): Promise<boolean> {
  return locator.evaluate((element) => element === document.activeElement);
}

/** The slip just printed, laid out as on paper, for the guide. */
async function screenshotPrinted(page: Page, name: string): Promise<void> {
  await page.emulateMedia({ media: 'print' });
  await page.locator('#receipt').screenshot({ path: resolve(SCREENSHOTS_DIR, name) });
  await page.emulateMedia({ media: 'screen' });
}

describe('the hold shelf and transit at the desk', () => {
  let server: CircaServer;
  let browser: TestBrowser;
  let page: Page;
  let circulation: CirculationStub;
  let holds: HoldShelfStub;

  /** Check In answers every scan by returning a loan of `patron` with this routing. */
  function checkInRoutes(routing: (itemBarcode: string) => CheckInRouting, patron = cy) {
    circulation.checkIn = (itemBarcode) => ({
      status: 200,
      body: {
        loan: buildLoan(hillside, itemBarcode, patron, {
          checkedOutAt: RETURNED_AT - 7 * DAY_MS,
          dueAt: RETURNED_AT + 7 * DAY_MS,
          returnedAt: RETURNED_AT,
        }),
        item: buildItem(hillside, itemBarcode, titleOf(itemBarcode)),
        overdue: false,
        received: false,
        routing: routing(itemBarcode),
      },
    });
  }

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS_DIR, { recursive: true });
    server = await startServer();
    await addStaffUser(server.databasePath, deskStaff);
    browser = await launchBrowser({ baseURL: server.url });
    page = browser.page;
    await spyOnDeskSounds(browser.context);
    circulation = await stubCirculation(page, hillside);
    holds = await stubHoldShelf(page, hillside);
    const signIn = new SignInPage(page);
    await signIn.goto('/checkin');
    await signIn.signIn(deskStaff.username, deskStaff.password);
    await signIn.answerWorkstation();
    await new CheckInPage(page).itemBarcode.waitFor();
  });

  afterAll(async () => {
    await browser?.dispose();
    await server?.dispose();
  });

  beforeEach(() => {
    circulation.requests.length = 0;
    holds.requests.length = 0;
  });

  it('says "Hold for REA, A." unmistakably, plays the hold sound and prints the hold slip', async () => {
    checkInRoutes((barcode) =>
      holdShelfRouting(holdSlip(hillside, ada, barcode === leftHand.barcode ? leftHand : earthsea)),
    );
    const checkIn = new CheckInPage(page);
    await checkIn.goto();
    await recordPrints(page);
    const soundsBefore = (await deskSoundsPlayed(page)).length;

    await checkIn.scanItems(leftHand.barcode);
    await expectText(checkIn.alert, 'Hold for REA, A. — put on the hold shelf');
    await expectText(checkIn.alert, leftHand.barcode);
    const row = checkIn.returnedRow(leftHand.barcode);
    expect(await row.getAttribute('data-routing')).toBe('holdShelf');
    await expectText(row, 'Hold shelf: REA, A.');
    await expect
      .poll(async () => (await deskSoundsPlayed(page)).slice(soundsBefore))
      .toEqual(['hold']);
    expect(await isFocused(checkIn.itemBarcode)).toBe(true);

    // Print Options were never saved on this workstation: slips print, on the 80 mm roll.
    await expect.poll(async () => (await printedReceipts(page)).length).toBe(1);
    const [slip] = await printedReceipts(page);
    expect(slip!.pageRule).toMatch(/@page \{ size: 80mm (\d+)mm; margin: 0(px)?; \}/);
    expect(slip!.text).toContain('HOLD');
    expect(slip!.text).toContain('REA, A.');
    expect(slip!.text).toContain(`••••••••••${ada.barcode.slice(-4)}`);
    expect(slip!.text).not.toContain(ada.barcode);
    expect(slip!.text).not.toContain(ada.name);
    expect(slip!.text).toContain(leftHand.title);
    expect(slip!.text).toContain(leftHand.callNumber);
    expect(slip!.text).toContain(leftHand.barcode);
    expect(slip!.text).toContain('Pickup: Hillside Branch');
    expect(slip!.text).toContain('Hold until Tue 15 Dec 2026');
    expect(await accessibilityViolations(page, 'Check In, hold banner')).toEqual([]);
    await page.screenshot({ path: resolve(SCREENSHOTS_DIR, 'check-in-hold-banner.png') });
    await screenshotPrinted(page, 'hold-slip.png');

    // Switched off on this workstation: the banner and the slip stay, the chime does not play.
    await chooseFromUserMenu(page, deskStaff.username, 'Turn hold sound off');
    const soundsNow = (await deskSoundsPlayed(page)).length;
    await checkIn.scanItems(earthsea.barcode);
    await expectText(checkIn.alert, `put on the hold shelf: ${earthsea.title}`);
    await expect.poll(async () => (await printedReceipts(page)).length).toBe(2);
    expect(await deskSoundsPlayed(page)).toHaveLength(soundsNow);
    await chooseFromUserMenu(page, deskStaff.username, 'Turn hold sound on');
  });

  it('says "Send to" a branch with a transit slip, and "Received from" for an item that arrived', async () => {
    checkInRoutes((barcode) =>
      barcode === middlemarch.barcode
        ? transitRouting(transitSlip(hillside, main, middlemarch, ada))
        : transitRouting(transitSlip(hillside, main, remains, null)),
    );
    const checkIn = new CheckInPage(page);
    await checkIn.goto();
    await recordPrints(page);
    const soundsBefore = (await deskSoundsPlayed(page)).length;

    await checkIn.scanItems(middlemarch.barcode);
    await expectText(
      checkIn.alert,
      'Send to Main Library — a hold waits there for REA, A.: Middlemarch',
    );
    await expectText(checkIn.returnedRow(middlemarch.barcode), 'Send to Main Library');
    await expect.poll(async () => (await printedReceipts(page)).length).toBe(1);
    const [slip] = await printedReceipts(page);
    expect(slip!.text).toContain('TRANSIT');
    expect(slip!.text).toContain('To: Main Library');
    expect(slip!.text).toContain('From: Hillside Branch');
    expect(slip!.text).toContain(middlemarch.barcode);
    expect(slip!.text).toContain('Reason: a hold waits there');
    expect(slip!.text).toContain('For: REA, A.');
    expect(slip!.text).toMatch(/Sent \w{3} \d+ \w{3} \d{4}, \d\d:\d\d/);
    expect(slip!.text).not.toContain(ada.barcode.slice(-4));
    await expect
      .poll(async () => (await deskSoundsPlayed(page)).slice(soundsBefore))
      .toEqual(['warning']);
    expect(await accessibilityViolations(page, 'Check In, transit banner')).toEqual([]);
    await screenshotPrinted(page, 'transit-slip.png');

    await checkIn.scanItems(remains.barcode);
    await expectText(checkIn.alert, 'Send to Main Library — going home: The Remains of the Day');
    await expect.poll(async () => (await printedReceipts(page)).length).toBe(2);
    expect((await printedReceipts(page))[1]!.text).toContain('Reason: going home');

    // Received here from transit, not on loan: no patron, where it came from.
    circulation.checkIn = (itemBarcode) => ({
      status: 200,
      body: {
        loan: null,
        item: buildItem(hillside, itemBarcode, leftHand.title),
        overdue: false,
        received: true,
        receivedFrom: main,
        routing: holdShelfRouting(holdSlip(hillside, bo, leftHand)),
      },
    });
    await checkIn.scanItems(leftHand.barcode);
    const received = checkIn.returnedRow(leftHand.barcode);
    await expectText(received, 'Received from Main Library');
    await expectText(received, 'Hold shelf: BOR, B.');
    expect(await received.getByRole('link', { name: bo.name }).count()).toBe(0);
    await expectText(checkIn.alert, 'Hold for BOR, B. — put on the hold shelf');
    expect(await isFocused(checkIn.itemBarcode)).toBe(true);
  });

  it('prints no slip when Print Options say not to, still saying where the item goes, and prints on A4 when they say so', async () => {
    await chooseFromUserMenu(page, deskStaff.username, 'Print options');
    const form = page.getByRole('form', { name: 'Print options' });
    const slips = form.getByLabel('Print hold and transit slips');
    expect(await slips.isChecked()).toBe(true);
    await slips.uncheck();
    await form.getByRole('button', { name: 'Save', exact: true }).click();
    await expectText(form.getByRole('status'), 'Print options saved.');

    checkInRoutes((barcode) =>
      transitRouting(
        transitSlip(hillside, main, barcode === remains.barcode ? remains : middlemarch, null),
      ),
    );
    await page.getByRole('link', { name: 'Check In', exact: true }).first().click();
    const checkIn = new CheckInPage(page);
    await checkIn.itemBarcode.waitFor();
    await recordPrints(page);
    await checkIn.scanItems(remains.barcode);
    await expectText(checkIn.alert, 'Send to Main Library — going home');
    await expect.poll(() => checkIn.returnedRows.count()).toBe(1);

    // Ticked again, on A4: the next check-in prints its slip on a page, and it is the only slip,
    // so the check-in before it (while unticked) printed none.
    await chooseFromUserMenu(page, deskStaff.username, 'Print options');
    await form.getByLabel('Print hold and transit slips').check();
    await form.getByLabel('A4 or Letter page').check();
    await form.getByRole('button', { name: 'Save', exact: true }).click();
    await expectText(form.getByRole('status'), 'Print options saved.');
    await page.getByRole('link', { name: 'Check In', exact: true }).first().click();
    await checkIn.itemBarcode.waitFor();
    await checkIn.scanItems(middlemarch.barcode);
    await expect.poll(async () => (await printedReceipts(page)).length).toBe(1);
    const [slip] = await printedReceipts(page);
    expect(slip!.pageRule).toMatch(/@page \{ size: auto; margin: 15mm; \}/);
    expect(slip!.text).toContain('TRANSIT');
    expect(slip!.text).toContain(middlemarch.barcode);

    await chooseFromUserMenu(page, deskStaff.username, 'Print options');
    await form.getByLabel('80 mm receipt printer').check();
    await form.getByRole('button', { name: 'Save', exact: true }).click();
    await expectText(form.getByRole('status'), 'Print options saved.');
  });

  it('lists the hold shelf, waiting and expired, and clears an expired hold with its routing and slip', async () => {
    const waiting = [
      buildShelfEntry(hillside, ada, leftHand, { expiresOn: '2026-12-15' }),
      buildShelfEntry(hillside, bo, earthsea, { expiresOn: '2026-12-14' }),
    ];
    const expired = buildShelfEntry(hillside, cy, middlemarch, {
      expired: true,
      expiresOn: '2026-12-01',
    });
    let entries = [...waiting, expired];
    holds.holdShelf = () => ({ status: 200, body: { branch: hillside, entries } });

    await page.getByRole('link', { name: 'Check In', exact: true }).first().click();
    const tabs = page.getByRole('navigation', { name: 'Check In and holds' });
    await tabs.getByRole('link', { name: 'Hold shelf', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Hold shelf' }).waitFor();
    // The bar keeps Check In marked: the hold shelf is one of its tabs.
    const current = page.getByRole('navigation', { name: 'Main' }).locator('[aria-current="page"]');
    expect(await current.innerText()).toBe('Check In');

    const waitingRows = page
      .getByRole('table', { name: 'Waiting on the shelf' })
      .locator('tbody tr');
    const expiredRows = page.getByRole('table', { name: 'Expired holds' }).locator('tbody tr');
    await expect.poll(() => waitingRows.count()).toBe(2);
    expect(await expiredRows.count()).toBe(1);
    await expectText(waitingRows.nth(0), 'REA, A.');
    await expectText(waitingRows.nth(0), leftHand.title);
    await expectText(waitingRows.nth(0), leftHand.barcode);
    await expectText(waitingRows.nth(0), 'Tue 15 Dec 2026');
    expect(
      await waitingRows.nth(0).getByRole('link', { name: 'REA, A.' }).getAttribute('href'),
    ).toBe(`/patrons/${ada.barcode}`);
    await expectText(expiredRows.nth(0), 'LEN, C.');
    await expectText(expiredRows.nth(0), 'Tue 1 Dec 2026');
    expect(await accessibilityViolations(page, 'Hold shelf')).toEqual([]);
    await page.screenshot({ path: resolve(SCREENSHOTS_DIR, 'hold-shelf.png') });

    // A barcode the server refuses: named in the alert, nothing cleared, focus kept.
    holds.clear = () => ({
      status: 404,
      body: { error: { code: 'ITEM_NOT_FOUND', message: 'No item has this barcode.' } },
    });
    const itemField = page.getByLabel('Item barcode', { exact: true });
    await itemField.focus();
    await page.keyboard.type('31000000009999\n');
    await expectText(
      page.getByRole('alert'),
      'Item 31000000009999 was not cleared from the shelf: No item has this barcode.',
    );
    expect(await isFocused(itemField)).toBe(true);

    // The expired hold's item fills the next hold, at another branch: in transit, with its slip.
    await recordPrints(page);
    holds.clear = (itemBarcode) => {
      entries = [...waiting];
      return {
        status: 200,
        body: {
          expiredHold: { ...expired.hold, status: 'expired', endedAt: RETURNED_AT },
          routing: transitRouting(
            transitSlip(hillside, main, { ...middlemarch, barcode: itemBarcode }, bo),
          ),
        },
      };
    };
    await page.keyboard.type(`${middlemarch.barcode}\n`);
    await expectText(page.getByRole('alert'), 'Send to Main Library — a hold waits there');
    await expect.poll(() => expiredRows.count()).toBe(0);
    await expectText(page.getByRole('main'), 'No expired holds to clear today.');
    expect(await waitingRows.count()).toBe(2);
    await expect.poll(async () => (await printedReceipts(page)).length).toBe(1);
    expect((await printedReceipts(page))[0]!.text).toContain('To: Main Library');
    const cleared = holds.requests.filter((r) => r.path === '/api/hold-shelf/clear');
    expect(cleared.map((r) => r.body)).toEqual([
      { itemBarcode: '31000000009999' },
      { itemBarcode: middlemarch.barcode },
    ]);
    expect(await isFocused(itemField)).toBe(true);
  });

  it('lists the items in transit, incoming and outgoing', async () => {
    holds.transits = () => ({
      status: 200,
      body: {
        branch: hillside,
        incoming: [buildTransit(main, hillside, leftHand, 'hold')],
        outgoing: [
          buildTransit(hillside, main, middlemarch, 'hold'),
          buildTransit(hillside, main, remains, 'home'),
        ],
      },
    });
    const tabs = page.getByRole('navigation', { name: 'Check In and holds' });
    await tabs.getByRole('link', { name: 'In transit', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'In transit' }).waitFor();

    const incoming = page.getByRole('table', { name: 'Incoming' }).locator('tbody tr');
    const outgoing = page.getByRole('table', { name: 'Outgoing' }).locator('tbody tr');
    await expect.poll(() => incoming.count()).toBe(1);
    await expectText(incoming.nth(0), leftHand.title);
    await expectText(incoming.nth(0), 'Main Library');
    await expectText(incoming.nth(0), 'For a hold');
    expect(await outgoing.count()).toBe(2);
    await expectText(outgoing.nth(1), remains.barcode);
    await expectText(outgoing.nth(1), 'Going home');
    expect(await accessibilityViolations(page, 'In transit')).toEqual([]);
    await page.screenshot({ path: resolve(SCREENSHOTS_DIR, 'in-transit.png') });
  });
});
