// Renewals at the desk, against the real server and the demo library: "Renew" on a loan of the
// patron's page shows the new due date and count at once, "Renew all" renews the rest, a renewal
// past the rule's limit is refused with its reason and the refusal sound, and a supervisor on
// Check Out renews it anyway with a reason, focus back in the scan field.
import { resolve } from 'node:path';
import Database from 'better-sqlite3';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeDueDate, type BranchCalendar } from '../src/shared/calendar/dueDates.ts';
import { formatDate } from '../src/shared/calendar/formatDates.ts';
import { CheckOutPage } from './pages/CheckOutPage.ts';
import { SignInPage } from './pages/SignInPage.ts';
import { launchBrowser, type TestBrowser } from './support/browser.ts';
import { deskSoundsPlayed, spyOnDeskSounds } from './support/deskSoundSpy.ts';
import { expectText } from './support/expectText.ts';
import { startServer, type CircaServer } from './support/server.ts';

const DEMO_PASSWORD = 'circa-demo';
const DAY_MS = 86_400_000;
const SCREENSHOTS_DIR = resolve(import.meta.dirname, '..', 'docs', 'images');

interface Borrower {
  barcode: string;
  /** Open loans, soonest due first as the screens list them. */
  loans: Array<{
    id: number;
    itemBarcode: string;
    title: string;
    loanDays: number;
    /** The lending branch's time zone: screens show a loan's dates in it. */
    timeZone: string;
  }>;
}

/**
 * A demo patron in good standing with three or more loans made days ago (so a renewal moves the
 * due date), all never renewed, and no holds on their titles. Read-only from the server's file.
 */
function findBorrower(databasePath: string): Borrower {
  const db = new Database(databasePath, { readonly: true, fileMustExist: true });
  try {
    const today = new Date().toISOString().slice(0, 10);
    const before = Date.now() - 3 * DAY_MS;
    const patron = db
      .prepare(
        `select p.barcode from patrons p join loans l on l.patron_id = p.id and l.returned_at is null
         where p.block_reason is null and p.expires_on > date(?, '+60 days')
         group by p.id having count(*) >= 3 and max(l.checked_out_at) < ?
           and max(l.renewal_count) = 0 and max(l.due_at) < ?
         order by p.id limit 1`,
      )
      .get(today, before, Date.now() + 7 * DAY_MS) as { barcode: string } | undefined;
    if (!patron) throw new Error('The demo library has no patron with three older loans.');
    const loans = db
      .prepare(
        `select l.id, i.barcode as itemBarcode, i.title, r.loan_days as loanDays,
           b.time_zone as timeZone
         from loans l join items i on i.id = l.item_id join patrons p on p.id = l.patron_id
         join branches b on b.id = l.branch_id
         join loan_rules r on r.patron_type_id = p.patron_type_id
           and r.material_type_id = i.material_type_id and r.branch_id is null
         where p.barcode = ? and l.returned_at is null order by l.due_at, l.id`,
      )
      .all(patron.barcode) as Borrower['loans'];
    return { barcode: patron.barcode, loans };
  } finally {
    db.close();
  }
}

function loanRow(page: Page, itemBarcode: string): Locator {
  return page.getByRole('row').filter({ hasText: itemBarcode });
}

/** Signs in and names the workstation; returns the workstation's name. */
async function signIn(page: Page, username: string, path: string): Promise<string> {
  const signInPage = new SignInPage(page);
  await signInPage.goto(path);
  await signInPage.signIn(username, DEMO_PASSWORD);
  return signInPage.answerWorkstation();
}

/** The calendar of the workstation's branch, as the server counts due dates by it. */
function calendarOf(databasePath: string, workstation: string): BranchCalendar {
  const db = new Database(databasePath, { readonly: true, fileMustExist: true });
  try {
    const branch = db
      .prepare(
        `select b.id, b.time_zone as timeZone, b.closed_weekdays as closedWeekdays
         from workstations w join branches b on b.id = w.branch_id where w.name = ?`,
      )
      .get(workstation) as { id: number; timeZone: string; closedWeekdays: string };
    const closed = db
      .prepare('select date from closed_days where branch_id = ?')
      .all(branch.id) as Array<{ date: string }>;
    return {
      timeZone: branch.timeZone,
      closedWeekdays: branch.closedWeekdays
        .split(',')
        .filter((day) => day.trim() !== '')
        .map(Number),
      closedDates: new Set(closed.map((row) => row.date)),
    };
  } finally {
    db.close();
  }
}

