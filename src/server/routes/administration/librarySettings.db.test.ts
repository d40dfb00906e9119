import { afterAll, beforeAll, expect, it } from 'vitest';
import type { LibrarySettingsView } from '../../../shared/api/librarySettings.ts';
import { OfflineSnapshot } from '../../../shared/offline/snapshot.ts';
import {
  errorOf,
  startTestApi,
  type SignedInAgent,
  type TestApi,
} from '../../testing/apiHarness.ts';
import { describeEachEngine } from '../../testing/engines.ts';
import { auditCount, auditEntriesOf } from './adminFixture.testing.ts';

const settingsOf = async (agent: SignedInAgent) =>
  (await agent.get('/api/admin/library-settings')).json<LibrarySettingsView>();

describeEachEngine('administration API: library settings', (engine) => {
  let api: TestApi;
  let admin: SignedInAgent;
  let supervisor: SignedInAgent;
  let desk: SignedInAgent;
  beforeAll(async () => {
    api = await startTestApi(engine);
    admin = await api.signIn('settings-admin', 'admin', { workstation: 'MAIN-ADMIN-1' });
    supervisor = await api.signIn('settings-super', 'supervisor');
    desk = await api.signIn('settings-desk', 'circulation', { workstation: 'MAIN-DESK-1' });
  });
  afterAll(() => api.dispose());

  it('starts with 7 open days on the hold shelf, items going home, 30 days of loan history, no block list (out of date after 24 hours) and refused offline renewals applied with a warning', async () => {
    expect(await settingsOf(supervisor)).toMatchObject({
      offlineBlockedList: false,
      offlineBlockListMaxAgeHours: 24,
      offlineRenewalRefusal: 'apply_with_warning',
      holdShelfDays: 7,
      itemsFloat: false,
      loanHistoryDays: 30,
    });
  });

  it('changes the name, the offline loan period and the offline limits, with an audit entry', async () => {
    const before = await settingsOf(supervisor);
    const after: LibrarySettingsView = {
      libraryName: 'Riverside Public Library',
      defaultLoanDays: 28,
      installOfflineClientAtSignIn: false,
      offlineBlockedList: true,
      offlineBlockListMaxAgeHours: 12,
      offlineRenewalRefusal: 'exception',
      offlineSpecialLoanMaxDays: 90,
      offlineOverridePolicy: 'hold',
      holdShelfDays: 5,
      itemsFloat: true,
      loanHistoryDays: null,
    };
    const response = await admin.put('/api/admin/library-settings', after);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual(after);
    expect(await settingsOf(admin)).toEqual(after);

    // From the next request: the name in the session, the period in the next offline snapshot.
    expect((await desk.get('/api/session')).json().libraryName).toBe('Riverside Public Library');
    const snapshot = OfflineSnapshot.parse((await desk.get('/api/offline/snapshot')).json());
    expect(snapshot.defaultLoanDays).toBe(28);
    expect(snapshot.libraryName).toBe('Riverside Public Library');
    expect(snapshot.blockList?.maxAgeHours).toBe(12);

    expect(await auditEntriesOf(api.db, 'library_settings', null)).toEqual([
      expect.objectContaining({ action: 'librarySettings.update', before, after }),
    ]);
  });

  it('keeps loan history for 0 days or forever, and keeps the newer settings when a change leaves them out', async () => {
    const current = await settingsOf(admin);
    const forgetAtOnce = { ...current, loanHistoryDays: 0, holdShelfDays: 3, itemsFloat: false };
    expect((await admin.put('/api/admin/library-settings', forgetAtOnce)).json()).toEqual(
      forgetAtOnce,
    );
    // A client that knows only the older fields changes those and nothing else.
    const {
      offlineBlockListMaxAgeHours: _age,
      offlineRenewalRefusal: _renewals,
      holdShelfDays: _shelf,
      itemsFloat: _float,
      loanHistoryDays: _history,
      ...older
    } = forgetAtOnce;
    const renamed = { ...older, libraryName: 'Riverside Libraries' };
    expect((await admin.put('/api/admin/library-settings', renamed)).json()).toEqual({
      ...forgetAtOnce,
      libraryName: 'Riverside Libraries',
    });
    const forever = { ...forgetAtOnce, loanHistoryDays: null };
    expect((await admin.put('/api/admin/library-settings', forever)).json()).toMatchObject({
      loanHistoryDays: null,
    });
    expect(await settingsOf(supervisor)).toMatchObject({ loanHistoryDays: null, holdShelfDays: 3 });
  });

  it('installs the offline client at sign-in in a new library; turning it off is saved, audited and in the next session answer', async () => {
    const fresh = await startTestApi(engine);
    try {
      const freshAdmin = await fresh.signIn('install-admin', 'admin');
      expect(freshAdmin.session.installOfflineClientAtSignIn).toBe(true);
      const before = await settingsOf(freshAdmin);
      expect(before.installOfflineClientAtSignIn).toBe(true);

      const off = { ...before, installOfflineClientAtSignIn: false };
      const response = await freshAdmin.put('/api/admin/library-settings', off);
      expect(response.statusCode).toBe(200);
      expect(await settingsOf(freshAdmin)).toEqual(off);
      expect(await auditEntriesOf(fresh.db, 'library_settings', null)).toEqual([
        expect.objectContaining({ action: 'librarySettings.update', before, after: off }),
      ]);
      expect((await freshAdmin.get('/api/session')).json()).toMatchObject({
        installOfflineClientAtSignIn: false,
      });
      const nextDesk = await fresh.signIn('install-desk', 'circulation');
      expect(nextDesk.session.installOfflineClientAtSignIn).toBe(false);

      // A client that does not know the setting leaves it as it is.
      const { installOfflineClientAtSignIn: _install, ...older } = off;
      await freshAdmin.put('/api/admin/library-settings', { ...older, defaultLoanDays: 30 });
      expect(await settingsOf(freshAdmin)).toMatchObject({
        installOfflineClientAtSignIn: false,
        defaultLoanDays: 30,
      });

      await freshAdmin.put('/api/admin/library-settings', {
        ...off,
        installOfflineClientAtSignIn: true,
      });
      expect((await freshAdmin.get('/api/session')).json()).toMatchObject({
        installOfflineClientAtSignIn: true,
      });
    } finally {
      await fresh.dispose();
    }
  });

  it('writes no audit entry when nothing changed', async () => {
    const current = await settingsOf(admin);
    const entries = await auditCount(api.db);
    expect((await admin.put('/api/admin/library-settings', current)).statusCode).toBe(200);
    expect(await auditCount(api.db)).toBe(entries);
  });

  it.each([
    [{ libraryName: '   ' }, /Type the library’s name/],
    [{ defaultLoanDays: 0 }, /offline loan period is at least 1 day/],
    [{ defaultLoanDays: 4000 }, /at most 3650 days/],
    [{ defaultLoanDays: 2.5 }, /whole number of days/],
    [{ offlineSpecialLoanMaxDays: 0 }, /longest offline Special Loan is at least 1 day/],
    [{ offlineOverridePolicy: 'ignore' }, /offlineOverridePolicy/],
    [{ offlineBlockListMaxAgeHours: 0 }, /block list at least 1 hour old/],
    [{ offlineBlockListMaxAgeHours: 8785 }, /at most 8784 hours \(a year\)/],
    [{ offlineBlockListMaxAgeHours: 1.5 }, /block list’s age as a whole number of hours/],
    [{ offlineRenewalRefusal: 'ignore' }, /offline renewal a rule refuses/],
    [{ holdShelfDays: 0 }, /waits on the hold shelf at least 1 open day/],
    [{ holdShelfDays: 366 }, /at most 365 open days/],
    [{ holdShelfDays: 1.5 }, /hold shelf time as a whole number of open days/],
    [{ holdShelfDays: null }, /hold shelf time as a whole number of open days/],
    [{ itemsFloat: 'sometimes' }, /itemsFloat/],
    [{ loanHistoryDays: -1 }, /kept at least 0 days/],
    [{ loanHistoryDays: 36501 }, /choose “keep forever” for longer/],
    [{ loanHistoryDays: 2.5 }, /loan history is kept as a whole number of days/],
    [{ loanHistoryDays: '30' }, /or keep it forever/],
  ])('refuses %j with a plain message, changing nothing', async (change, message) => {
    const current = await settingsOf(admin);
    const entries = await auditCount(api.db);
    const response = await admin.put('/api/admin/library-settings', { ...current, ...change });
    expect(response.statusCode).toBe(400);
    expect(JSON.stringify(errorOf(response))).toMatch(message);
    expect(await settingsOf(admin)).toEqual(current);
    expect(await auditCount(api.db)).toBe(entries);
  });

  it('lets supervisors read the settings but only administrators change them', async () => {
    const current = await settingsOf(supervisor);
    const changed = { ...current, defaultLoanDays: 7 };
    expect((await supervisor.put('/api/admin/library-settings', changed)).statusCode).toBe(403);
    expect((await desk.get('/api/admin/library-settings')).statusCode).toBe(403);
    expect((await desk.put('/api/admin/library-settings', changed)).statusCode).toBe(403);
    expect(await settingsOf(admin)).toEqual(current);
  });
});
