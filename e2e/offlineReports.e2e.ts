// Offline uploads in the staff app, against the real server and the demo library: a supervisor
// uploads a circa-offline file and a Koha .koc file, reads the report, filters it, downloads it as
// CSV, sees a malformed file refused by line, and works the exceptions queue; the desk is not
// offered the supervisor pages. Screenshots for docs/offline-uploads.md are taken on the way.
import { expectText } from './support/expectText.ts';
import Database from 'better-sqlite3';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withCheckDigit } from '../src/shared/barcodes/barcodes.ts';
import { writeOfflineFile } from '../src/shared/offlineFile/index.ts';
import { offlineWorkstation } from '../src/server/offline/fixtures.testing.ts';
import {
  OfflineExceptionsPage,
  OfflineReportPage,
  UploadOfflineFilePage,
} from './pages/OfflineReportsPages.ts';
import { SignInPage } from './pages/SignInPage.ts';
import { DESK_VIEWPORT, launchBrowser, type TestBrowser } from './support/browser.ts';
import { openDemoData, type DemoData } from './support/demoData.ts';
import { startServer, type CircaServer } from './support/server.ts';

const DEMO_PASSWORD = 'circa-demo';
const OFFLINE_WORKSTATION = 'E2E-DESK-9';
const SCREENSHOTS_DIR = resolve(import.meta.dirname, '..', 'docs', 'images');
const HOUR_MS = 3_600_000;
/** Valid by the demo barcode rules (14 digits, check digit), but nobody's card and no item. */
const UNKNOWN_PATRON = withCheckDigit('2999999999999');
const UNKNOWN_ITEM = withCheckDigit('3999999999999');

/** A .koc time, "2026-03-02 10:15:30 000", in the branch's local time. */
function kocTime(epochMs: number, timeZone: string): string {
  // Swedish dates are ISO-like: "2026-03-02 10:15:30".
  const local = new Intl.DateTimeFormat('sv-SE', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).format(epochMs);
  return `${local} 000`;
}

const mainNavigation = (page: Page) => page.getByRole('navigation', { name: 'Main' });

/** Supervisors reach Upload offline file from Offline uploads. */
async function openUploadOfflineFile(page: Page): Promise<void> {
  await mainNavigation(page).getByRole('link', { name: 'Offline uploads' }).click();
  await page.getByRole('main').getByRole('link', { name: 'Upload offline file' }).click();
}

/** 'YYYY-MM-DD' of an instant in a time zone. */
function branchDay(epochMs: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone }).format(epochMs);
}

