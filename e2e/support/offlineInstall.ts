// The offline set-up the browser tests share: install the offline client as staff do (sign in at
// Check Out, then the user menu), make sure its service worker controls the page, so the client
// still opens once the server is stopped, and stop the server.
import type { Page } from 'playwright-core';
import { SignInPage } from '../pages/SignInPage.ts';
import { installOfflineClientFromMenu } from '../pages/UserMenu.ts';
import type { CircaServer } from './server.ts';

const UI_TIMEOUT_MS = 15_000;

/**
 * Whether the page just opened at /offline/ is controlled by the client's service worker, waiting
 * for it (and reloading once, as the first load can precede activation) up to the UI timeout.
 */
export async function controlledByServiceWorker(page: Page): Promise<boolean> {
  const isControlled = () => page.evaluate(() => navigator.serviceWorker.controller !== null);
  await page.evaluate(() => navigator.serviceWorker.ready);
  if (!(await isControlled())) await page.reload();
  const deadline = Date.now() + UI_TIMEOUT_MS;
  while (!(await isControlled())) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return true;
}

/**
 * Signs in at Check Out, accepting `workstation` (or the suggested name) with Enter, installs the
 * offline client from the user menu and opens it (see controlledByServiceWorker). Returns the
 * workstation name accepted.
 */
export async function installOfflineClient(
  page: Page,
  staff: { username: string; password: string },
  workstation?: string,
): Promise<string> {
  const signIn = new SignInPage(page);
  await signIn.goto('/checkout');
  await signIn.signIn(staff.username, staff.password);
  const accepted = await signIn.answerWorkstation(workstation);
  await installOfflineClientFromMenu(page, staff.username, UI_TIMEOUT_MS);
  await page.goto('/offline/');
  return accepted;
}

/** Stops the server and reloads the offline client, which then says so in its header. */
export async function stopServerAndReload(page: Page, server: CircaServer): Promise<void> {
  await server.stop();
  await page.reload();
  await page.getByText('Server unreachable', { exact: true }).waitFor({ timeout: UI_TIMEOUT_MS });
}
