// A desk PC with the offline client installed, for the offline client benchmarks: the real server
// on a build of its own, a staff member signed in through the staff app, the client installed from
// the user menu and opened at /offline/ under its service worker — as a librarian would, so the
// figures are those of the real client and not of a test double.
import type { Page } from 'playwright-core';
import { SignInPage } from '../../e2e/pages/SignInPage.ts';
import { launchBrowser, type TestBrowser } from '../../e2e/support/browser.ts';
import { startServer, type CircaServer } from '../../e2e/support/server.ts';
import { addStaffUser } from '../../e2e/support/staffUsers.ts';
import { prepareBuiltApps, type BuiltApps } from './builtApps.ts';
import { installOfflineClientFromMenu } from '../../e2e/pages/UserMenu.ts';

const STAFF = {
  username: 'bench-desk',
  password: 'measure every scan',
  displayName: 'Bench Desk',
  role: 'circulation',
  branch: { code: 'BNCH', name: 'Bench Branch', timeZone: 'America/Chicago' },
} as const;
const UI_TIMEOUT_MS = 30_000;

export interface InstalledClient {
  server: CircaServer;
  browser: TestBrowser;
  /** A tab showing /offline/, controlled by its service worker. */
  page: Page;
  build: BuiltApps;
  /** Stops the server and browser and deletes the build, profile and database. */
  dispose(): Promise<void>;
}

export interface InstallOptions {
  /** A build to copy instead of building the current source (tests pass theirs). */
  distDir?: string;
}

export async function installOfflineClientOnDesk(
  options: InstallOptions = {},
): Promise<InstalledClient> {
  const build = prepareBuiltApps({ distDir: options.distDir });
  let server: CircaServer | undefined;
  let browser: TestBrowser | undefined;
  const dispose = async () => {
    await browser?.dispose();
    await server?.dispose();
    build.dispose();
  };
  try {
    server = await startServer({ distDir: build.dir });
    await addStaffUser(server.databasePath, { ...STAFF });
    browser = await launchBrowser({ baseURL: server.url });
    const page = browser.page;
    const signIn = new SignInPage(page);
    await signIn.goto('/checkout');
    await signIn.signIn(STAFF.username, STAFF.password);
    await signIn.answerWorkstation();
    await installOfflineClientFromMenu(page, STAFF.username, UI_TIMEOUT_MS);
    await page.goto('/offline/');
    await page.getByLabel('Patron barcode', { exact: true }).waitFor({ timeout: UI_TIMEOUT_MS });
    const controlled = await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
      return navigator.serviceWorker.controller !== null;
    });
    // The first load can precede the worker's activation; the next one is always controlled.
    if (!controlled) await page.reload();
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
      timeout: UI_TIMEOUT_MS,
    });
    return { server, browser, page, build, dispose };
  } catch (error) {
    await dispose();
    throw error;
  }
}
