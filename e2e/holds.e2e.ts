// Holds at the desk, against the real server and the demo library: a hold placed from a title's
// page shows on the patron's page first in the queue; it is suspended, resumed, moved to another
// pickup branch and cancelled there. Screenshots for the librarians' guide on holds.
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PatronHoldsSection, TitlePage } from './pages/HoldPages.ts';
import { SignInPage } from './pages/SignInPage.ts';
import { accessibilityViolations } from './support/axe.ts';
import { launchBrowser, type TestBrowser } from './support/browser.ts';
import { openDemoData, serverQueries, type DemoData } from './support/demoData.ts';
import { expectText } from './support/expectText.ts';
import { startServer, type CircaServer } from './support/server.ts';

const DEMO_PASSWORD = 'circa-demo';
const SCREENSHOTS_DIR = resolve(import.meta.dirname, '..', 'docs', 'images');
const DAY_MS = 86_400_000;

async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: resolve(SCREENSHOTS_DIR, name), fullPage: true });
}

describe('holds at the desk', () => {
  let server: CircaServer;
  let browser: TestBrowser;
  let demo: DemoData;
  let page: Page;

  const { query } = serverQueries(() => server.databasePath);

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS_DIR, { recursive: true });
    server = await startServer();
    demo = openDemoData(server.databasePath);
    browser = await launchBrowser({ baseURL: server.url });
    page = browser.page;
    const signIn = new SignInPage(page);
    await signIn.goto('/checkout');
    await signIn.signIn('desk', DEMO_PASSWORD);
    await signIn.answerWorkstation();
    await page.getByLabel('Patron barcode').waitFor();
  });

  afterAll(async () => {
    demo?.close();
    await browser?.dispose();
    await server?.dispose();
  });

  it('places a hold from the title page and looks after it from the patron page', async () => {
    const patron = demo.goodPatron();
    // A title nobody waits for, with a copy on loan to someone else.
    const [title] = query<{ id: number; title: string }>(
      `select t.id, t.title from titles t
       where exists (select 1 from items i where i.title_id = t.id and i.status = 'on_loan')
         and not exists (select 1 from holds h where h.title_id = t.id)
       order by t.id limit 1`,
    );
    const titlePage = new TitlePage(page);
    await titlePage.goto(title!.id);
    await expectText(titlePage.heading, title!.title);

    // A mistyped card is refused and stays in the field, to be corrected.
    await titlePage.scanPatron('2000000000000');
    await expectText(titlePage.alert, '2000000000000');
    expect(await titlePage.patronBarcode.inputValue()).toBe('2000000000000');

    await titlePage.scanPatron(patron.barcode);
    await expectText(titlePage.placed, `Hold placed for ${patron.name}`);
    await expectText(titlePage.placed, 'number 1 in the queue');
    await expect.poll(() => titlePage.patronBarcode.inputValue()).toBe('');
    await expect
      .poll(() => titlePage.patronBarcode.evaluate((el) => el === document.activeElement))
      .toBe(true);
    await expectText(titlePage.queue, patron.name);
    await screenshot(page, 'holds-title.png');
    expect(await accessibilityViolations(page, 'Title')).toEqual([]);

    await titlePage.queue.getByRole('link', { name: patron.name }).click();
    const holds = new PatronHoldsSection(page);
    const row = holds.row(title!.title);
    await expectText(row, 'Waiting');
    await expect.poll(() => row.getByRole('cell').nth(2).innerText()).toBe('1');
    await expectText(row, 'Central Library');

    const until = new Date(Date.now() + 10 * DAY_MS).toISOString().slice(0, 10);
    await row.getByRole('button', { name: 'Suspend' }).click();
    await row.getByLabel('Suspend until').fill(until);
    await row.getByRole('button', { name: 'Save suspension' }).click();
    await expectText(holds.said, 'suspended until');
    await expectText(row, 'suspended until');
    await expect.poll(() => row.getByRole('cell').nth(2).innerText()).toBe('1');
    await screenshot(page, 'holds-patron.png');
    expect(await accessibilityViolations(page, 'Patron, holds')).toEqual([]);

    await row.getByRole('button', { name: 'Resume' }).click();
    await expectText(holds.said, 'resumed');
    await expect.poll(() => row.getByRole('button', { name: 'Suspend' }).count()).toBe(1);

    await row.getByRole('button', { name: 'Change pickup' }).click();
    await row.getByLabel('New pickup branch').selectOption('EAST');
    await row.getByRole('button', { name: 'Save pickup branch' }).click();
    await expectText(holds.said, 'Eastside Branch');
    await expectText(row, 'Eastside Branch');

    await row.getByRole('button', { name: 'Cancel hold' }).click();
    await expectText(holds.said, 'cancelled');
    await expectText(row, 'Cancelled');
    expect(
      query<{ status: string; pickup: string }>(
        `select h.status, b.code as pickup from holds h join patrons p on p.id = h.patron_id
         join branches b on b.id = h.pickup_branch_id where p.barcode = ? and h.title_id = ?`,
        patron.barcode,
        title!.id,
      ),
    ).toEqual([{ status: 'cancelled', pickup: 'EAST' }]);
  });

  it('places a hold on one copy from the item’s page, which links to its title', async () => {
    const patron = demo.goodPatron();
    const [copy] = query<{ barcode: string; titleId: number }>(
      `select i.barcode, i.title_id as titleId from items i
       where i.status = 'on_loan'
         and not exists (select 1 from holds h where h.title_id = i.title_id)
       order by i.id limit 1`,
    );
    await page.goto(`/items/${copy!.barcode}`);
    const placing = page.getByRole('region', { name: 'Place hold' });
    await placing.getByLabel('This copy only').check();
    await placing.getByLabel('Patron barcode').fill(patron.barcode);
    await placing.getByLabel('Patron barcode').press('Enter');
    await expectText(placing.getByRole('status'), `Hold placed for ${patron.name}`);
    expect(
      query<{ itemBarcode: string }>(
        `select i.barcode as itemBarcode from holds h join items i on i.id = h.item_id
         join patrons p on p.id = h.patron_id where p.barcode = ? and h.status = 'waiting'`,
        patron.barcode,
      ),
    ).toEqual([{ itemBarcode: copy!.barcode }]);

    await page.getByRole('link', { name: 'All copies and holds' }).click();
    const titlePage = new TitlePage(page);
    await expectText(titlePage.queue, `(copy ${copy!.barcode} only)`);
    expect(page.url()).toContain(`/titles/${copy!.titleId}`);
  });
});
