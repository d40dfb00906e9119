// Administration in the browser: an administrator adds a branch (after a refused time zone, which
// keeps what was typed), a staff user, a patron type, a material type and a loan rule, then reads
// the change in the audit log; a supervisor sees the same pages without the buttons that change
// them. Takes the screenshots in docs/administration.md.
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdministrationPages } from './pages/AdministrationPages.ts';
import { SignInPage } from './pages/SignInPage.ts';
import { accessibilityViolations } from './support/axe.ts';
import { launchBrowser, type TestBrowser } from './support/browser.ts';
import { expectText } from './support/expectText.ts';
import { startServer, type CircaServer } from './support/server.ts';
import { addStaffUser, type TestStaffUser } from './support/staffUsers.ts';

const administrator: TestStaffUser = {
  username: 'e2e-admin',
  password: 'an administrator passphrase',
  displayName: 'Alex Admin',
  role: 'admin',
  branch: { code: 'E2EA', name: 'Admin Branch', timeZone: 'America/Chicago' },
};
const supervisor: TestStaffUser = {
  ...administrator,
  username: 'e2e-super',
  password: 'a supervisor passphrase',
  displayName: 'Sam Supervisor',
  role: 'supervisor',
};

const SCREENSHOTS_DIR = resolve(import.meta.dirname, '..', 'docs', 'images');
const screenshot = (page: Page, name: string) =>
  page.screenshot({ path: resolve(SCREENSHOTS_DIR, name), fullPage: true });

async function isFocused(locator: Locator): Promise<boolean> {
  return locator.evaluate((element) => element === document.activeElement);
}

