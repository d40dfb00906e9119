// Issue 12's scenario against the real server and the demo library: a hold placed for pickup at the
// Eastside Branch on a title whose only copy is out from the Central Library; the copy checked in at
// Central goes in transit with a slip, is received at Eastside (hold slip, banner, on the Hold
// shelf); another borrower's renewal is refused because of a hold; the waiting copy is refused to
// anyone but its patron and lent to them, which fills the hold; a supervisor lends a copy past
// another patron's hold with a reason, recorded. Screenshots for docs/holds-and-renewals.md.
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import Database from 'better-sqlite3';
import { serverQueries } from './support/demoData.ts';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shortPatronName } from '../src/shared/holds/shortPatronName.ts';
import { CheckInPage } from './pages/CheckInPage.ts';
import { CheckOutPage } from './pages/CheckOutPage.ts';
import { TitlePage } from './pages/HoldPages.ts';
import { SignInPage } from './pages/SignInPage.ts';
import { accessibilityViolations } from './support/axe.ts';
import { launchBrowser, type TestBrowser } from './support/browser.ts';
import { deskSoundsPlayed, spyOnDeskSounds } from './support/deskSoundSpy.ts';
import { expectText } from './support/expectText.ts';
import { printedReceipts, recordPrints } from './support/printSpy.ts';
import { startServer, type CircaServer } from './support/server.ts';

const DEMO_PASSWORD = 'circa-demo';
const SCREENSHOTS_DIR = resolve(import.meta.dirname, '..', 'docs', 'images');
/** A workstation of the pickup branch, added to the demo library for this test. */
const EAST_WORKSTATION = 'EAST-DESK-1';
const CENTRAL = 'Central Library';
const EASTSIDE = 'Eastside Branch';

interface Patron {
  barcode: string;
  name: string;
}

interface Copy {
  titleId: number;
  title: string;
  barcode: string;
}

async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: resolve(SCREENSHOTS_DIR, name), fullPage: true });
}

async function isFocused(locator: Locator): Promise<boolean> {
  return locator.evaluate((element) => element === document.activeElement);
}

/** Signs `desk` (or `username`) in at the named workstation (or the one suggested). */
async function signInDesk(
  browser: TestBrowser,
  path: string,
  workstation?: string,
  username = 'desk',
) {
  const signIn = new SignInPage(browser.page);
  await signIn.goto(path);
  await signIn.signIn(username, DEMO_PASSWORD);
  await signIn.answerWorkstation(workstation);
}

function checkInTab(page: Page, name: 'Hold shelf' | 'In transit'): Locator {
  return page
    .getByRole('navigation', { name: 'Check In and holds' })
    .getByRole('link', { name, exact: true });
}

