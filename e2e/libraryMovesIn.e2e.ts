// A real library moves in, from nothing to a working desk, as docs/setting-up.md tells it: the
// compiled server started with CIRCA_DEMO=false on an empty database, the first administrator made
// with `circa create-admin` (password on stdin), a branch, a staff user, a patron type, a material
// type and a 17-day loan rule added in Administration, patrons imported from CSV and items from
// MARC 21, a patron registered at Check Out, an imported item lent to an imported patron under the
// new rule, and the offline client installed with that rule in its Workform Defaults. Every
// screenshot in docs/setting-up.md is taken here.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDay } from '../src/shared/calendar/formatDates.ts';
import { iso2709File, kohaBook } from '../src/shared/imports/marcFiles.testing.ts';
import { runCommandLine } from '../src/server/testing/circaCommandLine.testing.ts';
import { AdministrationPages } from './pages/AdministrationPages.ts';
import { CheckOutPage } from './pages/CheckOutPage.ts';
import { ImportPage } from './pages/ImportPage.ts';
import { RegisterPatronPage } from './pages/RecordPages.ts';
import { SignInPage } from './pages/SignInPage.ts';
import { installOfflineClientFromMenu } from './pages/UserMenu.ts';
import { launchBrowser, type TestBrowser } from './support/browser.ts';
import { expectText } from './support/expectText.ts';
import { startServer, type CircaServer } from './support/server.ts';

const SCREENSHOTS_DIR = resolve(import.meta.dirname, '..', 'docs', 'images');
const PASSWORD = 'river otter lanterns';
const TIME_ZONE = 'Europe/London';
/** Not the 21 days Circa uses by default, so a due date 17 days away can only come from the rule. */
const LOAN_DAYS = 17;
const UI_TIMEOUT_MS = 20_000;

const screenshot = (page: Page, name: string) =>
  page.screenshot({ path: resolve(SCREENSHOTS_DIR, name) });

/** Today plus `days` in the branch's time zone, as 'YYYY-MM-DD'. */
function dayFromToday(days: number): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE }).format(new Date());
  const [year, month, day] = today.split('-').map(Number);
  return new Date(Date.UTC(year!, month! - 1, day! + days)).toISOString().slice(0, 10);
}