describe('offline uploads, reports and exceptions in the browser', () => {
  let server: CircaServer;
  let browser: TestBrowser;
  let demo: DemoData;
  let page: Page;
  let files: string;
  let patron: { barcode: string; name: string; patronTypeId: number };
  let items: string[];
  let onLoan: { itemBarcode: string; patronBarcode: string };
  /** When the transactions of the uploaded file happened. */
  let uploadedAt: number[];
  /** The workstation the supervisor signs in at. */
  let workstation: string;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS_DIR, { recursive: true });
    files = mkdtempSync(join(tmpdir(), 'circa-offline-files-'));
    server = await startServer();
    demo = openDemoData(server.databasePath);
    patron = demo.goodPatron();
    onLoan = demo.itemOnLoan();
    items = demo.availableItems(patron.patronTypeId, 3);
    browser = await launchBrowser({ baseURL: server.url });
    page = browser.page;
    const signIn = new SignInPage(page);
    await signIn.goto('/checkout');
    await signIn.signIn('super', DEMO_PASSWORD);
    workstation = await signIn.answerWorkstation();
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
  });

  afterAll(async () => {
    demo?.close();
    await browser?.dispose();
    await server?.dispose();
    if (files) rmSync(files, { recursive: true, force: true });
  });

  it('uploads a circa-offline file and says at once what became of each transaction', async () => {
    const start = Date.now() - 3 * HOUR_MS;
    const desk = offlineWorkstation({
      name: OFFLINE_WORKSTATION,
      branchCode: 'MAIN',
      staffUsername: 'desk',
    });
    const recorded = [
      desk.checkOut({ patronBarcode: patron.barcode, itemBarcode: items[0]!, occurredAt: start }),
      desk.checkOut({
        patronBarcode: patron.barcode,
        itemBarcode: onLoan.itemBarcode,
        occurredAt: start + 60_000,
      }),
      desk.checkOut({
        patronBarcode: UNKNOWN_PATRON,
        itemBarcode: items[1]!,
        occurredAt: start + 120_000,
      }),
      // Number 4 stays behind on the workstation: the uploads page must notice it is missing.
      desk.checkOut({
        patronBarcode: patron.barcode,
        itemBarcode: items[2]!,
        occurredAt: start + 150_000,
      }),
      desk.checkOut({
        patronBarcode: patron.barcode,
        itemBarcode: UNKNOWN_ITEM,
        occurredAt: start + 180_000,
      }),
    ];
    const uploaded = recorded.filter((t) => t.sequence !== 4);
    uploadedAt = uploaded.map((t) => t.occurredAt);
    const path = join(files, `circa-offline-${OFFLINE_WORKSTATION}.jsonl`);
    writeFileSync(
      path,
      writeOfflineFile({
        workstation: OFFLINE_WORKSTATION,
        branchCode: 'MAIN',
        exportedAt: start + HOUR_MS,
        transactions: uploaded,
      }),
    );

    await openUploadOfflineFile(page);
    const upload = new UploadOfflineFilePage(page);
    await upload.upload(path);
    await expectText(upload.summary, /The server has 4 transactions from this sending/);
    const summary = await upload.summary.innerText();
    expect(summary).toMatch(/^1 applied$/m);
    expect(summary).toMatch(/^1 applied with warnings$/m);
    expect(summary).toMatch(/^2 became exceptions for a supervisor to resolve$/m);
    await page.screenshot({ path: resolve(SCREENSHOTS_DIR, 'offline-upload-file.png') });

    await upload.summary.getByRole('link', { name: 'View report' }).click();
    await page.waitForURL(/\/offline-uploads\/\d+$/);
    const report = new OfflineReportPage(page);
    await expect.poll(() => report.rows.count(), { timeout: 10_000 }).toBe(4);
    const taken = report.row(onLoan.itemBarcode);
    expect(await taken.innerText()).toContain('Applied with warning');
    // Who the file says recorded it, beside who verifiably sent it, and the flag for review.
    const cells = await taken.locator('td').allInnerTexts();
    expect(cells.at(-1)).toMatch(new RegExp(`^desk\\s+sent by super at ${workstation}$`));
    expect(await taken.innerText()).toContain('for supervisor review');
    // Whose the patron is, and who had the item before, in the Patron column.
    expect(cells[2]).toMatch(
      new RegExp(`^Lent to\\s+${patron.name}\\s+${patron.barcode}\\s+Had the item before\\s+`),
    );
    expect(cells[2]).toContain(onLoan.patronBarcode);
    // The patron by name and the item by title, each linked to its page; an unknown barcode
    // has no page, so it stays plain text.
    const lent = report.row(items[0]!);
    expect(
      await lent.getByRole('link', { name: patron.name, exact: true }).getAttribute('href'),
    ).toBe(`/patrons/${patron.barcode}`);
    const title = lent.locator(`a[href="/items/${items[0]}"]`);
    expect(await title.innerText()).toMatch(/\S/);
    expect(await title.innerText()).not.toBe(items[0]);
    expect(await report.row(UNKNOWN_PATRON).locator('a[href^="/patrons/"]').count()).toBe(0);
    // The table scrolls inside a region a keyboard reaches, named by its caption; on a wide
    // screen it uses the width, so nothing needs scrolling and times stay on one line.
    const region = page.getByRole('region', { name: /^Transactions of upload \d+$/ });
    expect(await region.getAttribute('tabindex')).toBe('0');
    await page.setViewportSize({ width: 1920, height: 1080 });
    try {
      expect(await region.evaluate((element) => element.scrollWidth <= element.clientWidth)).toBe(
        true,
      );
      const timeLines = await lent
        .locator('td')
        .first()
        .locator('span')
        .first()
        .evaluate((cell) => {
          const range = document.createRange();
          range.selectNodeContents(cell);
          return new Set([...range.getClientRects()].map((rect) => Math.round(rect.top))).size;
        });
      expect(timeLines).toBe(1);
      expect(await region.evaluate((element) => element.clientWidth)).toBeGreaterThan(1500);
    } finally {
      await page.setViewportSize(DESK_VIEWPORT);
    }

    await report.outcome.selectOption({ label: 'Exception (2)' });
    await expect.poll(() => report.rows.count()).toBe(2);
    expect(page.url()).toMatch(/\?outcome=exception$/);
    await expectText(report.row(UNKNOWN_PATRON), /patron barcode .* not known|not known/i);
    await page.screenshot({ path: resolve(SCREENSHOTS_DIR, 'offline-report.png'), fullPage: true });

    const href = await report.downloadCsv.getAttribute('href');
    expect(href).toMatch(/^\/api\/offline\/report\.csv\?uploadId=\d+&outcome=exception$/);
    const csv = await page.request.get(href!);
    expect(csv.status()).toBe(200);
    expect(csv.headers()['content-type']).toMatch(/^text\/csv/);
    const lines = (await csv.text()).trim().split(/\r?\n/);
    expect(lines).toHaveLength(3);
    expect(lines.slice(1).join('\n')).toContain(UNKNOWN_PATRON);
  });

  it('lists the upload and says which transactions have not arrived', async () => {
    await mainNavigation(page).getByRole('link', { name: 'Offline uploads' }).click();
    const missing = page.getByRole('region', { name: 'Missing transactions' });
    await expectText(
      missing,
      new RegExp(`transaction 4 from workstation ${OFFLINE_WORKSTATION} has not arrived`, 'i'),
    );
    const uploads = page.getByRole('table', { name: 'Uploads, latest first' });
    await expectText(uploads, `Offline file circa-offline-${OFFLINE_WORKSTATION}.jsonl`);

    await missing
      .getByRole('link', { name: `Report for ${OFFLINE_WORKSTATION}` })
      .first()
      .click();
    await expectText(
      page.getByRole('heading', { level: 1 }),
      `Offline report for workstation ${OFFLINE_WORKSTATION}`,
    );
    await expect.poll(() => new OfflineReportPage(page).rows.count()).toBe(4);

    // By workstation and day: the day in the branch's time zone (MAIN is in Chicago).
    const day = branchDay(uploadedAt[0]!, 'America/Chicago');
    await mainNavigation(page).getByRole('link', { name: 'Offline uploads' }).click();
    const finder = page.getByRole('region', { name: 'Report by workstation and day' });
    await finder.getByLabel('Workstation').fill(OFFLINE_WORKSTATION);
    await finder.getByLabel('Day').fill(day);
    await finder.getByRole('button', { name: 'Show report' }).click();
    await page.waitForURL(`**/offline-report?workstation=${OFFLINE_WORKSTATION}&day=${day}`);
    await expectText(
      page.getByRole('heading', { level: 1 }),
      `Offline report for workstation ${OFFLINE_WORKSTATION} on `,
    );
    const sameDay = uploadedAt.filter((t) => branchDay(t, 'America/Chicago') === day).length;
    await expect.poll(() => new OfflineReportPage(page).rows.count()).toBe(sameDay);
  });

  it('refuses a malformed file whole, naming the line and field, and stores nothing', async () => {
    const desk = offlineWorkstation({
      name: 'E2E-DESK-BAD',
      branchCode: 'MAIN',
      staffUsername: 'desk',
    });
    const good = writeOfflineFile({
      workstation: 'E2E-DESK-BAD',
      branchCode: 'MAIN',
      exportedAt: Date.now(),
      transactions: [
        desk.checkOut({
          patronBarcode: patron.barcode,
          itemBarcode: items[1]!,
          occurredAt: Date.now() - HOUR_MS,
        }),
        desk.checkIn({ itemBarcode: items[1]!, occurredAt: Date.now() - HOUR_MS / 2 }),
      ],
    });
    const path = join(files, 'broken.jsonl');
    writeFileSync(path, good.replace('"check_in"', '"check_inn"'));

    await openUploadOfflineFile(page);
    const upload = new UploadOfflineFilePage(page);
    await upload.upload(path);
    await expectText(upload.alert, /nothing from it was stored/i);
    const alert = await upload.alert.innerText();
    expect(alert).toContain('broken.jsonl was not uploaded: nothing from it was stored.');
    expect(alert).toMatch(/^line 3, field type: /m);

    await mainNavigation(page).getByRole('link', { name: 'Offline uploads' }).click();
    await expectText(
      page.getByRole('table', { name: 'Uploads, latest first' }),
      OFFLINE_WORKSTATION,
    );
    expect(
      await page.getByRole('table', { name: 'Uploads, latest first' }).innerText(),
    ).not.toContain('broken.jsonl');
  });

  it('fixes a barcode and applies an exception again, dismisses another, and records who and when', async () => {
    // Offline exceptions is reached from Offline uploads, which keeps the bar to one row.
    await mainNavigation(page).getByRole('link', { name: 'Offline uploads' }).click();
    await page.getByRole('main').getByRole('link', { name: 'Offline exceptions' }).click();
    const queue = new OfflineExceptionsPage(page);
    const unknownPatron = `Check out at ${OFFLINE_WORKSTATION}, no. 3`;
    const unknownItem = `Check out at ${OFFLINE_WORKSTATION}, no. 5`;
    await queue.exception(unknownPatron).waitFor();
    // Prefilled with what was recorded.
    await expect
      .poll(() => queue.exception(unknownPatron).getByLabel('Patron barcode').inputValue())
      .toBe(UNKNOWN_PATRON);

    // Applied again unchanged, it fails again: the card says so, and so does its history.
    await queue.applyAgain(unknownPatron, {});
    await expectText(queue.notice(unknownPatron), /^Tried again: still an exception\. /);
    await expectText(
      queue.exception(unknownPatron),
      /Tried again by Sam Supervisor \(super\) on .*: still /,
    );
    expect(await queue.exception(unknownPatron).innerText()).not.toContain('Applied again by');

    await queue.applyAgain(unknownPatron, { patronBarcode: patron.barcode });
    await expectText(
      queue.exception(unknownPatron),
      /Applied again by Sam Supervisor \(super\) on /,
    );
    expect(await queue.exception(unknownPatron).innerText()).toMatch(
      new RegExp(`^Applied\\s.*checked out to patron ${patron.barcode}`, 'm'),
    );
    await expect(
      queue.exception(unknownPatron).getByRole('button', { name: 'Apply again' }).count(),
    ).resolves.toBe(0);
    // The pressed button is gone: focus is on the resolved card's heading, not lost to the page.
    await expect
      .poll(() =>
        queue
          .exception(unknownPatron)
          .getByRole('heading', { level: 2 })
          .evaluate((heading) => heading === document.activeElement),
      )
      .toBe(true);

    // For the docs: one exception resolved with its history, one still open with its forms.
    await queue
      .exception(unknownItem)
      .getByLabel('Reason')
      .fill('Not our item: a label from another library');
    await page.screenshot({
      path: resolve(SCREENSHOTS_DIR, 'offline-exceptions.png'),
      fullPage: true,
    });
    // Without a reason: one plain sentence, not a list of fields.
    await queue.dismiss(unknownItem, '');
    await expectText(
      queue.exception(unknownItem).getByRole('alert'),
      /^Say why you dismiss this exception: type the reason, then choose Dismiss\.$/,
    );
    await queue.dismiss(unknownItem, 'Not our item: a label from another library');
    await expectText(
      queue.exception(unknownItem),
      /Dismissed by Sam Supervisor \(super\) on .*: Not our item: a label from another library/,
    );

    // Reloaded, the open queue is empty; resolved ones come back with the toggle.
    await page.reload();
    await expectText(page.getByRole('status'), /No open exceptions/);
    await queue.showResolved.check();
    await queue.exception(unknownItem).waitFor();
    expect(await queue.exception(unknownPatron).innerText()).toContain(
      'Applied again by Sam Supervisor',
    );
  });

  it('imports a Koha .koc file: an issue becomes a loan and a return checks in', async () => {
    const [returned] = demo.openLoans(patron.barcode).filter((l) => l.itemBarcode === items[0]);
    expect(returned).toBeDefined();
    const [kocItem] = demo.availableItems(patron.patronTypeId, 1, items);
    const now = Date.now();
    // .koc lines hold the local time of the branch where they were recorded: the uploader's.
    const timeZone = demo.branchTimeZone(workstation);
    const path = join(files, 'desk.koc');
    writeFileSync(
      path,
      [
        'Version=1.0\tGenerator=kocDesktop\tGeneratorVersion=2.0.0',
        `${kocTime(now - 2 * HOUR_MS, timeZone)}\tissue\t${patron.barcode}\t${kocItem!}`,
        `${kocTime(now - HOUR_MS, timeZone)}\treturn\t${items[0]!}`,
        '',
      ].join('\r\n'),
    );
    await openUploadOfflineFile(page);
    const upload = new UploadOfflineFilePage(page);
    await upload.upload(path);
    await expectText(upload.summary, /The server has 2 transactions from this sending/);
    expect(await upload.summary.innerText()).toMatch(/^2 applied$/m);
    const loans = demo.openLoans(patron.barcode).map((l) => l.itemBarcode);
    expect(loans).toContain(kocItem);
    expect(loans).not.toContain(items[0]);

    await upload.summary.getByRole('link', { name: 'View report' }).click();
    const report = new OfflineReportPage(page);
    await expect.poll(() => report.rows.count(), { timeout: 10_000 }).toBe(2);
    expect(await report.row(items[0]!).innerText()).toContain('Check in');
    await expectText(page.getByRole('main'), 'Koha .koc file desk.koc');
  });

  it('offers the desk the report but not the supervisor pages', async () => {
    await page.getByRole('button', { name: 'super', exact: true }).click();
    await page.getByRole('menuitem', { name: 'Sign out', exact: true }).click();
    const signIn = new SignInPage(page);
    await signIn.username.waitFor();
    await signIn.signIn('desk', DEMO_PASSWORD);
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'Offline uploads' }).waitFor();
    expect(await nav.getByRole('link', { name: 'Offline exceptions' }).count()).toBe(0);
    await nav.getByRole('link', { name: 'Offline uploads' }).click();
    await page.getByRole('heading', { name: 'Offline uploads', level: 1 }).waitFor();
    expect(await page.getByRole('link', { name: 'Upload offline file' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Offline exceptions' }).count()).toBe(0);

    await page.goto('/offline-exceptions');
    await expectText(page.getByRole('main'), /You need a supervisor or administrator account/);
    await page.goto('/offline-uploads/new');
    await expectText(page.getByRole('main'), /You need a supervisor or administrator account/);
    expect(await page.getByLabel('Offline file', { exact: true }).count()).toBe(0);
  });

  it('gives the desk its own workstation’s report, and other workstations’ only to supervisors', async () => {
    await mainNavigation(page).getByRole('link', { name: 'Offline uploads' }).click();
    // The supervisor's uploads came from E2E-DESK-9 and a .koc import: not this desk's to open.
    expect(await page.getByRole('link', { name: /^Report of upload/ }).count()).toBe(0);
    const finder = page.getByRole('region', { name: 'Report of this workstation by day' });
    expect(await finder.getByLabel('Workstation').count()).toBe(0);
    await finder.getByRole('button', { name: 'Show report' }).click();
    const heading = page.getByRole('heading', { level: 1 });
    await expectText(heading, `Offline report for workstation ${workstation}`);
    expect(await page.getByRole('main').innerText()).not.toContain('Had the item before');

    // An address naming another workstation still shows this desk's own report.
    await page.goto(`/offline-report?workstation=${OFFLINE_WORKSTATION}`);
    await expectText(heading, `Offline report for workstation ${workstation}`);
    const database = new Database(server.databasePath, { readonly: true });
    const { id } = database
      .prepare('select min(id) as id from offline_uploads where workstation = ?')
      .get(OFFLINE_WORKSTATION) as { id: number };
    database.close();
    await page.goto(`/offline-uploads/${id}`);
    await expectText(
      page.getByRole('main'),
      /Only supervisors can read the offline report of another workstation/,
    );
  });
});
