import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AdminBranchList,
  MaterialTypeList,
  MaterialTypeRecord,
  PatronTypeList,
  PatronTypeRecord,
} from '../../../shared/api/administration.ts';
import { Branch } from '../../../shared/api/library.ts';
import {
  errorOf,
  type SignedInAgent,
  startTestApi,
  type TestApi,
} from '../../testing/apiHarness.ts';
import { describeEachEngine } from '../../testing/engines.ts';
import { auditCount, auditEntriesOf } from './adminFixture.testing.ts';

describeEachEngine('administration API: branches, patron types, material types', (engine) => {
  let api: TestApi;
  let admin: SignedInAgent;
  let supervisor: SignedInAgent;
  let desk: SignedInAgent;
  beforeAll(async () => {
    api = await startTestApi(engine);
    admin = await api.signIn('branch-admin', 'admin');
    supervisor = await api.signIn('branch-super', 'supervisor');
    desk = await api.signIn('branch-desk', 'circulation');
  });
  afterAll(() => api.dispose());

  const north = {
    code: 'NORTH',
    name: 'North Branch',
    timeZone: 'America/Denver',
    closedWeekdays: [0, 6],
  };

  describe('branches', () => {
    it('adds a branch and writes who added it, and what, to the audit log', async () => {
      const response = await admin.post('/api/admin/branches', north);
      expect(response.statusCode).toBe(201);
      const branch = Branch.parse(response.json());
      expect(branch).toMatchObject(north);
      const entries = await auditEntriesOf(api.db, 'branch', branch.id);
      expect(entries).toEqual([
        expect.objectContaining({
          action: 'branch.create',
          actor: 'branch-admin',
          staffUserId: admin.user.id,
          before: null,
          after: branch,
        }),
      ]);
      const list = AdminBranchList.parse((await supervisor.get('/api/admin/branches')).json());
      expect(list.branches.map((b) => b.code)).toContain('NORTH');
    });

    it('changes a branch’s name, time zone and closed weekdays, keeping the code', async () => {
      const created = Branch.parse(
        (await admin.post('/api/admin/branches', { ...north, code: 'NORTH2' })).json(),
      );
      const change = { name: 'North Side', timeZone: 'America/Chicago', closedWeekdays: [1] };
      const response = await admin.put(`/api/admin/branches/${created.id}`, change);
      expect(response.statusCode).toBe(200);
      expect(Branch.parse(response.json())).toEqual({ ...created, ...change });
      const [, update] = await auditEntriesOf(api.db, 'branch', created.id);
      expect(update).toMatchObject({
        action: 'branch.update',
        before: created,
        after: { ...created, ...change },
      });
    });

    it.each([
      [{ ...north, code: 'north' }, 409, 'ALREADY_EXISTS', /code NORTH exists already/],
      [
        { ...north, code: 'SOUTH', timeZone: 'Mars/Olympus' },
        400,
        'BAD_REQUEST',
        /not a time zone name/,
      ],
      [
        { ...north, code: 'SOUTH', closedWeekdays: [0, 1, 2, 3, 4, 5, 6] },
        400,
        'BAD_REQUEST',
        /leave at least one day open/,
      ],
      [{ ...north, code: 'SOUTH', closedWeekdays: [7] }, 400, 'BAD_REQUEST', /closedWeekdays/],
      [{ ...north, code: 'SOUTH', closedWeekdays: [1, 1] }, 400, 'BAD_REQUEST', /listed twice/],
      [{ ...north, code: 'SO UTH' }, 400, 'BAD_REQUEST', /no spaces/],
      [{ ...north, code: 'SOUTH', name: '  ' }, 400, 'BAD_REQUEST', /Type the branch’s name/],
    ])('refuses %o with a plain message, changing nothing', async (body, status, code, message) => {
      const before = await api.db.selectFrom('branches').selectAll().orderBy('id').execute();
      const entries = await auditCount(api.db);
      const response = await admin.post('/api/admin/branches', body);
      expect(response.statusCode).toBe(status);
      expect(errorOf(response)).toMatchObject({ code, message: expect.stringMatching(message) });
      expect(await api.db.selectFrom('branches').selectAll().orderBy('id').execute()).toEqual(
        before,
      );
      expect(await auditCount(api.db)).toBe(entries);
    });

    it('keeps one branch when two administrators add the same code at the same moment', async () => {
      const other = await api.signIn('branch-admin-2', 'admin');
      const twin = { ...north, code: 'TWIN' };
      const answers = await Promise.all([
        admin.post('/api/admin/branches', twin),
        other.post('/api/admin/branches', twin),
      ]);
      expect(answers.map((a) => a.statusCode).toSorted()).toEqual([201, 409]);
      const refused = answers.find((a) => a.statusCode === 409);
      expect(refused && errorOf(refused).code).toBe('ALREADY_EXISTS');
      expect(
        await api.db.selectFrom('branches').where('code', '=', 'TWIN').selectAll().execute(),
      ).toHaveLength(1);
      expect(
        await auditEntriesOf(
          api.db,
          'branch',
          answers.find((a) => a.statusCode === 201)?.json().id,
        ),
      ).toHaveLength(1);
    });

    it('answers 404 for a branch that does not exist', async () => {
      const response = await admin.put('/api/admin/branches/99999', {
        name: 'X',
        timeZone: 'UTC',
        closedWeekdays: [],
      });
      expect(response.statusCode).toBe(404);
      expect(errorOf(response).message).toMatch(/No branch has the id 99999/);
    });

    it('lets supervisors read but not change, and refuses the desk both', async () => {
      const refused = await supervisor.post('/api/admin/branches', { ...north, code: 'SUPER' });
      expect(refused.statusCode).toBe(403);
      expect(errorOf(refused).code).toBe('FORBIDDEN');
      expect((await desk.get('/api/admin/branches')).statusCode).toBe(403);
      expect((await desk.post('/api/admin/branches', { ...north, code: 'DESK' })).statusCode).toBe(
        403,
      );
      expect(
        await api.db
          .selectFrom('branches')
          .where('code', 'in', ['SUPER', 'DESK'])
          .selectAll()
          .execute(),
      ).toEqual([]);
    });
  });

  describe('patron types', () => {
    it('adds one with its card period, changes it, and logs both', async () => {
      const created = await admin.post('/api/admin/patron-types', {
        code: 'SENIOR',
        name: 'Senior',
        cardMonths: 60,
      });
      expect(created.statusCode).toBe(201);
      const senior = PatronTypeRecord.parse(created.json());
      expect(senior).toMatchObject({ code: 'SENIOR', name: 'Senior', cardMonths: 60 });
      const changed = await admin.put(`/api/admin/patron-types/${senior.id}`, {
        name: 'Seniors',
        cardMonths: 12,
      });
      expect(PatronTypeRecord.parse(changed.json())).toEqual({
        ...senior,
        name: 'Seniors',
        cardMonths: 12,
      });
      expect(await auditEntriesOf(api.db, 'patron_type', senior.id)).toEqual([
        expect.objectContaining({ action: 'patronType.create', before: null, after: senior }),
        expect.objectContaining({
          action: 'patronType.update',
          before: senior,
          after: { ...senior, name: 'Seniors', cardMonths: 12 },
        }),
      ]);
      const list = PatronTypeList.parse((await supervisor.get('/api/admin/patron-types')).json());
      expect(list.patronTypes).toContainEqual({ ...senior, name: 'Seniors', cardMonths: 12 });
    });

    it.each([
      [{ code: 'senior', name: 'Again', cardMonths: 12 }, 409, /code SENIOR exists already/],
      [{ code: 'KID', name: 'Kid', cardMonths: 0 }, 400, /at least 1 month/],
      [{ code: 'KID', name: 'Kid', cardMonths: 1201 }, 400, /at most 1200 months/],
      [{ code: 'KID', name: 'Kid', cardMonths: 1.5 }, 400, /whole number of months/],
    ])('refuses %o, changing nothing', async (body, status, message) => {
      const entries = await auditCount(api.db);
      const response = await admin.post('/api/admin/patron-types', body);
      expect(response.statusCode).toBe(status);
      expect(errorOf(response).message).toMatch(message);
      expect(
        await api.db.selectFrom('patron_types').where('code', '=', 'KID').selectAll().execute(),
      ).toEqual([]);
      expect(await auditCount(api.db)).toBe(entries);
    });

    it('refuses a supervisor’s change', async () => {
      const response = await supervisor.post('/api/admin/patron-types', {
        code: 'KID',
        name: 'Kid',
        cardMonths: 12,
      });
      expect(response.statusCode).toBe(403);
    });
  });

  describe('material types', () => {
    it('adds one, renames it, and logs both', async () => {
      const created = await admin.post('/api/admin/material-types', {
        code: 'AUDIO',
        name: 'Audiobook',
      });
      expect(created.statusCode).toBe(201);
      const audio = MaterialTypeRecord.parse(created.json());
      const renamed = await admin.put(`/api/admin/material-types/${audio.id}`, {
        name: 'Audiobooks',
      });
      expect(MaterialTypeRecord.parse(renamed.json())).toEqual({ ...audio, name: 'Audiobooks' });
      expect(
        (await auditEntriesOf(api.db, 'material_type', audio.id)).map((e) => e.action),
      ).toEqual(['materialType.create', 'materialType.update']);
      const list = MaterialTypeList.parse(
        (await supervisor.get('/api/admin/material-types')).json(),
      );
      expect(list.materialTypes).toContainEqual({ ...audio, name: 'Audiobooks' });
    });

    it('refuses a code in use and an empty name, changing nothing', async () => {
      const entries = await auditCount(api.db);
      const duplicate = await admin.post('/api/admin/material-types', {
        code: 'Audio',
        name: 'Again',
      });
      expect(duplicate.statusCode).toBe(409);
      expect(errorOf(duplicate).message).toMatch(/code AUDIO exists already/);
      const empty = await admin.post('/api/admin/material-types', { code: 'MAP', name: '' });
      expect(empty.statusCode).toBe(400);
      expect(errorOf(empty).message).toMatch(/Type the material type’s name/);
      expect(await auditCount(api.db)).toBe(entries);
    });

    it('refuses the desk', async () => {
      expect((await desk.get('/api/admin/material-types')).statusCode).toBe(403);
      expect(
        (await desk.post('/api/admin/material-types', { code: 'MAP', name: 'Maps' })).statusCode,
      ).toBe(403);
    });
  });
});