describe('the rest of the desk: a hold travels from Central to Eastside and is collected', () => {
  let server: CircaServer;
  /** A desk at the Central Library, the copies' home and where they were lent. */
  let central: TestBrowser;
  /** A desk at the Eastside Branch, where the hold is collected. */
  let eastside: TestBrowser;
  /** A supervisor at the Central Library. */
  let supervisor: TestBrowser;
  /** Waits at Eastside for the only copy of `wanted`. */
  let holder: Patron;
  /** Has the only copy of `renewed` on loan, renewable but for a hold. */
  let borrower: Patron & { loanId: number; renewalCount: number };
  /** Places a hold on `renewed`, and tries to borrow the copy waiting for `holder`. */
  let other: Patron;
  let wanted: Copy;
  let renewed: Copy;

  const { query, one } = serverQueries(() => server.databasePath);

  /**
   * A title with exactly one copy, at home at the Central Library and lent from there, nobody
   * waiting for it, whose loan rule for its borrower allows another renewal.
   */
  function singleCopyOnLoanFromCentral(skipTitleId = 0) {
    return one<
      Copy & { patronBarcode: string; name: string; loanId: number; renewalCount: number }
    >(
      `select t.id as titleId, t.title, i.barcode, p.barcode as patronBarcode, p.name,
         l.id as loanId, l.renewal_count as renewalCount
       from titles t join items i on i.title_id = t.id
       join branches home on home.id = i.branch_id and home.code = 'MAIN'
       join loans l on l.item_id = i.id and l.returned_at is null
       join branches lent on lent.id = l.branch_id and lent.code = 'MAIN'
       join patrons p on p.id = l.patron_id
       join loan_rules r on r.patron_type_id = p.patron_type_id
         and r.material_type_id = i.material_type_id and r.branch_id is null
       where i.status = 'on_loan' and t.id <> ?
         and (select count(*) from items c where c.title_id = t.id) = 1
         and not exists (select 1 from holds h where h.title_id = t.id)
         and p.block_reason is null and p.expires_on > date('now', '+60 days')
         and l.renewal_count < r.renewals_allowed
       order by t.id limit 1`,
      skipTitleId,
    );
  }

  /** Patrons in good standing with nothing out, who may borrow `copy`'s material type. */
  function freePatrons(copy: Copy, count: number): Patron[] {
    const patrons = query<Patron>(
      `select p.barcode, p.name from patrons p
       where p.block_reason is null and p.expires_on > date('now', '+60 days')
         and not exists (select 1 from loans l where l.patron_id = p.id and l.returned_at is null)
         and exists (select 1 from loan_rules r join items i on i.barcode = ?
           where r.patron_type_id = p.patron_type_id and r.material_type_id = i.material_type_id
             and r.branch_id is null and r.max_items > 0 and r.loan_days > 0)
       order by p.id limit ?`,
      copy.barcode,
      count,
    );
    if (patrons.length < count) throw new Error('The demo library has too few free patrons.');
    return patrons;
  }

  function holdOf(patron: Patron, copy: Copy) {
    return one<{ status: string; pickup: string; trapped: string | null; loanId: number | null }>(
      `select h.status, b.code as pickup, i.barcode as trapped, h.fulfilled_loan_id as loanId
       from holds h join patrons p on p.id = h.patron_id join branches b on b.id = h.pickup_branch_id
       left join items i on i.id = h.trapped_item_id
       where p.barcode = ? and h.title_id = ? order by h.id desc`,
      patron.barcode,
      copy.titleId,
    );
  }

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS_DIR, { recursive: true });
    server = await startServer();
    const first = singleCopyOnLoanFromCentral();
    wanted = { titleId: first.titleId, title: first.title, barcode: first.barcode };
    const second = singleCopyOnLoanFromCentral(first.titleId);
    renewed = { titleId: second.titleId, title: second.title, barcode: second.barcode };
    borrower = {
      barcode: second.patronBarcode,
      name: second.name,
      loanId: second.loanId,
      renewalCount: second.renewalCount,
    };
    [holder, other] = freePatrons(wanted, 2) as [Patron, Patron];

    const db = new Database(server.databasePath, { fileMustExist: true });
    try {
      db.pragma('busy_timeout = 5000');
      db.prepare(
        `insert into workstations (name, branch_id, created_at)
         select ?, id, ? from branches where code = 'EAST'`,
      ).run(EAST_WORKSTATION, Date.now());
    } finally {
      db.close();
    }

    central = await launchBrowser({ baseURL: server.url });
    eastside = await launchBrowser({ baseURL: server.url });
    await spyOnDeskSounds(eastside.context);
    await signInDesk(central, '/checkin');
    await new CheckInPage(central.page).itemBarcode.waitFor();
    await signInDesk(eastside, '/checkin', EAST_WORKSTATION);
    await new CheckInPage(eastside.page).itemBarcode.waitFor();
    supervisor = await launchBrowser({ baseURL: server.url });
    await signInDesk(supervisor, '/checkout', undefined, 'super');
    await new CheckOutPage(supervisor.page).patronBarcode.waitFor();
  });

  afterAll(async () => {
    await central?.dispose();
    await eastside?.dispose();
    await supervisor?.dispose();
    await server?.dispose();
  });

  it('places a hold for pickup at Eastside on a title whose only copy is out from Central', async () => {
    const titlePage = new TitlePage(central.page);
    await titlePage.goto(wanted.titleId);
    await expectText(titlePage.heading, wanted.title);
    await titlePage.pickupBranch.selectOption('EAST');
    await titlePage.scanPatron(holder.barcode);
    await expectText(titlePage.placed, `Hold placed for ${holder.name}`);
    await expectText(titlePage.queue, holder.name);
    expect(holdOf(holder, wanted)).toEqual({
      status: 'waiting',
      pickup: 'EAST',
      trapped: null,
      loanId: null,
    });
  });

  it('checks the copy in at Central: "Send to Eastside Branch" and a transit slip', async () => {
    const page = central.page;
    const checkIn = new CheckInPage(page);
    await checkIn.goto();
    await recordPrints(page);
    await checkIn.scanItems(wanted.barcode);
    const short = shortPatronName(holder.name);
    await expectText(
      checkIn.alert,
      `Send to ${EASTSIDE} — a hold waits there for ${short}: ${wanted.title}`,
    );
    await expectText(checkIn.returnedRow(wanted.barcode), `Send to ${EASTSIDE}`);
    await expect.poll(async () => (await printedReceipts(page)).length).toBe(1);
    const [slip] = await printedReceipts(page);
    expect(slip!.text).toContain('TRANSIT');
    expect(slip!.text).toContain(`To: ${EASTSIDE}`);
    expect(slip!.text).toContain(`From: ${CENTRAL}`);
    expect(slip!.text).toContain(wanted.barcode);
    expect(slip!.text).toContain(`For: ${short}`);
    expect(await isFocused(checkIn.itemBarcode)).toBe(true);
    await screenshot(page, 'holds-transit-at-checkin.png');
    expect(holdOf(holder, wanted)).toMatchObject({ status: 'in_transit', trapped: wanted.barcode });
  });

  it('receives it at Eastside: the banner, the hold sound, the hold slip, and the Hold shelf lists it', async () => {
    const page = eastside.page;
    await checkInTab(page, 'In transit').click();
    const incoming = page.getByRole('table', { name: 'Incoming' }).locator('tbody tr');
    await expectText(incoming.filter({ hasText: wanted.barcode }), CENTRAL);

    const checkIn = new CheckInPage(page);
    await checkIn.goto();
    await recordPrints(page);
    const soundsBefore = (await deskSoundsPlayed(page)).length;
    await checkIn.scanItems(wanted.barcode);
    const short = shortPatronName(holder.name);
    await expectText(checkIn.alert, `Hold for ${short} — put on the hold shelf`);
    const row = checkIn.returnedRow(wanted.barcode);
    await expectText(row, `Received from ${CENTRAL}`);
    await expectText(row, `Hold shelf: ${short}`);
    await expect
      .poll(async () => (await deskSoundsPlayed(page)).slice(soundsBefore))
      .toEqual(['hold']);
    await expect.poll(async () => (await printedReceipts(page)).length).toBe(1);
    const [slip] = await printedReceipts(page);
    expect(slip!.text).toContain('HOLD');
    expect(slip!.text).toContain(short);
    expect(slip!.text).toContain(`Pickup: ${EASTSIDE}`);
    expect(slip!.text).toContain(wanted.barcode);
    expect(slip!.text).not.toContain(holder.barcode);
    expect(slip!.text).not.toContain(holder.name);
    await screenshot(page, 'holds-received-at-pickup.png');
    expect(holdOf(holder, wanted)).toMatchObject({ status: 'on_shelf', trapped: wanted.barcode });

    await checkInTab(page, 'Hold shelf').click();
    const waiting = page.getByRole('table', { name: 'Waiting on the shelf' }).locator('tbody tr');
    await expectText(waiting.filter({ hasText: wanted.barcode }), short);
    await expectText(waiting.filter({ hasText: wanted.barcode }), wanted.title);
  });

  it('refuses to renew the next borrower’s loan because another patron has a hold on it', async () => {
    const page = central.page;
    const titlePage = new TitlePage(page);
    await titlePage.goto(renewed.titleId);
    await titlePage.scanPatron(other.barcode);
    await expectText(titlePage.placed, `Hold placed for ${other.name}`);

    await page.goto(`/patrons/${borrower.barcode}`);
    const row = page.getByRole('row').filter({ hasText: renewed.barcode });
    await row.getByRole('button', { name: 'Renew', exact: true }).click();
    await expectText(
      page.getByRole('alert').first(),
      `was not renewed: Another patron has a hold on "${renewed.title}", so it cannot be renewed.`,
    );
    await screenshot(page, 'holds-renewal-refused.png');
    expect(
      one<{ count: number; renewals: number }>(
        `select l.renewal_count as count, (select count(*) from renewals r where r.loan_id = l.id)
           as renewals from loans l where l.id = ?`,
        borrower.loanId,
      ),
    ).toEqual({ count: borrower.renewalCount, renewals: borrower.renewalCount });
  });

  it('refuses the waiting copy to another patron and lends it to the one it waits for, filling the hold', async () => {
    const page = eastside.page;
    const checkOut = new CheckOutPage(page);
    await checkOut.goto();
    await checkOut.scanPatron(other.barcode);
    await expectText(checkOut.patronSummary, other.name);
    await checkOut.scanItems(wanted.barcode);
    await expectText(checkOut.alert, `"${wanted.title}" waits for another patron`);
    await expectText(checkOut.alert, wanted.barcode);
    expect(await checkOut.lentRows.count()).toBe(0);
    // Only a supervisor is offered to lend it anyway.
    expect(await checkOut.alert.getByRole('button', { name: 'Lend anyway' }).count()).toBe(0);
    await screenshot(page, 'holds-lend-refused.png');

    await checkOut.goto();
    await checkOut.scanPatron(holder.barcode);
    await expectText(checkOut.patronSummary, holder.name);
    await checkOut.scanItems(wanted.barcode);
    await expect.poll(() => checkOut.lentRows.count()).toBe(1);
    await expectText(checkOut.lentRow(wanted.barcode), wanted.title);
    const loan = one<{ id: number }>(
      `select l.id from loans l join items i on i.id = l.item_id join patrons p on p.id = l.patron_id
       where i.barcode = ? and p.barcode = ? and l.returned_at is null`,
      wanted.barcode,
      holder.barcode,
    );
    expect(holdOf(holder, wanted)).toEqual({
      status: 'fulfilled',
      pickup: 'EAST',
      trapped: wanted.barcode,
      loanId: loan.id,
    });

    await page.getByRole('link', { name: 'Check In', exact: true }).first().click();
    await checkInTab(page, 'Hold shelf').click();
    await page.getByRole('heading', { level: 1, name: 'Hold shelf' }).waitFor();
    // Loaded: the list of waiting items, or the sentence saying there are none.
    const waiting = page.getByRole('table', { name: 'Waiting on the shelf' });
    await waiting.or(page.getByText("No items wait on this branch's hold shelf.")).waitFor();
    expect(await waiting.getByRole('row').filter({ hasText: wanted.barcode }).count()).toBe(0);
  });

  it('lets a supervisor lend a copy past another patron’s hold, with a reason, the hold waiting again', async () => {
    // The renewed copy comes back at Central, where the other patron's hold waits for it.
    const checkIn = new CheckInPage(central.page);
    await checkIn.goto();
    await checkIn.scanItems(renewed.barcode);
    await expectText(checkIn.alert, `Hold for ${shortPatronName(other.name)}`);
    expect(holdOf(other, renewed)).toMatchObject({ status: 'on_shelf', trapped: renewed.barcode });

    const page = supervisor.page;
    const checkOut = new CheckOutPage(page);
    await checkOut.goto();
    await checkOut.scanPatron(holder.barcode);
    await expectText(checkOut.patronSummary, holder.name);
    await checkOut.scanItems(renewed.barcode);
    await expectText(checkOut.alert, `"${renewed.title}" waits for another patron`);
    await checkOut.alert.getByRole('button', { name: 'Lend anyway' }).click();
    const form = page.getByRole('form', { name: 'Lend past the hold' });
    // No reason, no loan: the form says what is missing.
    await form.getByRole('button', { name: 'Lend with this reason' }).click();
    await expectText(form.getByRole('alert'), 'Say why');
    expect(await checkOut.lentRows.count()).toBe(0);
    const reason = 'The waiting patron asked us to lend it to her neighbour';
    await form.getByRole('textbox').fill(reason);
    await screenshot(page, 'holds-lend-anyway.png');
    expect(await accessibilityViolations(page, 'Check Out, lend past the hold')).toEqual([]);
    await form.getByRole('button', { name: 'Lend with this reason' }).click();
    await expect.poll(() => checkOut.lentRows.count()).toBe(1);
    await expectText(checkOut.lentRow(renewed.barcode), renewed.title);
    await expect.poll(() => isFocused(checkOut.itemBarcode)).toBe(true);

    expect(holdOf(other, renewed)).toEqual({
      status: 'waiting',
      pickup: 'MAIN',
      trapped: null,
      loanId: null,
    });
    const [entry] = query<{ actor: string; after: string }>(
      `select actor, after from audit_log where action = 'hold.overriddenAtCheckOut'`,
    );
    expect(entry?.actor).toBe('super');
    expect(JSON.parse(entry!.after)).toMatchObject({ status: 'waiting', reason });
  });
});
