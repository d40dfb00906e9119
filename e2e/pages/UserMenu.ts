// The staff app's user menu (a button named with the signed-in username), by accessible names.
import type { Page } from 'playwright-core';

const INSTALLED_NOTICE = 'The offline client is installed on this workstation.';

/** Installs the offline client from the user menu and waits until the app says it is installed. */
export async function installOfflineClientFromMenu(
  page: Page,
  username: string,
  timeout = 20_000,
): Promise<void> {
  await page.getByRole('button', { name: username, exact: true }).click({ timeout });
  await page.getByRole('menuitem', { name: 'Install offline client' }).click();
  await page.getByText(INSTALLED_NOTICE).waitFor({ timeout });
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
