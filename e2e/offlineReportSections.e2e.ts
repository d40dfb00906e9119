// The offline report's sections, against the real server and the demo library at a desk's 1280
// pixels: an upload holding a check-in caught for a hold, one sent in transit, a registration and
// a check-out lent anyway (seeded in the database as processing leaves them), then the report of a
// sending whose first answer was lost. Screenshots for docs/offline-uploads.md are taken on the way.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { v7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OfflineReportPage } from './pages/OfflineReportsPages.ts';
import { SignInPage } from './pages/SignInPage.ts';
import { accessibilityViolations } from './support/axe.ts';
import { DESK_VIEWPORT, launchBrowser, type TestBrowser } from './support/browser.ts';
import { openDemoData, type DemoData } from './support/demoData.ts';
import { expectText } from './support/expectText.ts';
import { startServer, type CircaServer } from './support/server.ts';

const DEMO_PASSWORD = 'circa-demo';
const WORKSTATION = 'E2E-DESK-SECTIONS';
const SCREENSHOTS_DIR = resolve(import.meta.dirname, '..', 'docs', 'images');
const HOUR_MS = 3_600_000;

interface Seeded {
  uploadId: number;
  trapped: { barcode: string; title: string };
  sent: { barcode: string; title: string };
  transitBranchName: string;
  newPatron: { barcode: string; name: string };
  lentTo: { barcode: string; name: string };
  returner: { barcode: string; name: string };
}

/**
 * An upload as the server leaves it once processed: the database is the only way in while the
 * upload route refuses the new types, and it also lets the test say where each item went.
 */
