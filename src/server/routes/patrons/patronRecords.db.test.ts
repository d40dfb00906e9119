import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PatronRecordAnswer, PatronSearchResults } from '../../../shared/api/patrons.ts';
import { DEMO_BARCODE_RULES, withCheckDigit } from '../../../shared/barcodes/barcodes.ts';
import { getLibrarySettings, saveLibrarySettings } from '../../db/librarySettings.ts';
import { errorOf, startTestApi, type TestApi } from '../../testing/apiHarness.ts';
import { describeEachEngine } from '../../testing/engines.ts';
import { buildPatron, buildPatronType, nextSequence } from '../../testing/factories.ts';

function newCard(): string {
  return withCheckDigit(`29${String(nextSequence()).padStart(11, '0')}`);
}

/** 2026-01-31 12:00 in Chicago: a month-end, so the card period's clamping shows. */
const JAN_31_NOON_CHICAGO = Date.UTC(2026, 0, 31, 18, 0);

describeEachEngine('patron records API', (engine) => {
  let api: TestApi;
  let adultCode: string;
  beforeAll(async () => {
    api = await startTestApi(engine);
    api.clock.set(JAN_31_NOON_CHICAGO);
    const settings = await getLibrarySettings(api.db);
    await saveLibrarySettings(api.db, { ...settings, barcodeRules: DEMO_BARCODE_RULES });
    adultCode = (await buildPatronType(api.db, { name: 'Adult', card_months: 13 })).code;
  });
  afterAll(() => api.dispose());

  async function auditCount(): Promise<number> {
    const row = await api.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async function patronCount(): Promise<number> {
    const row = await api.db
      .selectFrom('patrons')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  function registration(overrides: Record<string, unknown> = {}) {
    return {
      barcode: newCard(),
      name: 'Ada Lovelace',
      patronType: adultCode,
      homeBranch: 'MAIN',
      ...overrides,
    };
  }

  describe('POST /api/patrons', () => {
    it('registers a patron with the type’s card period from today, and audits it', async () => {
      const desk = await api.signIn('register-desk');
      const body = registration({
        email: 'ada@example.org',
        phone: '',
        address: ' 1 Analytical Row ',
      });
      const before = await auditCount();
      const response = await desk.post('/api/patrons', body);
      expect(response.statusCode).toBe(201);
      const { patron } = PatronRecordAnswer.parse(response.json());
      expect(patron).toMatchObject({
        barcode: body.barcode,
        name: 'Ada Lovelace',
        homeBranch: { code: 'MAIN' },
        // 31 January 2026 + 13 months = 28 February 2027, never 3 March.
        expiresOn: '2027-02-28',
        status: 'good',
        email: 'ada@example.org',
        phone: null,
        address: '1 Analytical Row',
      });
      expect(await auditCount()).toBe(before + 1);
      const entry = await api.db
        .selectFrom('audit_log')
        .selectAll()
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow();
      expect(entry).toMatchObject({
        action: 'patron.register',
        subject_type: 'patron',
        subject_id: String(patron.id),
        actor: 'register-desk',
        before: null,
        staff_user_id: desk.user.id,
      });
      expect(JSON.parse(entry.after ?? '{}')).toMatchObject({ barcode: body.barcode });
    });

    it('takes an expiry date staff give instead of the default', async () => {
      const desk = await api.signIn('register-desk');
      const response = await desk.post('/api/patrons', registration({ expiresOn: '2026-06-30' }));
      expect(response.statusCode).toBe(201);
      expect(PatronRecordAnswer.parse(response.json()).patron.expiresOn).toBe('2026-06-30');
    });

    it('refuses a card in use without saying whose, and stores nothing', async () => {
      const holder = await buildPatron(api.db, { name: 'Private Person' });
      const desk = await api.signIn('register-desk');
      const [patrons, audits] = [await patronCount(), await auditCount()];
      const response = await desk.post('/api/patrons', registration({ barcode: holder.barcode }));
      expect(response.statusCode).toBe(409);
      const error = errorOf(response);
      expect(error.code).toBe('BARCODE_IN_USE');
      expect(error.message).toMatch(/already in use/);
      expect(JSON.stringify(error)).not.toMatch(/Private Person/);
      expect([await patronCount(), await auditCount()]).toEqual([patrons, audits]);
    });

    it('refuses bad input with a plain message and stores nothing', async () => {
      const desk = await api.signIn('register-desk');
      const [patrons, audits] = [await patronCount(), await auditCount()];
      const cases: [Record<string, unknown>, number, RegExp][] = [
        [registration({ barcode: '31234567890126' }), 400, /patron/i],
        [
          registration({ barcode: withCheckDigit('2000000000001').slice(0, 13) + '9' }),
          400,
          /check digit|digit/i,
        ],
        [registration({ name: '   ' }), 400, /name/],
        [registration({ email: 'not-an-email' }), 400, /email/],
        [registration({ phone: 'call me' }), 400, /phone/],
        [registration({ patronType: 'NOPE' }), 400, /No patron type has the code "NOPE"/],
        [registration({ homeBranch: 'NOWHERE' }), 400, /No branch has the code "NOWHERE"/],
        [registration({ expiresOn: '2026-02-30' }), 400, /does not exist/],
        [registration({ expiresOn: '2025-01-01' }), 400, /cannot expire before today/],
      ];
      for (const [body, status, message] of cases) {
        const response = await desk.post('/api/patrons', body);
        expect({ body, status: response.statusCode }).toEqual({ body, status });
        expect(errorOf(response).message).toMatch(message);
      }
      expect([await patronCount(), await auditCount()]).toEqual([patrons, audits]);
    });
  });

  describe('editing, blocking, renewing', () => {
    it('edits only the fields sent, clears an empty one, and audits before and after', async () => {
      const patron = await buildPatron(api.db, { name: 'Old Name', email: 'old@example.org' });
      const desk = await api.signIn('edit-desk');
      const response = await desk.patch(`/api/patrons/${patron.id}`, {
        name: 'New Name',
        email: '',
      });
      expect(response.statusCode).toBe(200);
      expect(PatronRecordAnswer.parse(response.json()).patron).toMatchObject({
        name: 'New Name',
        email: null,
        barcode: patron.barcode,
      });
      const entry = await api.db
        .selectFrom('audit_log')
        .selectAll()
        .where('action', '=', 'patron.edit')
        .where('subject_id', '=', String(patron.id))
        .executeTakeFirstOrThrow();
      expect(JSON.parse(entry.before ?? '{}')).toMatchObject({
        name: 'Old Name',
        email: 'old@example.org',
      });
      expect(JSON.parse(entry.after ?? '{}')).toMatchObject({ name: 'New Name', email: null });
    });

    it('refuses an edit of the barcode, an empty edit and an unknown patron, changing nothing', async () => {
      const patron = await buildPatron(api.db);
      const desk = await api.signIn('edit-desk');
      const audits = await auditCount();
      const barcode = await desk.patch(`/api/patrons/${patron.id}`, { barcode: newCard() });
      expect(barcode.statusCode).toBe(400);
      const empty = await desk.patch(`/api/patrons/${patron.id}`, {});
      expect(empty.statusCode).toBe(400);
      expect(errorOf(empty).message).toMatch(/Nothing to change/);
      const missing = await desk.patch('/api/patrons/999999', { name: 'Nobody' });
      expect(missing.statusCode).toBe(404);
      expect(errorOf(missing).code).toBe('PATRON_NOT_FOUND');
      const badType = await desk.patch(`/api/patrons/${patron.id}`, {
        name: 'X',
        patronType: 'NOPE',
      });
      expect(badType.statusCode).toBe(400);
      expect(await auditCount()).toBe(audits);
      const row = await api.db
        .selectFrom('patrons')
        .selectAll()
        .where('id', '=', patron.id)
        .executeTakeFirstOrThrow();
      expect(row).toEqual(patron);
    });

    it('blocks with a reason, and only a supervisor unblocks', async () => {
      const patron = await buildPatron(api.db);
      const desk = await api.signIn('block-desk');
      const noReason = await desk.post(`/api/patrons/${patron.id}/block`, { reason: ' ' });
      expect(noReason.statusCode).toBe(400);
      expect(errorOf(noReason).message).toMatch(/Say why/);
      const blocked = await desk.post(`/api/patrons/${patron.id}/block`, { reason: 'Unpaid fine' });
      expect(blocked.statusCode).toBe(200);
      expect(PatronRecordAnswer.parse(blocked.json()).patron).toMatchObject({
        status: 'blocked',
        blockReason: 'Unpaid fine',
      });
      const audits = await auditCount();
      const again = await desk.post(`/api/patrons/${patron.id}/block`, { reason: 'Unpaid fine' });
      expect(again.statusCode).toBe(200);
      expect(await auditCount()).toBe(audits);
      const refused = await desk.post(`/api/patrons/${patron.id}/unblock`);
      expect(refused.statusCode).toBe(403);
      expect(await auditCount()).toBe(audits);
      const supervisor = await api.signIn('block-supervisor', 'supervisor');
      const unblocked = await supervisor.post(`/api/patrons/${patron.id}/unblock`);
      expect(unblocked.statusCode).toBe(200);
      expect(PatronRecordAnswer.parse(unblocked.json()).patron.status).toBe('good');
      expect(await auditCount()).toBe(audits + 1);
      const twice = await supervisor.post(`/api/patrons/${patron.id}/unblock`);
      expect(twice.statusCode).toBe(409);
      expect(errorOf(twice).message).toMatch(/not blocked/);
      expect(await auditCount()).toBe(audits + 1);
    });

    it('renews an expired card from today and a valid one from its expiry', async () => {
      const type = await buildPatronType(api.db, { card_months: 12 });
      const expired = await buildPatron(api.db, {
        patron_type_id: type.id,
        expires_on: '2025-06-11',
        home_branch_id: api.branch.id,
      });
      const valid = await buildPatron(api.db, {
        patron_type_id: type.id,
        expires_on: '2026-03-31',
        home_branch_id: api.branch.id,
      });
      const desk = await api.signIn('renew-desk');
      const renewedExpired = await desk.post(`/api/patrons/${expired.id}/renew-card`);
      expect(renewedExpired.statusCode).toBe(200);
      expect(PatronRecordAnswer.parse(renewedExpired.json()).patron).toMatchObject({
        expiresOn: '2027-01-31',
        status: 'good',
      });
      const renewedValid = await desk.post(`/api/patrons/${valid.id}/renew-card`);
      expect(PatronRecordAnswer.parse(renewedValid.json()).patron.expiresOn).toBe('2027-03-31');
      const actions = await api.db
        .selectFrom('audit_log')
        .select('action')
        .where('subject_id', 'in', [String(expired.id), String(valid.id)])
        .execute();
      expect(actions.map((a) => a.action)).toEqual(['patron.renewCard', 'patron.renewCard']);
    });

    it('refuses every change to someone signed out, and registration to no one signed in', async () => {
      const patron = await buildPatron(api.db);
      const anonymous = api.anonymous();
      const audits = await auditCount();
      expect((await anonymous.post('/api/patrons', registration())).statusCode).toBe(401);
      expect((await anonymous.post(`/api/patrons/${patron.id}/renew-card`)).statusCode).toBe(401);
      expect((await anonymous.get('/api/patrons?q=patron')).statusCode).toBe(401);
      expect(await auditCount()).toBe(audits);
    });
  });

  describe('GET /api/patrons?q=', () => {
    it('finds a card by its barcode, and patrons by every word of part of their name', async () => {
      const branch = api.branch.id;
      const zed = await buildPatron(api.db, {
        name: 'Zebedee Quarrington-Smythe',
        home_branch_id: branch,
      });
      await buildPatron(api.db, { name: 'Quentin Zebulon', home_branch_id: branch });
      await buildPatron(api.db, { name: 'Ødegaard Zebra', home_branch_id: branch });
      const desk = await api.signIn('search-desk');

      const byBarcode = PatronSearchResults.parse(
        (await desk.get(`/api/patrons?q=${zed.barcode}`)).json(),
      );
      expect(byBarcode.matchedBy).toBe('barcode');
      expect(byBarcode.patrons.map((p) => p.name)).toEqual(['Zebedee Quarrington-Smythe']);

      const names = async (q: string) =>
        PatronSearchResults.parse(
          (await desk.get(`/api/patrons?q=${encodeURIComponent(q)}`)).json(),
        ).patrons.map((p) => p.name);
      expect(await names('zeb')).toEqual([
        'Quentin Zebulon',
        'Zebedee Quarrington-Smythe',
        'Ødegaard Zebra',
      ]);
      expect(await names('SMYTHE zeb')).toEqual(['Zebedee Quarrington-Smythe']);
      expect(await names('rrington')).toEqual(['Zebedee Quarrington-Smythe']);
      expect(await names('zeb qu')).toEqual(['Quentin Zebulon', 'Zebedee Quarrington-Smythe']);
      expect(await names('zebra ødeg')).toEqual(['Ødegaard Zebra']);
      expect(await names('100%')).toEqual([]);
    });

    it('keeps the index in step with names changed and rows added directly', async () => {
      const patron = await buildPatron(api.db, { name: 'Hortensia Vanderpump' });
      const desk = await api.signIn('search-desk');
      await api.db
        .updateTable('patrons')
        .set({ name: 'Hortensia Blackwood' })
        .where('id', '=', patron.id)
        .execute();
      const found = async (q: string) =>
        PatronSearchResults.parse((await desk.get(`/api/patrons?q=${q}`)).json()).patrons.length;
      expect(await found('vanderpump')).toBe(0);
      expect(await found('blackwood')).toBe(1);
      await api.db.deleteFrom('patrons').where('id', '=', patron.id).execute();
      expect(await found('blackwood')).toBe(0);
    });

    it('pages 25 at a time', async () => {
      const type = await buildPatronType(api.db);
      for (let n = 0; n < 27; n += 1) {
        await buildPatron(api.db, {
          name: `Pagewright ${String(n).padStart(2, '0')}`,
          patron_type_id: type.id,
          home_branch_id: api.branch.id,
        });
      }
      const desk = await api.signIn('search-desk');
      const first = PatronSearchResults.parse((await desk.get('/api/patrons?q=pagewright')).json());
      expect(first.patrons).toHaveLength(25);
      expect(first.hasMore).toBe(true);
      const second = PatronSearchResults.parse(
        (await desk.get('/api/patrons?q=pagewright&page=2')).json(),
      );
      expect(second.patrons.map((p) => p.name)).toEqual(['Pagewright 25', 'Pagewright 26']);
      expect(second.hasMore).toBe(false);
    });

    it('asks for 3 characters of a word, or a page from 1', async () => {
      const desk = await api.signIn('search-desk');
      for (const url of ['/api/patrons?q=jo', '/api/patrons?q=', '/api/patrons?q=abc&page=0']) {
        const response = await desk.get(url);
        expect({ url, status: response.statusCode }).toEqual({ url, status: 400 });
      }
      expect(errorOf(await desk.get('/api/patrons?q=li%20na')).message).toMatch(
        /at least 3 letters/,
      );
    });
  });
});