describe('a library moves in', () => {
  let server: CircaServer;
  let browser: TestBrowser;
  let page: Page;
  let files: string;
  let signIn: SignInPage;
  let admin: AdministrationPages;
  let imports: ImportPage;

  const query = <T>(sql: string, ...params: unknown[]): T[] => {
    const db = new Database(server.databasePath, { readonly: true });
    try {
      return db.prepare(sql).all(...params) as T[];
    } finally {
      db.close();
    }
  };

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS_DIR, { recursive: true });
    files = mkdtempSync(join(tmpdir(), 'circa-moves-in-'));
    server = await startServer({
      env: { CIRCA_DEMO: 'false', IMPORT_DIR: join(files, 'uploads') },
    });
    browser = await launchBrowser({ baseURL: server.url });
    page = browser.page;
    signIn = new SignInPage(page);
    admin = new AdministrationPages(page);
    imports = new ImportPage(page);
  });

  afterAll(async () => {
    await browser?.dispose();
    await server?.dispose();
    if (files) rmSync(files, { recursive: true, force: true });
  });

  it('starts empty, with the sign-in page saying how to create the first administrator', async () => {
    expect(query<{ n: number }>('select count(*) as n from patrons')[0]!.n).toBe(0);
    expect(query<{ n: number }>('select count(*) as n from items')[0]!.n).toBe(0);
    await signIn.goto('/');
    await expectText(signIn.noAdministratorYet, 'npx circa create-admin');
    await screenshot(page, 'setting-up-no-administrator.png');
  });

  it('creates the administrator with circa create-admin and signs in', async () => {
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
        TIME_ZONE,
        '--library-name',
        'Riverside Public Library',
      ],
      { databaseUrl: `sqlite:${server.databasePath}`, stdin: `${PASSWORD}\n` },
    );
    expect(`${created.stdout}${created.stderr}`).toContain('Created the administrator ada');

    await signIn.goto('/');
    await signIn.signIn('ada', PASSWORD);
    await expect.poll(() => signIn.workstation.inputValue()).toBe('RIV-DESK-1');
    await screenshot(page, 'setting-up-first-workstation.png');
    await signIn.answerWorkstation();
    await expectText(page.getByRole('banner'), 'Riverside Branch');
    // The administrator's top bar keeps to one row, with the set-up under Administration.
    const links = page.getByRole('navigation', { name: 'Main' }).getByRole('link');
    expect(await links.allInnerTexts()).toContain('Administration');
    const tops = await links.evaluateAll((all) =>
      all.map((link) => Math.round(link.getBoundingClientRect().top)),
    );
    expect(new Set(tops).size).toBe(1);
    await screenshot(page, 'setting-up-signed-in.png');
  });

  it('adds a branch and a staff user there', async () => {
    await admin.open('Branches');
    await admin.button('Add branch').click();
    await admin.fillAndSubmit(
      { Code: 'HILL', Name: 'Hillside Branch', 'Time zone': TIME_ZONE },
      'Add branch',
    );
    await admin.form.waitFor({ state: 'detached' });
    await admin.row('Branches', 'Hillside Branch').waitFor();
    await screenshot(page, 'setting-up-branches.png');

    await admin.open('Staff users');
    await admin.button('Add staff user').click();
    await admin.fillAndSubmit(
      { Username: 'robin', Name: 'Robin Reader', Password: 'reads quietly on the hill' },
      'Add staff user',
      { Role: 'Circulation', 'Home branch': 'Hillside Branch' },
    );
    await expectText(admin.row('Staff users', 'robin'), 'Hillside Branch');
  });

  it(`adds a patron type, a material type and a ${LOAN_DAYS}-day loan rule joining them`, async () => {
    await admin.open('Patron types');
    await admin.button('Add patron type').click();
    await admin.fillAndSubmit(
      { Code: 'ADULT', Name: 'Adults', 'Card valid for (months)': '36' },
      'Add patron type',
    );
    await admin.row('Patron types', 'Adults').waitFor();

    await admin.open('Material types');
    await admin.button('Add material type').click();
    await admin.fillAndSubmit({ Code: 'BOOK', Name: 'Books' }, 'Add material type');
    await admin.row('Material types', 'Books').waitFor();

    await admin.open('Loan rules');
    await admin.button('Add loan rule').click();
    await admin.fillAndSubmit(
      { 'Loan days': String(LOAN_DAYS), 'Most items out': '10', 'Renewals allowed': '2' },
      'Add loan rule',
      { 'Patron type': 'Adults', 'Material type': 'Books', Branch: 'Every branch' },
    );
    await admin.form.waitFor({ state: 'detached' });
    const rule = admin.row('Loan rules', 'Books');
    await expectText(rule, 'All branches');
    await expectText(rule, String(LOAN_DAYS));
    await screenshot(page, 'setting-up-loan-rules.png');
  });

  it('imports patrons from CSV and items from MARC 21 in the web app', async () => {
    const patrons = join(files, 'patrons.csv');
    writeFileSync(
      patrons,
      // A spreadsheet's export: a byte-order mark and semicolons.
      '\uFEFF' +
        [
          'barcode;name;patron_type;home_branch;email',
          '21000001;Grace Hopper;ADULT;RIV;grace@example.org',
          '21000002;Katherine Johnson;ADULT;HILL;',
          '21000003;Tim Berners-Lee;ADULT;RIV;',
        ].join('\n'),
    );
    await imports.open();
    await imports.upload('Patrons (CSV)', patrons);
    await expectText(imports.status, 'patrons.csv is ready: 3 rows to store.');
    await screenshot(page, 'setting-up-import-preview.png');
    await imports.importButton(3).click();
    await expectText(imports.status, 'Imported patrons.csv: 3 created, 0 updated, 0 unchanged.');

    const catalogue = join(files, 'catalogue.mrc');
    writeFileSync(
      catalogue,
      iso2709File([
        kohaBook({
          title: 'Cosmos',
          author: 'Sagan, Carl',
          holdings: [
            { barcode: '31000001', branch: 'RIV', type: 'BOOK', callNumber: '520 SAG' },
            { barcode: '31000002', branch: 'HILL', type: 'BOOK', callNumber: '520 SAG' },
          ],
        }),
        kohaBook({
          title: 'Silent spring',
          author: 'Carson, Rachel',
          holdings: [{ barcode: '31000003', branch: 'RIV', type: 'BOOK', callNumber: '363.7 CAR' }],
        }),
      ]),
    );
    await imports.upload('Items (MARC 21, .mrc)', catalogue);
    await expectText(imports.status, 'catalogue.mrc is ready: 3 rows to store.');
    await imports.importButton(3).click();
    await expectText(imports.status, 'Imported catalogue.mrc: 3 created, 0 updated, 0 unchanged.');
    await screenshot(page, 'setting-up-import-done.png');
    expect(
      query<{ barcode: string; branch: string; type: string }>(
        `select items.barcode, branches.code as branch, material_types.code as type from items
         join branches on branches.id = items.branch_id
         join material_types on material_types.id = items.material_type_id
         order by items.barcode`,
      ),
    ).toEqual([
      { barcode: '31000001', branch: 'RIV', type: 'BOOK' },
      { barcode: '31000002', branch: 'HILL', type: 'BOOK' },
      { barcode: '31000003', branch: 'RIV', type: 'BOOK' },
    ]);
  });

  it('registers a patron at Check Out when their new card is unknown', async () => {
    const checkOut = new CheckOutPage(page);
    await checkOut.goto();
    await checkOut.scanPatron('21000099');
    await checkOut.alert.getByRole('button', { name: 'Register patron' }).click();
    const register = new RegisterPatronPage(page);
    await register.name.waitFor();
    expect(await register.cardBarcode.inputValue()).toBe('21000099');
    await register.name.fill('Mary Somerville');
    await screenshot(page, 'setting-up-register-patron.png');
    await register.register.click();
    await expectText(checkOut.patronSummary, 'Mary Somerville');
    const [registered] = query<{ type: string; branch: string }>(
      `select patron_types.code as type, branches.code as branch from patrons
       join patron_types on patron_types.id = patrons.patron_type_id
       join branches on branches.id = patrons.home_branch_id
       where patrons.barcode = '21000099'`,
    );
    expect(registered).toEqual({ type: 'ADULT', branch: 'RIV' });
  });

  it(`lends an imported item to an imported patron, due in ${LOAN_DAYS} days by the new rule`, async () => {
    const checkOut = new CheckOutPage(page);
    await checkOut.goto();
    await checkOut.scanPatron('21000001');
    await expectText(checkOut.patronSummary, 'Grace Hopper');
    await checkOut.scanItems('31000001');
    const due = formatDay(dayFromToday(LOAN_DAYS));
    await expectText(checkOut.lentRow('31000001'), due);
    await screenshot(page, 'setting-up-first-loan.png');
    await checkOut.complete.click();
    const [loan] = query<{ patron: string }>(
      `select patrons.barcode as patron from loans
       join patrons on patrons.id = loans.patron_id
       join items on items.id = loans.item_id
       where items.barcode = '31000001' and loans.returned_at is null`,
    );
    expect(loan).toEqual({ patron: '21000001' });
  });

  it('installs the offline client, which shows the new rule in its Workform Defaults', async () => {
    await installOfflineClientFromMenu(page, 'ada', UI_TIMEOUT_MS);
    await page.goto('/offline/');
    await page.getByRole('button', { name: 'Settings' }).click({ timeout: UI_TIMEOUT_MS });
    await page.getByRole('tab', { name: 'Workform Defaults' }).click();
    const rules = page.getByRole('table', {
      name: 'Loan rules in force at Riverside Branch, as downloaded',
    });
    const row = rules.getByRole('row').filter({ hasText: 'Books' });
    await expect
      .poll(() => row.getByRole('cell').allInnerTexts())
      .toEqual(['Adults', 'Books', String(LOAN_DAYS), '10', 'the library']);
    await screenshot(page, 'setting-up-offline-workform.png');
  });
});
