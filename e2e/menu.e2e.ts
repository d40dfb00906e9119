// The staff app's top bar at the desk's 1280 px: one row for every role, offering the desk's daily
// screens, with the library's set-up under Administration (Import among its pages) and the offline
// exceptions on Offline uploads. A second row would push every screen down and move the links
// staff reach for without looking.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SignInPage } from './pages/SignInPage.ts';
import { DESK_VIEWPORT, launchBrowser, type TestBrowser } from './support/browser.ts';
import { startServer, type CircaServer } from './support/server.ts';

const DEMO_PASSWORD = 'circa-demo';

/** The tops of the main navigation's links, in pixels from the top of the page. */
function linkTops(page: Page): Promise<number[]> {
  return page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link')
    .evaluateAll((links) => links.map((link) => Math.round(link.getBoundingClientRect().top)));
}

describe('the top bar', () => {
  let server: CircaServer;
  let browser: TestBrowser;
  let page: Page;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser({ baseURL: server.url });
    page = browser.page;
  });

  afterAll(async () => {
    await browser?.dispose();
    await server?.dispose();
  });

  let workstationNamed = false;

  async function signInAs(username: string): Promise<void> {
    await page.context().clearCookies();
    const signIn = new SignInPage(page);
    await signIn.goto('/checkout');
    await signIn.signIn(username, DEMO_PASSWORD);
    // The browser remembers its workstation after the first sign-in.
    if (!workstationNamed) await signIn.answerWorkstation('MENU-DESK');
    workstationNamed = true;
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link').first().waitFor();
  }

  it.each([
    [
      'desk',
      ['Check Out', 'Check In', 'Patrons', 'Items', 'Loan rules', 'Closed days', 'Offline uploads'],
    ],
    [
      'super',
      [
        'Check Out',
        'Check In',
        'Patrons',
        'Items',
        'Closed days',
        'Offline uploads',
        'Administration',
      ],
    ],
    [
      'admin',
      [
        'Check Out',
        'Check In',
        'Patrons',
        'Items',
        'Closed days',
        'Offline uploads',
        'Administration',
      ],
    ],
  ])('fits one row at 1280 px for %s', async (username, labels) => {
    expect(page.viewportSize()?.width).toBe(DESK_VIEWPORT.width);
    await signInAs(username);
    const nav = page.getByRole('navigation', { name: 'Main' });
    expect(await nav.getByRole('link').allInnerTexts()).toEqual(labels);
    const tops = await linkTops(page);
    expect(new Set(tops).size).toBe(1);
    // The user menu shares the row too.
    const menu = await page.getByRole('button', { name: username, exact: true }).boundingBox();
    const bar = await page.getByRole('banner').boundingBox();
    expect(menu!.y + menu!.height).toBeLessThanOrEqual(bar!.y + bar!.height);
  });

  it('offers Import under Administration to an administrator, and not to a supervisor', async () => {
    await page.getByRole('link', { name: 'Administration', exact: true }).click();
    const adminNav = page.getByRole('navigation', { name: 'Administration' });
    await adminNav.getByRole('link', { name: 'Import', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Import' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/admin/import');
    // Administration stays marked in the bar, and the bar stays one row.
    const current = page.getByRole('navigation', { name: 'Main' }).locator('[aria-current="page"]');
    expect(await current.innerText()).toBe('Administration');
    expect(new Set(await linkTops(page)).size).toBe(1);
    // An old bookmark still finds it.
    await page.goto('/imports');
    await page.getByRole('heading', { level: 1, name: 'Import' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/admin/import');

    await signInAs('super');
    await page.getByRole('link', { name: 'Administration', exact: true }).click();
    await adminNav.getByRole('link', { name: 'Branches', exact: true }).waitFor();
    expect(await adminNav.getByRole('link', { name: 'Import', exact: true }).count()).toBe(0);
    expect(await adminNav.getByRole('link', { name: 'Loan rules', exact: true }).count()).toBe(1);
  });
});