function seedUpload(databasePath: string, demo: DemoData): Seeded {
  const db = new Database(databasePath);
  try {
    const one = <T>(sql: string, ...params: unknown[]) => db.prepare(sql).get(...params) as T;
    const staff = one<{ id: number }>(`select id from staff_users where username = 'super'`);
    const main = one<{ id: number; code: string; name: string }>(
      `select id, code, name from branches where code = 'MAIN'`,
    );
    const other = one<{ id: number; code: string; name: string }>(
      `select id, code, name from branches where code <> 'MAIN' order by id limit 1`,
    );
    const patron = demo.goodPatron();
    const [trappedBarcode, sentBarcode, lentBarcode] = demo.availableItems(patron.patronTypeId, 3);
    const item = (barcode: string) =>
      one<{ id: number; barcode: string; title: string; titleId: number }>(
        `select id, barcode, title, title_id as titleId from items where barcode = ?`,
        barcode,
      );
    const trapped = item(trappedBarcode!);
    const sent = item(sentBarcode!);
    const lent = item(lentBarcode!);
    const others = db
      .prepare(
        `select id, barcode, name from patrons where block_reason is null and barcode <> ?
         order by id limit 2`,
      )
      .all(patron.barcode) as { id: number; barcode: string; name: string }[];
    const [holder, returner] = others as [(typeof others)[0], (typeof others)[0]];
    const lentTo = one<{ id: number; barcode: string; name: string }>(
      `select id, barcode, name from patrons where barcode = ?`,
      patron.barcode,
    );
    const now = Date.now();
    const addHold = db.prepare(
      `insert into holds (patron_id, title_id, item_id, pickup_branch_id, placed_at, status,
         trapped_item_id, trapped_at)
       values (?, ?, null, ?, ?, ?, ?, ?) returning id`,
    );
    const shelfHold = addHold.get(
      holder.id,
      trapped.titleId,
      main.id,
      now - 48 * HOUR_MS,
      'on_shelf',
      trapped.id,
      now - HOUR_MS,
    ) as { id: number };
    const transitHold = addHold.get(
      holder.id,
      sent.titleId,
      other.id,
      now - 48 * HOUR_MS,
      'in_transit',
      sent.id,
      now - HOUR_MS,
    ) as { id: number };
    const patronType = one<{ id: number }>(
      `select patron_type_id as id from patrons where barcode = ?`,
      patron.barcode,
    );
    const newPatron = { barcode: '29000000000017', name: 'Dora Newcomer' };
    const created = one<{ id: number }>(
      `insert into patrons (barcode, name, patron_type_id, home_branch_id, expires_on, block_reason, email)
       values (?, ?, ?, ?, '2030-01-01', null, 'dora@example.org') returning id`,
      newPatron.barcode,
      newPatron.name,
      patronType.id,
      main.id,
    );

    const upload = one<{ id: number }>(
      `insert into offline_uploads (received_at, staff_user_id, workstation, sent_from, source,
         file_name, transaction_count, new_count, duplicate_count)
       values (?, ?, ?, ?, 'client', null, 4, 4, 0) returning id`,
      now,
      staff.id,
      WORKSTATION,
      WORKSTATION,
    );
    const insert = db.prepare(
      `insert into offline_transactions (id, upload_id, type, workstation, sequence, branch_code,
         staff_username, occurred_at, clock_offset_ms, corrected_at, occurred_day, patron_barcode,
         item_barcode, due_at, due_date_basis, payload, status, outcome, message, codes,
         previous_patron_barcode, processed_at, supervisor_review, routed_to, routed_hold_id,
         routed_branch_id, created_patron_id)
       values (@id, @upload, @type, @workstation, @sequence, 'MAIN', 'desk', @at, 0, @at, @day,
         @patron, @item, @due, @basis, @payload, @status, @outcome, @message, @codes, @previous,
         @at, @review, @routedTo, @holdId, @branchId, @createdId)`,
    );
    const start = now - 3 * HOUR_MS;
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Chicago' }).format(start);
    let sequence = 0;
    const row = (fields: Record<string, unknown>) => {
      sequence += 1;
      const at = start + sequence * 60_000;
      const id = v7();
      const payload = {
        id,
        sequence,
        workstation: WORKSTATION,
        branchCode: 'MAIN',
        staffUsername: 'desk',
        occurredAt: at,
        clockOffsetMs: 0,
        ...(fields['payload'] as object),
      };
      insert.run({
        id,
        upload: upload.id,
        workstation: WORKSTATION,
        sequence,
        at,
        day,
        patron: null,
        item: null,
        due: null,
        basis: null,
        status: 'applied',
        outcome: null,
        message: null,
        codes: '[]',
        previous: null,
        review: 0,
        routedTo: null,
        holdId: null,
        branchId: null,
        createdId: null,
        ...fields,
        payload: JSON.stringify(payload),
      });
    };
    row({
      type: 'check_in',
      item: trapped.barcode,
      previous: returner.barcode,
      message: `Checked in from patron ${returner.barcode}; caught for a hold`,
      routedTo: 'hold_shelf',
      holdId: shelfHold.id,
      branchId: main.id,
      payload: { type: 'check_in', itemBarcode: trapped.barcode },
    });
    row({
      type: 'check_in',
      item: sent.barcode,
      message: 'Checked in; wanted for a hold at another branch',
      routedTo: 'transit',
      holdId: transitHold.id,
      branchId: other.id,
      payload: { type: 'check_in', itemBarcode: sent.barcode },
    });
    row({
      type: 'registration',
      patron: newPatron.barcode,
      createdId: created.id,
      message: `Patron ${newPatron.barcode} registered`,
      payload: {
        type: 'registration',
        patronBarcode: newPatron.barcode,
        name: newPatron.name,
        patronTypeCode: 'ADULT',
        email: 'dora@example.org',
      },
    });
    const due = start + 21 * 24 * HOUR_MS;
    row({
      type: 'check_out',
      patron: lentTo.barcode,
      item: lent.barcode,
      due,
      basis: JSON.stringify({ kind: 'rule', loanDays: 21 }),
      status: 'applied_with_warning',
      outcome: 'LENT_ANYWAY',
      codes: '["LENT_ANYWAY"]',
      message: 'Checked out to a card the block list named',
      review: 1,
      payload: {
        type: 'check_out',
        patronBarcode: lentTo.barcode,
        itemBarcode: lent.barcode,
        dueAt: due,
        dueDateBasis: { kind: 'rule', loanDays: 21 },
        lentAnyway: { reason: 'blocked', listMadeAt: start - 2 * HOUR_MS },
      },
    });
    return {
      uploadId: upload.id,
      trapped,
      sent,
      transitBranchName: other.name,
      newPatron,
      lentTo,
      returner,
    };
  } finally {
    db.close();
  }
}