describe('renewals in the browser', () => {
  let server: CircaServer;
  let desk: TestBrowser;
  let supervisor: TestBrowser;
  let borrower: Borrower;
  /** The calendar of the desk's branch: new due dates follow it. */
  let calendar: BranchCalendar;

  beforeAll(async () => {
    server = await startServer();
    borrower = findBorrower(server.databasePath);
    desk = await launchBrowser({ baseURL: server.url });
    supervisor = await launchBrowser({ baseURL: server.url });
    await spyOnDeskSounds(desk.context);
    await spyOnDeskSounds(supervisor.context);
    const workstation = await signIn(desk.page, 'desk', `/patrons/${borrower.barcode}`);
    // The workstation is saved once the page shows, signed in.
    await desk.page.getByRole('button', { name: 'Renew all', exact: true }).waitFor();
    calendar = calendarOf(server.databasePath, workstation);
    await signIn(supervisor.page, 'super', '/checkout');
  });

  afterAll(async () => {
    await desk?.dispose();
    await supervisor?.dispose();
    await server?.dispose();
  });

  /**
   * The due date a renewal now gives under the loan's rule, past the desk's branch's closed days,
   * as the screens show it: in the time zone of the branch that lent it.
   */
  function dueFromToday(loan: Borrower['loans'][number]): string {
    const due = computeDueDate(Date.now(), { kind: 'loanDays', days: loan.loanDays }, calendar);
    return formatDate(due.dueAt, loan.timeZone);
  }

  it('renews one loan from the patron page, showing the new due date and the count at once', async () => {
    const page = desk.page;
    const [first] = borrower.loans;
    const row = loanRow(page, first!.itemBarcode);
    await row.waitFor();
    await row.getByRole('button', { name: 'Renew', exact: true }).click();
    await expectText(row, 'Renewed once');
    await expectText(row, dueFromToday(first!));
    await expectText(page.getByRole('alert').first(), /Renewed ".*": now due/);
  });

  it('renews all the patron’s loans with "Renew all"', async () => {
    const page = desk.page;
    await page.getByRole('button', { name: 'Renew all', exact: true }).click();
    await expectText(
      page.getByRole('alert').first(),
      `Renewed all ${borrower.loans.length} loans.`,
    );
    await expectText(loanRow(page, borrower.loans[0]!.itemBarcode), 'Renewed 2 times');
    for (const loan of borrower.loans.slice(1)) {
      await expectText(loanRow(page, loan.itemBarcode), 'Renewed once');
      await expectText(loanRow(page, loan.itemBarcode), dueFromToday(loan));
    }
    await page.screenshot({ path: resolve(SCREENSHOTS_DIR, 'renewals-patron.png') });
  });

  it('refuses a renewal past the rule’s limit with the reason and the refusal sound', async () => {
    const page = desk.page;
    const first = borrower.loans[0]!;
    const row = loanRow(page, first.itemBarcode);
    await row.getByRole('button', { name: 'Renew', exact: true }).click();
    await expectText(
      page.getByRole('alert').first(),
      /was not renewed: .* has been renewed 2 times, the most its loan rule allows/,
    );
    await expect.poll(() => deskSoundsPlayed(page)).toEqual(['refusal']);
    // A desk without the supervisor's right is not offered "Renew anyway".
    expect(await page.getByRole('button', { name: 'Renew anyway' }).count()).toBe(0);
    await expectText(row, 'Renewed 2 times');
  });

  it('lets a supervisor renew it anyway on Check Out, with a reason, focus back in the scan field', async () => {
    const page = supervisor.page;
    const checkOut = new CheckOutPage(page);
    const first = borrower.loans[0]!;
    await checkOut.scanPatron(borrower.barcode);
    const row = page
      .getByRole('table', { name: 'Other current loans' })
      .getByRole('row')
      .filter({ hasText: first.itemBarcode });
    await row.getByRole('button', { name: 'Renew', exact: true }).click();
    await expectText(checkOut.alert.first(), /the most its loan rule allows/);
    await page.getByRole('button', { name: 'Renew anyway', exact: true }).click();
    const form = page.getByRole('form', { name: 'Renew anyway' });
    await form.getByRole('textbox').fill('Housebound patron, agreed with the manager');
    await page.screenshot({ path: resolve(SCREENSHOTS_DIR, 'renewals-override.png') });
    await form.getByRole('button', { name: 'Renew with this reason' }).click();
    await expectText(row, 'Renewed 3 times');
    await expect
      .poll(() => checkOut.itemBarcode.evaluate((element) => element === document.activeElement))
      .toBe(true);

    const db = new Database(server.databasePath, { readonly: true, fileMustExist: true });
    try {
      const renewal = db
        .prepare(
          `select r.overridden_code, r.override_reason, s.username from renewals r
           join staff_users s on s.id = r.staff_user_id where r.loan_id = ? order by r.id desc`,
        )
        .get(first.id);
      expect(renewal).toEqual({
        overridden_code: 'RENEWAL_LIMIT_REACHED',
        override_reason: 'Housebound patron, agreed with the manager',
        username: 'super',
      });
    } finally {
      db.close();
    }
  });
});
