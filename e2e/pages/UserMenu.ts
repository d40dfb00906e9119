// The staff app's user menu (a button named with the signed-in username), by accessible names.
import type { Page } from 'playwright-core';

const INSTALLED_NOTICE = 'The offline client is installed on this workstation.';

/**
 * Installs the offline client from the user menu and waits until the app says it is installed.
 * Where the library installs it at sign-in, the silent install may have finished first: the menu
 * then offers "Reinstall offline client", which installs it again all the same.
 */
export async function installOfflineClientFromMenu(
  page: Page,
  username: string,
  timeout = 20_000,
): Promise<void> {
  await page.getByRole('button', { name: username, exact: true }).click({ timeout });
  await page.getByRole('menuitem', { name: /^(Install|Reinstall) offline client$/ }).click();
  await page.getByText(INSTALLED_NOTICE).waitFor({ timeout });
}

/** Whether this browser has the offline client: its service worker and a stored snapshot. */
export function hasOfflineClient(page: Page): Promise<boolean> {
  return page.evaluate(async () => {
    const registration = await navigator.serviceWorker.getRegistration('/offline/');
    if (!registration) return false;
    // Opened only once it exists: opening it here first would create it without its stores.
    const databases = await indexedDB.databases();
    if (!databases.some((database) => database.name === 'circa-offline')) return false;
    const db = await new Promise<IDBDatabase | null>((resolve) => {
      const request = indexedDB.open('circa-offline');
      request.addEventListener('success', () => resolve(request.result));
      request.addEventListener('error', () => resolve(null));
    });
    if (!db) return false;
    try {
      if (!db.objectStoreNames.contains('keyval')) return false;
      const keys = await new Promise<IDBValidKey[]>((resolve, reject) => {
        const request = db.transaction('keyval').objectStore('keyval').getAllKeys();
        request.addEventListener('success', () => resolve(request.result));
        request.addEventListener('error', () => reject(request.error));
      });
      return keys.includes('snapshot');
    } finally {
      db.close();
    }
  });
}

/** Waits until this browser has the offline client (see hasOfflineClient). */
export async function waitForOfflineClient(page: Page, timeout = 20_000): Promise<void> {
  const deadline = Date.now() + timeout;
  // Polled from here: waitForFunction would take the predicate's promise itself as the answer.
  while (!(await hasOfflineClient(page))) {
    if (Date.now() > deadline) throw new Error('The offline client was not installed in time.');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Opens the user menu and chooses an entry by its name, e.g. "Sign out everywhere". */
export async function chooseFromUserMenu(
  page: Page,
  username: string,
  entry: string,
): Promise<void> {
  await page.getByRole('button', { name: username, exact: true }).click();
  await page.getByRole('menuitem', { name: entry, exact: true }).click();
}
