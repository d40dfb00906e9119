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

  it('changes the name, the offline loan period and the offline limits, with an audit entry', async () => {
    const before = await settingsOf(supervisor);
    const after: LibrarySettingsView = {
      libraryName: 'Riverside Public Library',
      defaultLoanDays: 28,
      offlineBlockedList: true,
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

    expect(await auditEntriesOf(api.db, 'library_settings', null)).toEqual([
      expect.objectContaining({ action: 'librarySettings.update', before, after }),
    ]);
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
