import { afterAll, beforeAll, expect, it } from 'vitest';
import { StaffUserList, StaffUserRecord } from '../../../shared/api/administration.ts';
import { SessionInfo } from '../../../shared/api/session.ts';
import {
  errorOf,
  type SignedInAgent,
  startTestApi,
  type TestApi,
} from '../../testing/apiHarness.ts';
import { describeEachEngine } from '../../testing/engines.ts';
import { buildBranch, buildStaffUser, TEST_STAFF_PASSWORD } from '../../testing/factories.ts';
import { auditCount, auditEntriesOf } from './adminFixture.testing.ts';

const NEW_PASSWORD = 'seven blue herons at dusk';

describeEachEngine('administration API: staff users', (engine) => {
  let api: TestApi;
  let admin: SignedInAgent;
  let supervisor: SignedInAgent;
  beforeAll(async () => {
    api = await startTestApi(engine);
    admin = await api.signIn('staff-admin', 'admin');
    supervisor = await api.signIn('staff-super', 'supervisor');
  });
  afterAll(() => api.dispose());

  async function create(
    username: string,
    role: 'circulation' | 'supervisor' | 'admin' = 'circulation',
  ) {
    const response = await admin.post('/api/admin/staff-users', {
      username,
      displayName: `Staff ${username}`,
      role,
      branchId: api.branch.id,
      password: NEW_PASSWORD,
    });
    expect(response.statusCode).toBe(201);
    return StaffUserRecord.parse(response.json());
  }

  function signInAs(username: string, password = NEW_PASSWORD) {
    return api.anonymous().post('/api/session', { username, password });
  }

  it('creates an account that can sign in, and logs it without the password', async () => {
    const user = await create('jo.desk');
    expect(user).toMatchObject({
      username: 'jo.desk',
      role: 'circulation',
      disabledAt: null,
      branch: { code: 'MAIN' },
    });
    expect((await signInAs('jo.desk')).statusCode).toBe(200);
    const [entry] = await auditEntriesOf(api.db, 'staff_user', user.id);
    expect(entry).toMatchObject({
      action: 'staffUser.create',
      actor: 'staff-admin',
      before: null,
      after: user,
    });
    expect(JSON.stringify(entry)).not.toContain(NEW_PASSWORD);
    const list = StaffUserList.parse((await supervisor.get('/api/admin/staff-users')).json());
    expect(list.staffUsers).toContainEqual(user);
  });

  it.each([
    [{ username: 'STAFF-ADMIN' }, 409, /username staff-admin is taken/],
    [{ password: 'short' }, 400, /too short/],
    [{ username: 'patience', password: 'patience is a virtue' }, 400, /contains the username/],
    [{ username: 'two words' }, 400, /no spaces/],
    [{ branchId: 99999 }, 400, /home branch chosen does not exist/],
    [{ role: 'owner' }, 400, /role/],
  ])('refuses %o with a plain message, creating nothing', async (overrides, status, message) => {
    const before = await api.db.selectFrom('staff_users').select('id').execute();
    const entries = await auditCount(api.db);
    const response = await admin.post('/api/admin/staff-users', {
      username: 'newcomer',
      displayName: 'New Comer',
      role: 'circulation',
      branchId: api.branch.id,
      password: NEW_PASSWORD,
      ...overrides,
    });
    expect(response.statusCode).toBe(status);
    expect(errorOf(response).message).toMatch(message);
    expect(await api.db.selectFrom('staff_users').select('id').execute()).toHaveLength(
      before.length,
    );
    expect(await auditCount(api.db)).toBe(entries);
  });

  it('changes the name, role and home branch, logging before and after', async () => {
    const user = await create('sam.move');
    const east = await buildBranch(api.db, { code: 'EASTS', name: 'East' });
    const response = await admin.put(`/api/admin/staff-users/${user.id}`, {
      displayName: 'Sam Mover',
      role: 'supervisor',
      branchId: east.id,
    });
    expect(response.statusCode).toBe(200);
    const changed = StaffUserRecord.parse(response.json());
    expect(changed).toMatchObject({
      displayName: 'Sam Mover',
      role: 'supervisor',
      branch: { code: 'EASTS' },
    });
    const [, update] = await auditEntriesOf(api.db, 'staff_user', user.id);
    expect(update).toMatchObject({ action: 'staffUser.update', before: user, after: changed });
  });

  it('sets a new password, which ends the account’s sessions at once', async () => {
    await create('pat.reset');
    const session = SessionInfo.parse((await signInAs('pat.reset')).json());
    const signedIn = api.anonymous();
    const cookie = (
      await signedIn.post('/api/session', { username: 'pat.reset', password: NEW_PASSWORD })
    ).statusCode;
    expect(cookie).toBe(200);
    expect((await signedIn.get('/api/session')).statusCode).toBe(200);

    const weak = await admin.post(`/api/admin/staff-users/${session.user.id}/password`, {
      password: 'pat.reset-1234',
    });
    expect(weak.statusCode).toBe(400);
    expect(errorOf(weak).message).toMatch(/contains the username/);
    expect((await signedIn.get('/api/session')).statusCode).toBe(200);

    const reset = await admin.post(`/api/admin/staff-users/${session.user.id}/password`, {
      password: 'another long passphrase',
    });
    expect(reset.statusCode).toBe(200);
    expect((await signedIn.get('/api/session')).statusCode).toBe(401);
    expect((await signInAs('pat.reset')).statusCode).toBe(401);
    expect((await signInAs('pat.reset', 'another long passphrase')).statusCode).toBe(200);
    const entries = await auditEntriesOf(api.db, 'staff_user', session.user.id);
    expect(entries.map((e) => e.action)).toEqual(['staffUser.create', 'staffUser.resetPassword']);
    expect(JSON.stringify(entries)).not.toContain('another long passphrase');
  });

  it('disables an account: its open session is refused at once and it cannot sign in', async () => {
    const user = await create('lee.leaving');
    const signedIn = api.anonymous();
    expect(
      (await signedIn.post('/api/session', { username: 'lee.leaving', password: NEW_PASSWORD }))
        .statusCode,
    ).toBe(200);
    expect((await signedIn.get('/api/session')).statusCode).toBe(200);

    const noReason = await admin.post(`/api/admin/staff-users/${user.id}/disable`, {});
    expect(noReason.statusCode).toBe(400);
    expect(errorOf(noReason).message).toMatch(/Say why the account is disabled/);

    const response = await admin.post(`/api/admin/staff-users/${user.id}/disable`, {
      reason: 'Left the library',
    });
    expect(response.statusCode).toBe(200);
    const disabled = StaffUserRecord.parse(response.json());
    expect(disabled.disabledAt).toBe(api.clock.now());
    expect((await signedIn.get('/api/session')).statusCode).toBe(401);

    const refused = await signInAs('lee.leaving');
    expect(refused.statusCode).toBe(403);
    expect(errorOf(refused)).toMatchObject({
      code: 'ACCOUNT_DISABLED',
      message: expect.stringMatching(/disabled/),
    });
    const wrongPassword = await signInAs('lee.leaving', 'not the password at all');
    expect(errorOf(wrongPassword).code).toBe('SIGN_IN_FAILED');

    const [, entry] = await auditEntriesOf(api.db, 'staff_user', user.id);
    expect(entry).toMatchObject({
      action: 'staffUser.disable',
      before: user,
      after: { ...disabled, reason: 'Left the library' },
    });

    const enabled = await admin.post(`/api/admin/staff-users/${user.id}/enable`, {});
    expect(StaffUserRecord.parse(enabled.json()).disabledAt).toBeNull();
    expect((await signInAs('lee.leaving')).statusCode).toBe(200);
  });

  it('refuses a session that outlived its account being disabled', async () => {
    const user = await create('kim.stale');
    const signedIn = api.anonymous();
    await signedIn.post('/api/session', { username: 'kim.stale', password: NEW_PASSWORD });
    // As if a sign-in had raced the change: the account disabled, the session still stored.
    await api.db
      .updateTable('staff_users')
      .set({ disabled_at: api.clock.now() })
      .where('id', '=', user.id)
      .execute();
    const response = await signedIn.get('/api/session');
    expect(response.statusCode).toBe(401);
    expect(errorOf(response).message).toMatch(/account has been disabled/);
    expect(
      await api.db
        .selectFrom('sessions')
        .where('staff_user_id', '=', user.id)
        .selectAll()
        .execute(),
    ).toEqual([]);
  });

  it('never leaves the library without an active administrator', async () => {
    const { db } = api;
    // Only staff-admin is an active administrator here.
    await db
      .updateTable('staff_users')
      .set({ disabled_at: 1 })
      .where('role', '=', 'admin')
      .where('username', '!=', 'staff-admin')
      .execute();
    const entries = await auditCount(db);
    const self = admin.user.id;
    const disable = await admin.post(`/api/admin/staff-users/${self}/disable`, {
      reason: 'Testing',
    });
    expect(disable.statusCode).toBe(409);
    expect(errorOf(disable)).toMatchObject({
      code: 'LAST_ADMINISTRATOR',
      message: expect.stringMatching(/only active administrator/),
    });
    const demote = await admin.put(`/api/admin/staff-users/${self}`, {
      displayName: 'Admin',
      role: 'supervisor',
      branchId: api.branch.id,
    });
    expect(demote.statusCode).toBe(409);
    expect(errorOf(demote).code).toBe('LAST_ADMINISTRATOR');
    const me = await db
      .selectFrom('staff_users')
      .selectAll()
      .where('id', '=', self)
      .executeTakeFirstOrThrow();
    expect(me).toMatchObject({ role: 'admin', disabled_at: null });
    expect(await auditCount(db)).toBe(entries);

    // With a second administrator, the first may step down.
    await buildStaffUser(db, {
      username: 'second-admin',
      role: 'admin',
      branch_id: api.branch.id,
      password: TEST_STAFF_PASSWORD,
    });
    const stepDown = await admin.put(`/api/admin/staff-users/${self}`, {
      displayName: 'Former admin',
      role: 'supervisor',
      branchId: api.branch.id,
    });
    expect(stepDown.statusCode).toBe(200);
    // Now a supervisor: the same session may no longer change accounts.
    const refused = await admin.post('/api/admin/staff-users', {
      username: 'too-late',
      displayName: 'Too Late',
      role: 'circulation',
      branchId: api.branch.id,
      password: NEW_PASSWORD,
    });
    expect(refused.statusCode).toBe(403);
  });

  it('keeps an administrator when the last two disable each other at the same moment', async () => {
    const { db } = api;
    await db
      .updateTable('staff_users')
      .set({ disabled_at: 1 })
      .where('role', '=', 'admin')
      .execute();
    const first = await buildStaffUser(db, {
      username: 'twin-admin-1',
      role: 'admin',
      branch_id: api.branch.id,
    });
    const second = await buildStaffUser(db, {
      username: 'twin-admin-2',
      role: 'admin',
      branch_id: api.branch.id,
    });
    const one = await api.signIn('twin-admin-1', 'admin');
    const two = await api.signIn('twin-admin-2', 'admin');
    const answers = await Promise.all([
      one.post(`/api/admin/staff-users/${second.id}/disable`, { reason: 'Swap' }),
      two.post(`/api/admin/staff-users/${first.id}/disable`, { reason: 'Swap' }),
    ]);
    // One wins. The other is refused: by the last-administrator rule (409) when both got past the
    // session guard, or as signed out (401) when the first disable ended its session before its
    // request was read. Either way one administrator remains.
    const [won, refused] = answers.map((a) => a.statusCode).toSorted();
    expect(won).toBe(200);
    expect([401, 409]).toContain(refused);
    const active = await db
      .selectFrom('staff_users')
      .select('username')
      .where('role', '=', 'admin')
      .where('disabled_at', 'is', null)
      .execute();
    expect(active).toHaveLength(1);
  });

  it('lets supervisors read accounts but not change them', async () => {
    expect((await supervisor.get('/api/admin/staff-users')).statusCode).toBe(200);
    const response = await supervisor.post(`/api/admin/staff-users/${admin.user.id}/disable`, {
      reason: 'No',
    });
    expect(response.statusCode).toBe(403);
    const desk = await api.signIn('staff-desk', 'circulation');
    expect((await desk.get('/api/admin/staff-users')).statusCode).toBe(403);
  });
});