describe('administration in the browser', () => {
  let server: CircaServer;
  let browser: TestBrowser;
  let page: Page;
  let admin: AdministrationPages;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS_DIR, { recursive: true });
    server = await startServer();
    await addStaffUser(server.databasePath, administrator);
    await addStaffUser(server.databasePath, supervisor);
    browser = await launchBrowser({ baseURL: server.url });
    page = browser.page;
    const signIn = new SignInPage(page);
    await signIn.goto('/checkout');
    await signIn.signIn(administrator.username, administrator.password);
    await signIn.answerWorkstation('E2E-ADMIN-DESK');
    admin = new AdministrationPages(page);
  });

  afterAll(async () => {
    await browser?.dispose();
    await server?.dispose();
  });

  it('adds a branch, keeping what was typed when the time zone is refused', async () => {
    await admin.open('Branches');
    const add = admin.button('Add branch');
    await add.click();
    // The focus goes into the form's first field.
    await expect.poll(() => isFocused(admin.field('Code'))).toBe(true);
    await admin.field('Time zone').fill('Europe/Nowhere');
    await admin.fillAndSubmit({ Code: 'LAKE', Name: 'Lakeside Branch' }, 'Add branch');
    await expectText(admin.formAlert, 'not a time zone name this system knows');
    expect(await admin.field('Code').inputValue()).toBe('LAKE');
    expect(await admin.field('Name').inputValue()).toBe('Lakeside Branch');

    await admin.field('Time zone').fill('America/Denver');
    await admin.form.getByLabel('Sunday').check();
    await admin.form.getByRole('button', { name: 'Add branch', exact: true }).click();
    await admin.row('Branches', 'Lakeside Branch').waitFor();
    await expectText(admin.row('Branches', 'Lakeside Branch'), 'America/Denver');
    // Back on the button that opened the form, ready for the next one.
    await expect.poll(() => isFocused(add)).toBe(true);
    await screenshot(page, 'administration-branches.png');
  });

  it('leaves a form with Escape, changing nothing', async () => {
    const add = admin.button('Add branch');
    await add.click();
    await admin.field('Code').fill('GONE');
    await admin.field('Code').press('Escape');
    await expect.poll(() => admin.form.count()).toBe(0);
    await expect.poll(() => isFocused(add)).toBe(true);
    expect(await admin.row('Branches', 'GONE').count()).toBe(0);
  });

  it('adds a staff user at the new branch', async () => {
    await admin.open('Staff users');
    await admin.button('Add staff user').click();
    await admin.fillAndSubmit(
      { Username: 'robin', Name: 'Robin Reader', Password: 'reads quietly by the lake' },
      'Add staff user',
      { Role: 'Circulation', 'Home branch': 'Lakeside Branch' },
    );
    const row = admin.row('Staff users', 'robin');
    await row.waitFor();
    await expectText(row, 'Lakeside Branch');
    await expectText(row, 'Active');
    await screenshot(page, 'administration-staff-users.png');
  });

  it('adds a patron type and a material type', async () => {
    await admin.open('Patron types');
    await admin.button('Add patron type').click();
    await admin.fillAndSubmit(
      { Code: 'TEEN', Name: 'Teen', 'Card valid for (months)': '24' },
      'Add patron type',
    );
    await expectText(admin.row('Patron types', 'Teen'), '24 months');

    await admin.open('Material types');
    await admin.button('Add material type').click();
    await admin.fillAndSubmit({ Code: 'GAME', Name: 'Board games' }, 'Add material type');
    await admin.row('Material types', 'Board games').waitFor();
  });

  it('adds a loan rule for them, refusing a duplicate with a plain message', async () => {
    await admin.open('Loan rules');
    const rule = { 'Loan days': '14', 'Most items out': '2', 'Renewals allowed': '1' };
    const types = {
      'Patron type': 'Teen',
      'Material type': 'Board games',
      Branch: 'Lakeside Branch',
    };
    await admin.button('Add loan rule').click();
    await admin.fillAndSubmit(rule, 'Add loan rule', types);
    const row = admin.row('Loan rules', 'Board games');
    await row.waitFor();
    await expectText(row, 'Lakeside Branch');

    await admin.button('Add loan rule').click();
    await admin.fillAndSubmit({ ...rule, 'Loan days': '7' }, 'Add loan rule', types);
    await expectText(admin.formAlert, 'exists already: edit that rule instead');
    await admin.form.getByRole('button', { name: 'Cancel' }).click();
    await screenshot(page, 'administration-loan-rules.png');
  });

  it('renames the library and sets the offline loan period, refusing a period of 0 days', async () => {
    await admin.open('Library');
    await admin.button('Change library settings').click();
    await admin.fillAndSubmit(
      { Name: 'Lakeside Libraries', 'Offline loan period (days)': '0' },
      'Save library settings',
    );
    await expectText(admin.formAlert, 'offline loan period is at least 1 day');
    expect(await admin.field('Name').inputValue()).toBe('Lakeside Libraries');
    await admin.fillAndSubmit({ 'Offline loan period (days)': '28' }, 'Save library settings');
    await admin.form.waitFor({ state: 'detached' });
    await expectText(page.locator('dl.facts'), 'Lakeside Libraries');
    await expectText(page.locator('dl.facts'), '28 days');
  });

  it('sends a block list that is out of date after 12 hours, and keeps refused offline renewals as exceptions, refusing 0 hours', async () => {
    const facts = page.locator('dl.facts');
    await expectText(facts, 'Send no block list');
    await expectText(facts, '24 hours');
    await expectText(facts, 'Apply the renewal and warn in the report');
    await admin.button('Change library settings').click();
    await admin.fillAndSubmit(
      { 'Warn when the block list is older than (hours)': '0' },
      'Save library settings',
      {
        'Send a block list to offline clients':
          'Send a block list: card numbers and reason codes (blocked, expired), never names',
        'Offline renewals a rule refuses': 'Keep it as an exception for a supervisor',
      },
    );
    await expectText(admin.formAlert, 'Warn about a block list at least 1 hour old');
    await admin.fillAndSubmit(
      { 'Warn when the block list is older than (hours)': '12' },
      'Save library settings',
    );
    await admin.form.waitFor({ state: 'detached' });
    await expectText(facts, 'card numbers and reason codes (blocked, expired), never names');
    await expectText(facts, '12 hours');
    await expectText(facts, 'Keep it as an exception for a supervisor');
  });

  it('sets the hold shelf, floating items and loan history, refusing 0 days on the shelf', async () => {
    const facts = page.locator('dl.facts');
    await expectText(facts, '7 open days');
    await expectText(facts, 'A returned item goes home to its own branch');
    await expectText(facts, '30 days after the return, then forget the patron');
    await admin.button('Change library settings').click();
    await admin.fillAndSubmit(
      { 'Days on the hold shelf': '0', 'Days to keep loan history': '14' },
      'Save library settings',
      { 'Items float': 'A returned item stays where it was returned' },
    );
    await expectText(admin.formAlert, 'waits on the hold shelf at least 1 open day');
    // What was typed and chosen stays for the correction.
    expect(await admin.field('Days to keep loan history').inputValue()).toBe('14');
    await admin.fillAndSubmit({ 'Days on the hold shelf': '5' }, 'Save library settings');
    await admin.form.waitFor({ state: 'detached' });
    await expectText(facts, '5 open days');
    await expectText(facts, 'A returned item stays where it was returned');
    await expectText(facts, '14 days after the return, then forget the patron');

    await admin.button('Change library settings').click();
    await admin.fillAndSubmit({}, 'Save library settings', { 'Keep loan history': 'Keep forever' });
    await admin.form.waitFor({ state: 'detached' });
    await expectText(facts, 'Keep forever');
    await expectText(facts, '5 open days');

    await admin.button('Change library settings').click();
    await admin.field('Keep loan history').selectOption({ label: 'For a number of days' });
    // Back to days: the field is there again, and a negative number is refused in plain words.
    await admin.fillAndSubmit({ 'Days to keep loan history': '-1' }, 'Save library settings');
    await expectText(admin.formAlert, 'Loan history is kept at least 0 days');
    await admin.fillAndSubmit({ 'Days to keep loan history': '30' }, 'Save library settings');
    await admin.form.waitFor({ state: 'detached' });
    await expectText(facts, '30 days after the return, then forget the patron');
    await screenshot(page, 'administration-library.png');
  });

  it('reads the changes in the audit log, filtered by action', async () => {
    await admin.open('Audit log');
    const log = admin.table('Changes, newest first');
    await log.waitFor();
    await expectText(log, 'loanRule.create');
    await expectText(log, 'branch.create');

    await page.getByLabel('Action', { exact: true }).fill('loanRule.create');
    await page.getByRole('button', { name: 'Show entries' }).click();
    await expect.poll(() => log.getByRole('row').count()).toBe(2);
    await expectText(log, 'e2e-admin');
    await expectText(log, 'loanDays: 14');
    await screenshot(page, 'administration-audit-log.png');
  });

  it('deletes a loan rule only once asked to confirm', async () => {
    await admin.open('Loan rules');
    const row = admin.row('Loan rules', 'Board games');
    const remove = page.getByRole('button', {
      name: 'Delete the rule for Teen borrowing Board games at Lakeside Branch',
    });
    await remove.click();
    // The confirmation starts on Cancel; Escape leaves it with the rule kept.
    await expect
      .poll(() => isFocused(admin.form.getByRole('button', { name: 'Cancel' })))
      .toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(() => isFocused(remove)).toBe(true);
    expect(await row.count()).toBe(1);

    await remove.click();
    await admin.form.getByRole('button', { name: 'Delete loan rule' }).click();
    await expect.poll(() => row.count()).toBe(0);
    await expect.poll(() => isFocused(admin.heading)).toBe(true);
  });

  it('meets WCAG 2.1 AA on every administration page and in an open form', async () => {
    const problems: string[] = [];
    for (const name of [
      'Library',
      'Branches',
      'Staff users',
      'Workstations',
      'Patron types',
      'Material types',
      'Loan rules',
      'Barcode rules',
      'Import',
      'Audit log',
    ]) {
      await admin.open(name);
      await page.waitForLoadState('networkidle');
      problems.push(...(await accessibilityViolations(page, name)));
    }
    await admin.open('Barcode rules');
    await admin.button('Change barcode rules').click();
    await admin.form.waitFor();
    problems.push(...(await accessibilityViolations(page, 'Barcode rules, form open')));
    await admin.form.getByRole('button', { name: 'Cancel' }).click();
    expect(problems).toEqual([]);
  });

  it('shows a supervisor the same pages without the buttons that change them', async () => {
    await page.context().clearCookies();
    const signIn = new SignInPage(page);
    await signIn.goto('/admin/branches');
    await signIn.signIn(supervisor.username, supervisor.password);
    await admin.heading.filter({ hasText: 'Branches' }).waitFor();
    await admin.row('Branches', 'Lakeside Branch').waitFor();
    expect(await admin.button('Add branch').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Edit Lakeside Branch' }).count()).toBe(0);
    await admin.open('Loan rules');
    await admin.table('Loan rules').waitFor();
    expect(await admin.button('Add loan rule').count()).toBe(0);
    expect(await page.getByRole('button', { name: /^(Edit|Delete) / }).count()).toBe(0);
  });
});
