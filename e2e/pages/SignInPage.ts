// The sign-in page and the one-time workstation question, by their accessible names.
import type { Locator, Page } from 'playwright-core';

export class SignInPage {
  readonly username: Locator;
  readonly password: Locator;
  readonly signInButton: Locator;
  readonly alert: Locator;
  readonly workstation: Locator;
  /** Shown only while the library has no administrator: what to run on the server. */
  readonly noAdministratorYet: Locator;

  constructor(readonly page: Page) {
    this.username = page.getByLabel('Username', { exact: true });
    this.password = page.getByLabel('Password', { exact: true });
    this.signInButton = page.getByRole('button', { name: 'Sign in' });
    this.alert = page.getByRole('alert');
    this.workstation = page.getByLabel('Workstation', { exact: true });
    this.noAdministratorYet = page.getByRole('region', { name: 'No administrator yet' });
  }

  async goto(path = '/'): Promise<void> {
    await this.page.goto(path);
    await this.username.waitFor();
  }

  async signIn(username: string, password: string): Promise<void> {
    await this.username.fill(username);
    await this.password.fill(password);
    await this.signInButton.click();
  }

  /**
   * Accepts the workstation question with Enter, as staff do: the suggested name, or `name`.
   * Returns the name that was accepted.
   */
  async answerWorkstation(name?: string): Promise<string> {
    await this.workstation.waitFor();
    // Wait for the server's suggestion to be filled in first: replacing an empty field in the
    // instant the suggestion lands would leave the two run together (the suggestion, then `name`).
    await this.page.waitForFunction(
      (input) => (input as HTMLInputElement).value !== '',
      await this.workstation.elementHandle(),
    );
    if (name !== undefined) {
      await this.workstation.fill(name);
      await this.page.waitForFunction(
        ([input, wanted]) => (input as HTMLInputElement).value === wanted,
        [await this.workstation.elementHandle(), name] as const,
      );
    }
    const accepted = await this.workstation.inputValue();
    await this.workstation.press('Enter');
    return accepted;
  }

  /** Signs in at Check Out and accepts the suggested workstation name, as staff start at a desk. */
  async signInAtDesk(username: string, password: string): Promise<void> {
    await this.goto('/checkout');
    await this.signIn(username, password);
    await this.answerWorkstation();
  }
}
