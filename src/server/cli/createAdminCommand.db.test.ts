// `circa create-admin` as a systems librarian runs it: the compiled command line in its own
// process, the password piped on standard input, against an empty database on each engine.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { SessionInfo } from '../../shared/api/session.ts';
import { buildApp } from '../app.ts';
import { testConfig } from '../testing/apiHarness.ts';
import { runCommandLine, type RunCommandLineOptions } from '../testing/circaCommandLine.testing.ts';
import { describeEachEngine, openTestDatabase, type TestDatabase } from '../testing/engines.ts';

const PASSWORD = 'river otter lanterns';
const FIRST_ADMIN = [
  'create-admin',
  '--username',
  'ada',
  '--name',
  'Ada Lovelace',
  '--branch-code',
  'MAIN',
  '--branch-name',
  'Main Library',
  '--time-zone',
  'Europe/London',
  '--library-name',
  'Riverside Public Library',
];

describeEachEngine('circa create-admin', (engine) => {
  let test: TestDatabase;
  beforeEach(async () => {
    test = await openTestDatabase(engine);
  });
  afterEach(() => test.dispose());

  const circa = (args: string[], options: RunCommandLineOptions = {}) =>
    runCommandLine(args, { databaseUrl: test.url, ...options });

  async function counts() {
    const count = async (table: 'staff_users' | 'branches' | 'audit_log') =>
      Number(
        (
          await test.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const settings = await test.db
      .selectFrom('library_settings')
      .select('library_name')
      .executeTakeFirstOrThrow();
    return {
      staff: await count('staff_users'),
      branches: await count('branches'),
      audit: await count('audit_log'),
      libraryName: settings.library_name,
    };
  }
  const NOTHING_STORED = { staff: 0, branches: 0, audit: 0, libraryName: 'Circa' };

  it('creates the first administrator and branch, who can then sign in through the API', async () => {
    const run = await circa(FIRST_ADMIN, { stdin: `${PASSWORD}\n` });
    expect(run.stderr).toContain(
      'Creating the administrator ada (Ada Lovelace) at a new branch MAIN (Main Library, time zone Europe/London).',
    );
    expect(run.stdout).toContain('Created the administrator ada at branch MAIN (a new branch).');
    expect(run.code).toBe(0);

    expect(await counts()).toEqual({
      staff: 1,
      branches: 1,
      audit: 3,
      libraryName: 'Riverside Public Library',
    });
    const branch = await test.db.selectFrom('branches').selectAll().executeTakeFirstOrThrow();
    expect(branch).toMatchObject({
      code: 'MAIN',
      name: 'Main Library',
      time_zone: 'Europe/London',
    });
    const audit = await test.db.selectFrom('audit_log').selectAll().orderBy('id').execute();
    expect(audit.map((a) => [a.action, a.actor, a.staff_user_id])).toEqual([
      ['librarySettings.update', 'command line', null],
      ['branch.create', 'command line', null],
      ['staffUser.create', 'command line', null],
    ]);
    expect(JSON.parse(audit[2]?.after ?? 'null')).toMatchObject({ username: 'ada', role: 'admin' });
    expect(audit.map((a) => `${a.before} ${a.after}`).join(' ')).not.toContain('scrypt');

    const app = buildApp({ db: test.db, config: testConfig() });
    try {
      const setup = await app.inject({ method: 'GET', url: '/api/setup' });
      expect(setup.json()).toEqual({ needsAdministrator: false });
      const signIn = await app.inject({
        method: 'POST',
        url: '/api/session',
        payload: { username: 'ada', password: PASSWORD },
      });
      expect(signIn.statusCode).toBe(200);
      const session = SessionInfo.parse(signIn.json());
      expect(session.user).toMatchObject({ username: 'ada', displayName: 'Ada Lovelace' });
      expect(session.user.role).toBe('admin');
      expect(session.libraryName).toBe('Riverside Public Library');
    } finally {
      await app.close();
    }
  });

  it('refuses a weak password with the reason and stores nothing', async () => {
    const run = await circa(FIRST_ADMIN, { stdin: 'letmein12345\n' });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      'The password is one of the first that attackers try: choose another.',
    );
    expect(run.stdout).not.toContain('Created');
    expect(await counts()).toEqual(NOTHING_STORED);
  });

  it('refuses a username that exists, in any letter case, before asking for a password', async () => {
    expect((await circa(FIRST_ADMIN, { stdin: `${PASSWORD}\n` })).code).toBe(0);
    const again = await circa(['create-admin', '--username', 'ADA', '--branch-code', 'MAIN'], {
      stdin: 'a different passphrase\n',
    });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(
      "A staff member with the username 'ADA' already exists: choose another username (--username).",
    );
    expect(again.stderr).not.toContain('Creating the administrator');
    expect((await counts()).staff).toBe(1);

    // A second administrator at the branch that now exists: the only branch needs no naming.
    const second = await circa(['create-admin', '--username', 'grace'], {
      stdin: 'copper kettle meadow\n',
    });
    expect(second.stdout).toContain('Created the administrator grace at branch MAIN.');
    expect(await counts()).toMatchObject({ staff: 2, branches: 1, audit: 4 });
  });

  it('refuses a time zone that is not an IANA name, and stores nothing', async () => {
    const args = FIRST_ADMIN.map((a) => (a === 'Europe/London' ? 'Europe/Londn' : a));
    const run = await circa(args, { stdin: `${PASSWORD}\n` });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("'Europe/Londn' is not a time zone this server knows");
    expect(await counts()).toEqual(NOTHING_STORED);
  });

  it('asks for the first branch when the library has none', async () => {
    const run = await circa(['create-admin', '--username', 'ada'], { stdin: `${PASSWORD}\n` });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /The library has no branch yet.*describe the first branch with --branch-code and --branch-name/,
    );
    expect(await counts()).toEqual(NOTHING_STORED);
  });

  it('says so when no password comes on standard input', async () => {
    const run = await circa(FIRST_ADMIN, { stdin: '' });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Standard input ended before a password');
    expect(await counts()).toEqual(NOTHING_STORED);
  });
});