describe('the offline report’s sections at a desk’s 1280 pixels', () => {
  let server: CircaServer;
  let browser: TestBrowser;
  let demo: DemoData;
  let page: Page;
  let seeded: Seeded;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS_DIR, { recursive: true });
    server = await startServer();
    demo = openDemoData(server.databasePath);
    seeded = seedUpload(server.databasePath, demo);
    browser = await launchBrowser({ baseURL: server.url });
    page = browser.page;
    await new SignInPage(page).signInAtDesk('super', DEMO_PASSWORD);
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
  });

  afterAll(async () => {
    demo?.close();
    await browser?.dispose();
    await server?.dispose();
  });

  it('lists what to take to the hold shelf and to send in transit above the table', async () => {
    expect(page.viewportSize()).toEqual(DESK_VIEWPORT);
    await page.goto(`/offline-uploads/${seeded.uploadId}`);
    const holdShelf = page.getByRole('region', { name: 'To hold shelf (1)' });
    await expectText(holdShelf, seeded.trapped.barcode);
    const shelfRow = holdShelf.getByRole('row').filter({ hasText: seeded.trapped.barcode });
    expect(await shelfRow.innerText()).toContain(seeded.trapped.title);
    // The hold slip's short name: enough to find the item, too little for a passer-by.
    expect(await shelfRow.innerText()).toMatch(/[A-Z]{2,3}, [A-Z]\./);
    const transit = page.getByRole('region', { name: 'To send in transit (1)' });
    expect(await transit.innerText()).toContain(seeded.transitBranchName);
    const patrons = page.getByRole('region', { name: 'New patrons (1)' });
    expect(
      await patrons.getByRole('link', { name: seeded.newPatron.name }).getAttribute('href'),
    ).toBe(`/patrons/${seeded.newPatron.barcode}`);
    const counts = page.locator('dl.outcome-counts');
    await expectText(counts, /To hold shelf\s*1/);
    await expectText(counts, /To send in transit\s*1/);
    await expectText(counts, /New patrons\s*1/);
    await expectText(counts, /Lent anyway\s*1/);
    await page.screenshot({
      path: resolve(SCREENSHOTS_DIR, 'offline-report-hold-shelf.png'),
      fullPage: true,
    });
  });

  it('says on every row what the patron column means, and fits 1280 pixels', async () => {
    const report = new OfflineReportPage(page);
    await expect.poll(() => report.rows.count()).toBe(4);
    const checkIn = await report.row(seeded.trapped.barcode).innerText();
    expect(checkIn).toMatch(new RegExp(`Returned by\\s+${seeded.returner.name}`));
    expect(checkIn).toContain('To the hold shelf at');
    expect(await report.row(seeded.newPatron.barcode).innerText()).toMatch(
      new RegExp(`New patron\\s+${seeded.newPatron.name}`),
    );
    const lent = report.row(seeded.lentTo.barcode);
    expect(await lent.innerText()).toMatch(new RegExp(`Lent to\\s+${seeded.lentTo.name}`));
    expect(await lent.innerText()).toContain('Checked out to a card the block list named');

    // Nothing scrolls sideways and each time stays on one line.
    const region = page.getByRole('region', { name: /^Transactions of upload \d+$/ });
    expect(await region.evaluate((element) => element.scrollWidth <= element.clientWidth)).toBe(
      true,
    );
    const time = lent.locator('td').first().locator('span').first();
    const lines = await time.evaluate((span) => {
      const range = document.createRange();
      range.selectNodeContents(span);
      return new Set([...range.getClientRects()].map((rect) => Math.round(rect.top))).size;
    });
    expect(lines).toBe(1);
    // The table itself, as wide as a 1280-pixel screen leaves it.
    await region.screenshot({ path: resolve(SCREENSHOTS_DIR, 'offline-report-at-1280.png') });
    expect(await accessibilityViolations(page, 'the offline report with its lists')).toEqual([]);

    await page.getByLabel('Show', { exact: true }).selectOption({ label: 'Lent anyway (1)' });
    await expect.poll(() => report.rows.count()).toBe(1);
    expect(page.url()).toMatch(/\?review=lent_anyway$/);
  });

  it('shows a sending whose first answer was lost with the transactions it carried', async () => {
    // The same four were sent again after the answer was lost: a second upload stored none.
    const db = new Database(server.databasePath);
    const again = db
      .prepare(
        `insert into offline_uploads (received_at, staff_user_id, workstation, sent_from, source,
           file_name, transaction_count, new_count, duplicate_count)
         select ?, staff_user_id, workstation, sent_from, source, null, 4, 0, 4
         from offline_uploads where id = ? returning id`,
      )
      .get(Date.now(), seeded.uploadId) as { id: number };
    db.close();
    await page.goto(`/offline-report?workstation=${WORKSTATION}&from=1&to=4&sent-in=${again.id}`);
    await expectText(
      page.getByRole('heading', { level: 1 }),
      `Offline report for workstation ${WORKSTATION}, transactions 1–4`,
    );
    const report = new OfflineReportPage(page);
    await expect.poll(() => report.rows.count()).toBe(4);
    const marked = report.rows.filter({ hasText: `stored before, with upload ${seeded.uploadId}` });
    expect(await marked.count()).toBe(4);
    expect(
      await marked
        .first()
        .getByRole('link', { name: `upload ${seeded.uploadId}` })
        .getAttribute('href'),
    ).toBe(`/offline-uploads/${seeded.uploadId}`);
  });
});
