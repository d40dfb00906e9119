// Signing in at the desk: plain refusals, the one-time workstation question, the keyboard-operable
// user menu, and a lost session that returns staff to the page they were on.
import { expectText } from './support/expectText.ts';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SignInPage } from './pages/SignInPage.ts';
import { chooseFromUserMenu } from './pages/UserMenu.ts';
import { launchBrowser, type TestBrowser } from './support/browser.ts';
import { startServer, type CircaServer } from './support/server.ts';
import { addStaffUser, type TestStaffUser } from './support/staffUsers.ts';

const SCREENSHOTS_DIR = resolve(import.meta.dirname, '..', 'docs', 'images');

const staff: TestStaffUser = {
  username: 'session-desk',
  password: 'a long desk password',
  displayName: 'Sam Session',
  role: 'circulation',
  branch: { code: 'E2ES', name: 'Lakeside Branch', timeZone: 'Europe/Berlin' },
};

async function isFocused(locator: Locator): Promise<boolean> {
  return locator.evaluate((element) => element === document.activeElement);
}

const sessionStatus = (page: Page) =>
  page.evaluate(() => fetch('/api/session').then((response) => response.status));

describe('staff session in the browser', () => {
  let server: CircaServer;
  let browser: TestBrowser;
  let page: Page;
  let signIn: SignInPage;
  let workstation: string;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS_DIR, { recursive: true });
    server = await startServer();
    await addStaffUser(server.databasePath, staff);
    browser = await launchBrowser({ baseURL: server.url });
    page = browser.page;
    signIn = new SignInPage(page);
  });

  afterAll(async () => {
    await browser?.dispose();
    await server?.dispose();
  });

  it('says plainly what is missing or wrong, and stays on the sign-in page', async () => {
    await signIn.goto('/checkin');
    await page.screenshot({ path: resolve(SCREENSHOTS_DIR, 'staff-sign-in.png') });
    await signIn.signInButton.click();
    await expectText(signIn.alert, 'Enter your username and your password');

    await signIn.signIn(staff.username, 'not the password');
    await expectText(signIn.alert, /\S/);
    expect(await signIn.password.inputValue()).toBe('');
    expect(await sessionStatus(page)).toBe(401);
  });

  it('asks once for the workstation, prefilled, accepted with Enter, and remembers it', async () => {
    await signIn.signIn(staff.username, staff.password);
    await signIn.workstation.waitFor();
    await expect.poll(() => signIn.workstation.inputValue()).not.toBe('');
    await page.screenshot({ path: resolve(SCREENSHOTS_DIR, 'staff-workstation.png') });
    workstation = await signIn.answerWorkstation();
    expect(workstation).not.toBe('');

    const banner = page.getByRole('banner');
    await expectText(banner, workstation);
    await expectText(banner, staff.branch.name);
    expect(await page.evaluate(() => localStorage.getItem('circa.workstation'))).toBe(workstation);
    // Signed in where the browser was pointed: Check In, focused for the first scan.
    const itemBarcode = page.getByLabel('Item barcode', { exact: true });
    await itemBarcode.waitFor();
    expect(new URL(page.url()).pathname).toBe('/checkin');
    expect(await isFocused(itemBarcode)).toBe(true);
    const mainMenu = page.getByRole('navigation', { name: 'Main' });
    expect(
      await mainMenu.getByRole('link', { name: 'Check In' }).getAttribute('aria-current'),
    ).toBe('page');
  });

  it('opens the user menu, named with the username, from the keyboard alone', async () => {
    const menuButton = page.getByRole('button', { name: staff.username, exact: true });
    expect(await menuButton.getAttribute('aria-haspopup')).toBe('menu');
    const signOut = page.getByRole('menuitem', { name: 'Sign out', exact: true });

    const items = page.getByRole('menuitem');

    await menuButton.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => isFocused(items.first())).toBe(true);
    expect(await menuButton.getAttribute('aria-expanded')).toBe('true');
    // Sign out is the last entry: End reaches it, Home goes back to the first.
    await page.keyboard.press('End');
    await expect.poll(() => isFocused(signOut)).toBe(true);
    await page.keyboard.press('Home');
    await expect.poll(() => isFocused(items.first())).toBe(true);
    await expectText(page.getByRole('banner'), staff.displayName);
    await page.screenshot({ path: resolve(SCREENSHOTS_DIR, 'staff-user-menu.png') });

    await page.keyboard.press('Escape');
    await expect.poll(() => isFocused(menuButton)).toBe(true);
    expect(await menuButton.getAttribute('aria-expanded')).toBe('false');
    expect(await signOut.isVisible()).toBe(false);
  });

  it('signs out from the menu, and a later sign-in goes straight to work at the same workstation', async () => {
    const menuButton = page.getByRole('button', { name: staff.username, exact: true });
    await menuButton.focus();
    // ArrowUp opens the menu on its last entry, Sign out.
    await page.keyboard.press('ArrowUp');
    await expect
      .poll(() => isFocused(page.getByRole('menuitem', { name: 'Sign out', exact: true })))
      .toBe(true);
    await page.keyboard.press('Enter');
    await signIn.username.waitFor();
    expect(await sessionStatus(page)).toBe(401);

    await signIn.signIn(staff.username, staff.password);
    await page.getByRole('button', { name: staff.username, exact: true }).waitFor();
    expect(await signIn.workstation.count()).toBe(0);
    await expectText(page.getByRole('banner'), workstation);
  });

  it('signs out everywhere from the menu: the session on another computer ends too', async () => {
    // The same staff member signed in on another computer, as a script would be.
    const elsewhere = await fetch(`${server.url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: staff.username, password: staff.password }),
    });
    expect(elsewhere.status).toBe(200);
    const cookie = elsewhere.headers.get('set-cookie')?.split(';')[0] ?? '';
    const otherComputerStatus = async () =>
      (await fetch(`${server.url}/api/session`, { headers: { cookie } })).status;
    expect(await otherComputerStatus()).toBe(200);

    await chooseFromUserMenu(page, staff.username, 'Sign out everywhere');
    await signIn.username.waitFor();
    await expectText(page.getByText(/signed out everywhere/), 'every session of yours has ended');
    expect(await sessionStatus(page)).toBe(401);
    expect(await otherComputerStatus()).toBe(401);

    await signIn.signIn(staff.username, staff.password);
    await page.getByRole('button', { name: staff.username, exact: true }).waitFor();
  });

  it('asks for a sign-in when the session is gone, and returns to the same page', async () => {
    await page.getByRole('link', { name: 'Closed days' }).click();
    await browser.context.clearCookies();
    await page.reload();
    await signIn.username.waitFor();
    expect(new URL(page.url()).pathname).toBe('/closed-days');

    await signIn.signIn(staff.username, staff.password);
    await page.getByRole('heading', { name: 'Closed days', level: 1 }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/closed-days');
  });
});
