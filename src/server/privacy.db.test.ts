// What Circa promises about patrons' privacy, tested end to end on each engine: the offline
// snapshot a workstation keeps holds nothing about patrons but, when the library chooses, the
// block list (card numbers of blocked and expired cards, a reason code, an expiry date); and the log never holds a password, a session token or a cookie.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OfflineSnapshot } from '../shared/offline/snapshot.ts';
import { PAIR_SCHEDULE } from './auth/signInThrottle.ts';
import { getLibrarySettings, saveLibrarySettings } from './db/librarySettings.ts';
import { startTestApi, type TestApi } from './testing/apiHarness.ts';
import { describeEachEngine } from './testing/engines.ts';
import { buildItem, buildPatron } from './testing/factories.ts';

/** The snapshot's fields: a new one must be added here on purpose, after asking what it reveals. */
const SNAPSHOT_FIELDS = [
  'appVersion',
  'barcodeRules',
  'branch',
  'closedDates',
  'defaultLoanDays',
  'knownThrough',
  'libraryName',
  'loanRules',
  'patronTypes',
  // Numbers only: how many of this workstation's transactions arrived, and which did not.
  'sequences',
  'snapshotVersion',
  'staff',
  'takenAt',
  'workstation',
];

describeEachEngine('privacy', (engine) => {
  describe('the offline snapshot', () => {
    let api: TestApi;
    beforeAll(async () => {
      api = await startTestApi(engine);
    });
    afterAll(() => api.dispose());

    it('holds no patron name, address, contact, card, block reason or title; the block list only when chosen', async () => {
      const blocked = await buildPatron(api.db, {
        name: 'Augusta Ada King',
        block_reason: 'Lost card reported by phone',
        home_branch_id: api.branch.id,
        address: '12 St James Square, London',
        email: 'ada@example.org',
        phone: '+44 20 7946 0018',
      });
      const expired = await buildPatron(api.db, {
        name: 'Mary Somerville',
        expires_on: '2020-06-30',
        home_branch_id: api.branch.id,
        address: '7 Chelsea Walk, London',
        email: 'mary@example.org',
      });
      const reader = await buildPatron(api.db, {
        name: 'Charles Babbage',
        home_branch_id: api.branch.id,
      });
      await buildItem(api.db, {
        title: 'Sketch of the Analytical Engine',
        branch_id: api.branch.id,
      });
      const agent = await api.signIn('privacy-desk', 'circulation');
      const secrets = [
        'Augusta Ada King',
        'Charles Babbage',
        'Lost card reported',
        'Analytical Engine',
        'Mary Somerville',
        'St James Square',
        'Chelsea Walk',
        'ada@example.org',
        'mary@example.org',
        '7946 0018',
        reader.barcode,
      ];

      await saveLibrarySettings(api.db, {
        ...(await getLibrarySettings(api.db)),
        offlineBlockedList: false,
      });
      const without = await agent.get('/api/offline/snapshot');
      expect(Object.keys(without.json()).toSorted()).toEqual(SNAPSHOT_FIELDS);
      for (const secret of [...secrets, blocked.barcode, expired.barcode])
        expect(without.body).not.toContain(secret);

      await saveLibrarySettings(api.db, {
        ...(await getLibrarySettings(api.db)),
        offlineBlockedList: true,
      });
      const withList = OfflineSnapshot.parse((await agent.get('/api/offline/snapshot')).json());
      const ours = withList.blockList?.entries.filter((entry) =>
        [blocked.barcode, expired.barcode].includes(entry.barcode),
      );
      expect(ours).toEqual([
        { barcode: blocked.barcode, reason: 'blocked' },
        { barcode: expired.barcode, reason: 'expired', expiresOn: '2020-06-30' },
      ]);
      // Each entry is a card number, a reason code and an expiry date: nothing to add on a whim.
      for (const entry of withList.blockList?.entries ?? [])
        expect(
          Object.keys(entry).every((key) => ['barcode', 'reason', 'expiresOn'].includes(key)),
        ).toBe(true);
      expect(Object.keys(withList.blockList ?? {}).toSorted()).toEqual([
        'entries',
        'madeAt',
        'maxAgeHours',
      ]);
      const { blockList: _list, ...rest } = withList;
      expect(Object.keys(rest).toSorted()).toEqual(SNAPSHOT_FIELDS);
      for (const secret of secrets) expect(JSON.stringify(withList)).not.toContain(secret);
    });
  });

  describe('the log', () => {
    let api: TestApi;
    const lines: string[] = [];
    beforeAll(async () => {
      api = await startTestApi(engine, {
        // The most talkative level: if a secret is logged anywhere, it is logged here.
        logger: { level: 'trace', stream: { write: (line) => void lines.push(line) } },
      });
    });
    afterAll(() => api.dispose());

    it('never holds a password, session token, CSRF token or cookie, whatever happens', async () => {
      const password = 'Correct-Horse-7f3a9';
      const wrongPassword = 'Wrong-Battery-c41e2';
      const agent = await api.signIn('logged-desk', 'circulation', { password });
      const token = agent.sessionToken ?? '';
      const csrf = agent.csrfToken ?? '';
      const secrets = [password, wrongPassword, token, csrf];

      // Reads and changes with the cookie, a forged CSRF token, and a request from another site.
      await agent.get('/api/session');
      await agent.put('/api/session/workstation', { name: 'LOG-DESK-1' });
      await agent.put('/api/session/workstation', { name: 'X' }, { 'x-csrf-token': 'forged' });
      await agent.post(
        '/api/checkouts',
        { patronBarcode: 'P', itemBarcode: 'I' },
        {
          origin: 'https://evil.example',
        },
      );
      // Invalid bodies: the password in a field that fails validation, and broken JSON.
      await api.anonymous().post('/api/session', { username: 'logged-desk', password: 42 });
      await api.anonymous().post('/api/session', `{"username":"x","password":"${password}"`, {
        'content-type': 'application/json',
      });
      await api.anonymous().post('/api/session', { username: 'x'.repeat(500), password });
      // Failed sign-ins until throttled, for a known and an unknown username.
      for (let attempt = 0; attempt < PAIR_SCHEDULE.freeAttempts + 1; attempt++) {
        await api
          .anonymous()
          .post('/api/session', { username: 'logged-desk', password: wrongPassword });
      }
      await api.anonymous().post('/api/session', { username: 'nobody', password: wrongPassword });
      // Sign-out, then the old cookie replayed.
      await agent.delete('/api/session');
      await api.anonymous().get('/api/session', { cookie: `circa_session=${token}` });

      const log = lines.join('');
      expect(log).toContain('staff signed in');
      expect(log).toContain('incoming request');
      for (const secret of secrets) expect(log).not.toContain(secret);
    });
  });
});
