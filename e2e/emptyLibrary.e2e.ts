// A real library moving in, from nothing: the server started with CIRCA_DEMO=false on an empty
// database, the sign-in page saying what to run, `circa create-admin` run on the server with the
// password piped in, and the new administrator signing in at the library's first branch. The rest
// of the move, and docs/setting-up.md's screenshots, are in e2e/libraryMovesIn.e2e.ts.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommandLine } from '../src/server/testing/circaCommandLine.testing.ts';
import { SignInPage } from './pages/SignInPage.ts';
import { accessibilityViolations } from './support/axe.ts';
import { launchBrowser, type TestBrowser } from './support/browser.ts';
import { expectText } from './support/expectText.ts';
import { startServer, type CircaServer } from './support/server.ts';

const PASSWORD = 'river otter lanterns';

describe('a library started empty', () => {
  let server: CircaServer;
  let browser: TestBrowser;
  let page: Page;
  let signIn: SignInPage;

  beforeAll(async () => {
    server = await startServer({ env: { CIRCA_DEMO: 'false' } });
    browser = await launchBrowser({ baseURL: server.url });
    page = browser.page;
    signIn = new SignInPage(page);
  });

  afterAll(async () => {
    await browser?.dispose();
    await server?.dispose();
  });

  it('says on the sign-in page how to create the first administrator', async () => {
    expect(server.output()).toContain('npx circa create-admin');
    expect(server.output()).not.toContain('Demo sign-ins');
    await signIn.goto('/');
    await signIn.noAdministratorYet.waitFor();
    await expectText(signIn.noAdministratorYet, 'npx circa create-admin');
    // Typing still works: the hint never takes the focus from the username.
    expect(await signIn.username.evaluate((input) => input === document.activeElement)).toBe(true);
    expect(await accessibilityViolations(page, 'sign-in, no administrator yet')).toEqual([]);

    await signIn.signIn('admin', 'circa-demo');
    await expectText(signIn.alert, /\S/);
  });

  it('signs in as the administrator that circa create-admin made', async () => {
    const created = await runCommandLine(
      [
        'create-admin',
        '--username',
        'ada',
        '--name',
        'Ada Lovelace',
        '--branch-code',
        'RIV',
        '--branch-name',
        'Riverside Branch',
        '--time-zone',
        'Europe/London',
        '--library-name',
        'Riverside Public Library',
      ],
      { databaseUrl: `sqlite:${server.databasePath}`, stdin: `${PASSWORD}\n` },
    );
    expect(`${created.stdout}${created.stderr}`).toContain('Created the administrator ada');

    // Gone once an administrator exists (the page asks each time it is shown).
    const asked = page.waitForResponse((response) => response.url().endsWith('/api/setup'));
    await signIn.goto('/');
    await asked;
    expect(await signIn.noAdministratorYet.count()).toBe(0);

    await signIn.signIn('ada', PASSWORD);
    await signIn.workstation.waitFor();
    await expect.poll(() => signIn.workstation.inputValue()).toBe('RIV-DESK-1');
    await signIn.answerWorkstation();

    const banner = page.getByRole('banner');
    await expectText(banner, 'Riverside Branch');
    await expectText(banner, 'RIV-DESK-1');
    await expectText(banner, 'ada');
    // An administrator's menu: the library's set-up screens are offered.
    await expectText(page.getByRole('navigation', { name: 'Main' }), 'Administration');
  });
});
