// What the next person at a shared desk computer can read once staff have signed out: no API
// answer from the browser's cache, and nothing about patrons in the browser's storage.
import { expectText } from './support/expectText.ts';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SignInPage } from './pages/SignInPage.ts';
import { chooseFromUserMenu } from './pages/UserMenu.ts';
import { launchBrowser, type TestBrowser } from './support/browser.ts';
import { openDemoData } from './support/demoData.ts';
import { startServer, type CircaServer } from './support/server.ts';
import { addStaffUser, type TestStaffUser } from './support/staffUsers.ts';

const UI_TIMEOUT_MS = 20_000;

const desk: TestStaffUser = {
  username: 'shared-desk',
  password: 'a long shared desk password',
  displayName: 'Shared Desk',
  role: 'circulation',
  branch: { code: 'E2EO', name: 'Riverside Branch', timeZone: 'Europe/London' },
};

/** What a script on the signed-out page gets when it asks the browser's cache first. */
function fetchFromCache(page: Page, url: string) {
  return page.evaluate(async (address) => {
    const response = await fetch(address, { cache: 'force-cache' });
    return { status: response.status, body: await response.text() };
  }, url);
}

/** Every value the page's origin keeps in localStorage, sessionStorage and Cache Storage. */
function storedText(page: Page) {
  return page.evaluate(async () => {
    const parts: string[] = [];
    for (const storage of [localStorage, sessionStorage]) {
      for (let i = 0; i < storage.length; i += 1) {
        const key = storage.key(i) ?? '';
        parts.push(`${key}=${storage.getItem(key) ?? ''}`);
      }
    }
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      for (const request of await cache.keys()) {
        const response = await cache.match(request);
        parts.push(`${request.url} ${(await response?.text()) ?? ''}`);
      }
    }
    return { localStorageKeys: Object.keys(localStorage), all: parts.join('\n') };
  });
}

describe('a shared desk computer after sign-out', () => {
  let server: CircaServer;
  let browser: TestBrowser;
  let page: Page;
  let patron: { barcode: string; name: string; blockReason: string };

  beforeAll(async () => {
    server = await startServer();
    await addStaffUser(server.databasePath, desk);
    const demo = openDemoData(server.databasePath);
    patron = demo.blockedPatron();
    demo.close();
    browser = await launchBrowser({ baseURL: server.url });
    page = browser.page;
  });

  afterAll(async () => {
    await browser?.dispose();
    await server?.dispose();
  });

  it('serves no patron from the browser’s cache once the desk has signed out', async () => {
    const signIn = new SignInPage(page);
    await signIn.goto(`/patrons/${patron.barcode}`);
    await signIn.signIn(desk.username, desk.password);
    await signIn.answerWorkstation();
    await expectText(page.getByRole('main'), patron.name, UI_TIMEOUT_MS);
    // The page's own look-up went through the browser's HTTP cache like any fetch.
    expect((await fetchFromCache(page, `/api/patrons/${patron.barcode}`)).status).toBe(200);

    await chooseFromUserMenu(page, desk.username, 'Sign out');
    await signIn.username.waitFor();

    const cached = await fetchFromCache(page, `/api/patrons/${patron.barcode}`);
    expect(cached.status).toBe(401);
    expect(cached.body).not.toContain(patron.name);
    expect(cached.body).not.toContain(patron.blockReason);
    const session = await fetchFromCache(page, '/api/session');
    expect(session.status).toBe(401);
    expect(session.body).not.toContain(desk.displayName);
  });

  it('keeps only the workstation name in the browser’s storage, nothing about the patron', async () => {
    const stored = await storedText(page);
    expect(stored.localStorageKeys).toEqual(['circa.workstation']);
    expect(stored.all).not.toContain(patron.name);
    expect(stored.all).not.toContain(patron.barcode);
  });
});
