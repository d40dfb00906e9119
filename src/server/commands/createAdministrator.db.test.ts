import { afterEach, beforeEach, expect, it } from 'vitest';
import { verifyPassword } from '../auth/passwords.ts';
import { describeEachEngine, openTestDatabase, type TestDatabase } from '../testing/engines.ts';
import { buildBranch, TEST_PASSWORD_COST } from '../testing/factories.ts';
import {
  AdministratorRefused,
  createAdministrator,
  machineTimeZone,
  planAdministrator,
  type AdministratorRequest,
} from './createAdministrator.ts';

const PASSWORD = 'copper kettle meadow';

describeEachEngine('createAdministrator', (engine) => {
  let test: TestDatabase;
  beforeEach(async () => {
    test = await openTestDatabase(engine);
  });
  afterEach(() => test.dispose());

  async function refusal(request: AdministratorRequest): Promise<AdministratorRefused> {
    const error = await planAdministrator(test.db, request).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AdministratorRefused);
    return error as AdministratorRefused;
  }

  it('creates the first branch in the machine’s time zone when none is given', async () => {
    const plan = await planAdministrator(test.db, {
      username: ' ada ',
      branchCode: 'MAIN',
      branchName: 'Main Library',
    });
    expect(plan).toEqual({
      username: 'ada',
      displayName: 'ada',
      libraryName: null,
      branch: { create: { code: 'MAIN', name: 'Main Library', timeZone: machineTimeZone() } },
    });
    const created = await createAdministrator({
      db: test.db,
      plan,
      password: PASSWORD,
      passwordCost: TEST_PASSWORD_COST,
      now: 1_800_000_000_000,
    });
    expect(created).toMatchObject({ username: 'ada', branchCreated: true });
    const user = await test.db.selectFrom('staff_users').selectAll().executeTakeFirstOrThrow();
    expect(user).toMatchObject({ role: 'admin', branch_id: created.branch.id, disabled_at: null });
    expect(user.password_hash).toMatch(new RegExp(`^scrypt\\$${TEST_PASSWORD_COST}\\$`));
    expect(await verifyPassword(PASSWORD, user.password_hash)).toBe(true);
    const audit = await test.db.selectFrom('audit_log').selectAll().orderBy('id').execute();
    expect(audit.map((a) => [a.action, a.subject_id, a.at])).toEqual([
      ['branch.create', String(created.branch.id), 1_800_000_000_000],
      ['staffUser.create', String(user.id), 1_800_000_000_000],
    ]);
  });

  it('chooses among existing branches by code, in any letter case', async () => {
    const main = await buildBranch(test.db, { code: 'MAIN' });
    await buildBranch(test.db, { code: 'EAST' });
    expect((await refusal({ username: 'ada' })).message).toBe(
      "Choose the administrator's home branch with --branch-code (one of EAST, MAIN).",
    );
    expect((await refusal({ username: 'ada', branchCode: 'west' })).reason).toBe(
      'BRANCH_NOT_FOUND',
    );
    const plan = await planAdministrator(test.db, { username: 'ada', branchCode: 'main' });
    expect(plan.branch).toEqual({ existing: main });
  });

  it('refuses a first-branch description once the library has branches', async () => {
    await buildBranch(test.db, { code: 'MAIN' });
    const refused = await refusal({ username: 'ada', branchCode: 'MAIN', timeZone: 'UTC' });
    expect(refused.message).toMatch(/this library has branches already: leave them out/);
  });

  it('refuses a bad username, display name or library name with the reason', async () => {
    await buildBranch(test.db, { code: 'MAIN' });
    expect((await refusal({ username: 'ada lovelace' })).message).toMatch(/no spaces/);
    expect((await refusal({ username: 'ada', displayName: ' ' })).message).toMatch(
      /Give the name staff see/,
    );
    expect((await refusal({ username: 'ada', libraryName: '' })).message).toBe(
      'The library needs a name.',
    );
  });

  it('stores nothing when the password is weak, even when called without the command line', async () => {
    const plan = await planAdministrator(test.db, {
      username: 'ada',
      branchCode: 'MAIN',
      branchName: 'Main Library',
      libraryName: 'Riverside Public Library',
    });
    const error = await createAdministrator({
      db: test.db,
      plan,
      password: 'ada-lovelace-1815',
      passwordCost: TEST_PASSWORD_COST,
      now: Date.now(),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AdministratorRefused);
    expect((error as AdministratorRefused).reason).toBe('WEAK_PASSWORD');
    expect(await test.db.selectFrom('branches').selectAll().execute()).toEqual([]);
    expect(await test.db.selectFrom('audit_log').selectAll().execute()).toEqual([]);
  });

  it('rolls everything back when the username is taken between planning and creating', async () => {
    const plan = await planAdministrator(test.db, {
      username: 'ada',
      branchCode: 'MAIN',
      branchName: 'Main Library',
      libraryName: 'Riverside Public Library',
    });
    const other = await buildBranch(test.db, { code: 'TEMP' });
    await test.db
      .insertInto('staff_users')
      .values({
        username: 'Ada',
        display_name: 'Someone else',
        password_hash: 'x',
        role: 'circulation',
        branch_id: other.id,
      })
      .execute();
    const error = await createAdministrator({
      db: test.db,
      plan,
      password: PASSWORD,
      passwordCost: TEST_PASSWORD_COST,
      now: Date.now(),
    }).catch((e: unknown) => e);
    expect((error as AdministratorRefused).reason).toBe('USERNAME_TAKEN');
    const settings = await test.db
      .selectFrom('library_settings')
      .select('library_name')
      .executeTakeFirstOrThrow();
    expect(settings.library_name).toBe('Circa');
    expect(await test.db.selectFrom('audit_log').selectAll().execute()).toEqual([]);
    expect(await test.db.selectFrom('branches').select('code').execute()).toEqual([
      { code: 'TEMP' },
    ]);
  });
});
