import { afterAll, beforeAll, expect, it } from 'vitest';
import { WorkstationList, WorkstationRecord } from '../../../shared/api/administration.ts';
import {
  errorOf,
  type SignedInAgent,
  startTestApi,
  type TestApi,
} from '../../testing/apiHarness.ts';
import { describeEachEngine } from '../../testing/engines.ts';
import { buildBranch, buildItem, buildPatron } from '../../testing/factories.ts';
import { recordNumbered } from '../../db/receivedSequences.testing.ts';
import { auditCount, auditEntriesOf } from './adminFixture.testing.ts';

const CLIENT_REPORT = {
  installed: true,
  appVersion: '2.1.0',
  snapshotTakenAt: Date.UTC(2026, 11, 3, 8, 0),
  lastSequence: 8,
  unsent: 1,
  journal: 'on',
} as const;

/** The log keeps a workstation's set-up, not its offline client's reports, which change on their own. */
const setUpOf = ({ offlineClient: _c, sequences: _s, ...setUp }: WorkstationRecord) => setUp;

describeEachEngine('administration API: workstations', (engine) => {
  let api: TestApi;
  let admin: SignedInAgent;
  let supervisor: SignedInAgent;
  beforeAll(async () => {
    api = await startTestApi(engine);
    admin = await api.signIn('ws-admin', 'admin');
    supervisor = await api.signIn('ws-super', 'supervisor');
  });
  afterAll(() => api.dispose());

  async function add(name: string): Promise<WorkstationRecord> {
    const response = await admin.post('/api/admin/workstations', { name, branchId: api.branch.id });
    expect(response.statusCode).toBe(201);
    return WorkstationRecord.parse(response.json());
  }

  it('adds a workstation, never used yet, and logs it', async () => {
    const added = await add('MAIN-DESK-9');
    expect(added).toMatchObject({
      name: 'MAIN-DESK-9',
      branch: { code: 'MAIN' },
      createdAt: api.clock.now(),
      lastUsedAt: null,
    });
    expect(await auditEntriesOf(api.db, 'workstation', added.id)).toEqual([
      expect.objectContaining({
        action: 'workstation.create',
        before: null,
        after: setUpOf(added),
      }),
    ]);
  });

  it('lists workstations with their last use', async () => {
    api.clock.advance(60_000);
    await api.signIn('ws-desk', 'circulation', { workstation: 'MAIN-DESK-USED' });
    const { workstations } = WorkstationList.parse(
      (await supervisor.get('/api/admin/workstations')).json(),
    );
    expect(workstations.find((w) => w.name === 'MAIN-DESK-USED')?.lastUsedAt).toBe(api.clock.now());
  });

  it('lists each workstation’s offline client as it last reported, and the numbers received and missing', async () => {
    api.clock.set(Date.UTC(2026, 11, 3, 9, 30));
    const desk = await api.signIn('ws-reporting', 'circulation', { workstation: 'MAIN-DESK-OFF' });
    await recordNumbered(api.db, 'MAIN-DESK-OFF', [1, 2, 3, 5, 6]);
    expect((await desk.put('/api/offline/client-state', CLIENT_REPORT)).statusCode).toBe(200);
    await add('MAIN-DESK-QUIET');

    const { workstations } = WorkstationList.parse(
      (await supervisor.get('/api/admin/workstations')).json(),
    );
    expect(workstations.find((w) => w.name === 'MAIN-DESK-OFF')).toMatchObject({
      offlineClient: {
        installed: true,
        appVersion: '2.1.0',
        snapshotTakenAt: Date.UTC(2026, 11, 3, 8, 0),
        lastSequence: 8,
        highestSequenceReported: 8,
        unsent: 1,
        journal: 'on',
        reportedAt: Date.UTC(2026, 11, 3, 9, 30),
        reportedBy: desk.user.display_name,
      },
      sequences: {
        received: 5,
        highestReceived: 6,
        highestReported: 8,
        missing: [
          { from: 4, to: 4 },
          { from: 7, to: 8 },
        ],
        missingCount: 3,
      },
    });
    expect(workstations.find((w) => w.name === 'MAIN-DESK-QUIET')).toMatchObject({
      offlineClient: null,
      sequences: { received: 0, highestReceived: 0, highestReported: 0, missing: [] },
    });
  });

  it('renames a workstation and moves it to another branch', async () => {
    const added = await add('MAIN-DESK-10');
    const east = await buildBranch(api.db, { code: 'EASTW', name: 'East' });
    const response = await admin.put(`/api/admin/workstations/${added.id}`, {
      name: 'EAST-DESK-1',
      branchId: east.id,
    });
    expect(response.statusCode).toBe(200);
    const moved = WorkstationRecord.parse(response.json());
    expect(moved).toMatchObject({ name: 'EAST-DESK-1', branch: { code: 'EASTW' } });
    const [, update] = await auditEntriesOf(api.db, 'workstation', added.id);
    expect(update).toEqual(
      expect.objectContaining({
        action: 'workstation.update',
        before: setUpOf(added),
        after: setUpOf(moved),
      }),
    );
  });

  it.each([
    [{ name: 'main-desk-9' }, 409, /already called MAIN-DESK-9/],
    [{ name: '-bad name' }, 400, /starting with a letter or digit/],
    [{ name: '' }, 400, /Enter a workstation name/],
    [{ branchId: 99999 }, 400, /branch chosen does not exist/],
  ])('refuses %o, changing nothing', async (overrides, status, message) => {
    const before = await api.db.selectFrom('workstations').selectAll().orderBy('id').execute();
    const entries = await auditCount(api.db);
    const response = await admin.post('/api/admin/workstations', {
      name: 'MAIN-DESK-11',
      branchId: api.branch.id,
      ...overrides,
    });
    expect(response.statusCode).toBe(status);
    expect(errorOf(response).message).toMatch(message);
    expect(await api.db.selectFrom('workstations').selectAll().orderBy('id').execute()).toEqual(
      before,
    );
    expect(await auditCount(api.db)).toBe(entries);
  });

  it('refuses to rename a workstation to another’s name', async () => {
    const added = await add('MAIN-DESK-12');
    const response = await admin.put(`/api/admin/workstations/${added.id}`, {
      name: 'MAIN-DESK-9',
      branchId: api.branch.id,
    });
    expect(response.statusCode).toBe(409);
  });

  it('removes a workstation without history; the sessions there keep their sign-in', async () => {
    const added = await add('MAIN-DESK-SPARE');
    const desk = await api.signIn('ws-spare', 'circulation', { workstation: 'MAIN-DESK-SPARE' });
    await desk.put('/api/offline/client-state', { ...CLIENT_REPORT, lastSequence: 0, unsent: 0 });
    const response = await admin.delete(`/api/admin/workstations/${added.id}`);
    expect(response.statusCode).toBe(204);
    expect(
      await api.db
        .selectFrom('offline_client_reports')
        .where('workstation_id', '=', added.id)
        .selectAll()
        .execute(),
    ).toEqual([]);
    expect(
      await api.db.selectFrom('workstations').where('id', '=', added.id).selectAll().execute(),
    ).toEqual([]);
    const session = (await desk.get('/api/session')).json<{ workstation: unknown }>();
    expect(session.workstation).toBeNull();
    expect((await auditEntriesOf(api.db, 'workstation', added.id)).at(-1)).toMatchObject({
      action: 'workstation.remove',
      after: null,
    });
  });

  it('keeps a workstation that made a loan, saying why', async () => {
    const added = await add('MAIN-DESK-LENT');
    const patron = await buildPatron(api.db, { home_branch_id: api.branch.id });
    const item = await buildItem(api.db, { branch_id: api.branch.id });
    await api.db
      .insertInto('loans')
      .values({
        item_id: item.id,
        patron_id: patron.id,
        checked_out_at: api.clock.now(),
        due_at: api.clock.now() + 86_400_000,
        returned_at: null,
        branch_id: api.branch.id,
        staff_user_id: admin.user.id,
        workstation_id: added.id,
        source: 'online',
      })
      .execute();
    const entries = await auditCount(api.db);
    const response = await admin.delete(`/api/admin/workstations/${added.id}`);
    expect(response.statusCode).toBe(409);
    expect(errorOf(response)).toMatchObject({
      code: 'IN_USE',
      message: expect.stringMatching(/MAIN-DESK-LENT cannot be removed: loans were made there/),
    });
    expect(
      await api.db.selectFrom('workstations').where('id', '=', added.id).selectAll().execute(),
    ).toHaveLength(1);
    expect(await auditCount(api.db)).toBe(entries);
    const { workstations } = WorkstationList.parse(
      (await admin.get('/api/admin/workstations')).json(),
    );
    expect(workstations.find((w) => w.id === added.id)?.lastUsedAt).toBe(api.clock.now());
  });

  it('lets supervisors read but not change workstations', async () => {
    const response = await supervisor.post('/api/admin/workstations', {
      name: 'SUPER-1',
      branchId: api.branch.id,
    });
    expect(response.statusCode).toBe(403);
    const desk = await api.signIn('ws-desk-2', 'circulation');
    expect((await desk.get('/api/admin/workstations')).statusCode).toBe(403);
  });
});
