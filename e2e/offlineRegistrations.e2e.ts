// An offline registration whose card another patron already has, in the staff app: the desk's
// send holds the registration and the loan on that card; a supervisor lends the held loan to the
// card's owner from the exceptions queue, and the history says who did it. A screenshot for
// docs/offline-uploads.md is taken on the way.
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OfflineTransaction } from '../src/shared/offline/transaction.ts';
import { offlineWorkstation } from '../src/server/offline/fixtures.testing.ts';
import { OfflineExceptionsPage } from './pages/OfflineReportsPages.ts';
import { SignInPage } from './pages/SignInPage.ts';
import { launchBrowser, type TestBrowser } from './support/browser.ts';
import { openDemoData, type DemoData } from './support/demoData.ts';
import { expectText } from './support/expectText.ts';
import { startServer, type CircaServer } from './support/server.ts';

const DEMO_PASSWORD = 'circa-demo';
const SCREENSHOTS_DIR = resolve(import.meta.dirname, '..', 'docs', 'images');
const HOUR_MS = 3_600_000;

/** Sends as the offline client does, in the signed-in browser's session (CSRF token and all). */
async function sendFromBrowser(page: Page, transactions: OfflineTransaction[]): Promise<number> {
  return page.evaluate(async (body) => {
    const session = (await (await fetch('/api/session')).json()) as { csrfToken: string };
    const response = await fetch('/api/offline/transactions', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
      body: JSON.stringify({ transactions: body }),
    });
    return response.status;
  }, transactions);
}

describe('an offline registration held in the exceptions queue', () => {
  let server: CircaServer;
  let browser: TestBrowser;
  let demo: DemoData;
  let page: Page;

  beforeAll(async () => {
    server = await startServer();
    demo = openDemoData(server.databasePath);
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

  it('lends the loan held on a card in use to the card’s owner', async () => {
    const owner = demo.goodPatron();
    const [itemBarcode] = demo.availableItems(owner.patronTypeId, 1);
    const session = await page.evaluate(async () => {
      const answer = (await (await fetch('/api/session')).json()) as {
        workstation: { name: string; branch: { code: string } } | null;
      };
      return answer.workstation;
    });
    const workstation = session?.name ?? '';
    const branchCode = session?.branch.code ?? 'MAIN';
    const desk = offlineWorkstation({ name: workstation, branchCode, staffUsername: 'super' });
    const start = Date.now() - HOUR_MS;
    const registration = desk.register({
      patronBarcode: owner.barcode,
      name: 'Rosalind Franklin',
      patronTypeCode: 'ADULT',
      email: 'rosalind@example.org',
      occurredAt: start,
    });
    const loan = desk.checkOut({
      patronBarcode: owner.barcode,
      itemBarcode: itemBarcode!,
      occurredAt: start + 60_000,
    });
    expect(await sendFromBrowser(page, [registration, loan])).toBe(200);

    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Offline uploads' })
      .click();
    await page.getByRole('main').getByRole('link', { name: 'Offline exceptions' }).click();
    const queue = new OfflineExceptionsPage(page);
    const registrationCard = queue.exception(`Registration at ${workstation}, no. 1`);
    const loanCard = queue.exception(`Check out at ${workstation}, no. 2`);
    await registrationCard.waitFor();
    await expectText(loanCard, /Waiting for the registration|held until a supervisor merges/);
    const lend = registrationCard.getByRole('button', { name: `Lend to ${owner.name}` });
    expect(await registrationCard.getByRole('button', { name: 'Same patron: merge' }).count()).toBe(
      0,
    );
    await registrationCard.scrollIntoViewIfNeeded();
    await page.screenshot({
      path: resolve(SCREENSHOTS_DIR, 'offline-registration-exception.png'),
    });

    await lend.click();
    await queue.showResolved.check();
    await expectText(registrationCard, /Loans lent to the card’s owner by /);
    await expectText(loanCard, /Applied again by /);
    expect(demo.itemStatus(itemBarcode!)).toBe('on_loan');
  });
});
