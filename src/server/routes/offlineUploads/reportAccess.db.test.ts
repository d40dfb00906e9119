// Who reads which offline report: the desk its own workstation's report and its branch's sending
// results, never who had an item before; supervisors and admins every workstation and branch, with
// the previous borrower. Each role, through the API, on both engines.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiError } from '../../../shared/api/errors.ts';
import type {
  OfflineReport,
  OfflineUpload,
  OfflineUploadDetail,
  OfflineUploadResult,
  SequenceReport,
} from '../../../shared/api/offline.ts';
import {
  buildOfflineLibrary,
  offlineWorkstation,
  OUTAGE_START_MS,
} from '../../offline/fixtures.testing.ts';
import { startTestApi, type SignedInAgent, type TestApi } from '../../testing/apiHarness.ts';
import { describeEachEngine } from '../../testing/engines.ts';
import { buildBranch, buildItem, buildPatron } from '../../testing/factories.ts';

const MINUTE_MS = 60_000;

describeEachEngine('offline report access', (engine) => {
  let api: TestApi;
  let desk: SignedInAgent;
  let previousBorrower: string;
  let borrower: string;
  /** Upload ids by the workstation that sent them. */
  const uploads: Record<string, number> = {};

  const send = async (
    agent: SignedInAgent,
    branchCode: string,
    lend: (ws: ReturnType<typeof offlineWorkstation>) => unknown[],
  ) => {
    const name = agent.session.workstation?.name ?? '';
    const ws = offlineWorkstation({ name, branchCode, staffUsername: agent.user.username });
    const response = await agent.post('/api/offline/transactions', { transactions: lend(ws) });
    expect(response.statusCode).toBe(200);
    uploads[name] = response.json<OfflineUploadResult>().uploadId;
  };

  beforeAll(async () => {
    api = await startTestApi(engine);
    const east = await buildBranch(api.db, { code: 'EAST', name: 'East Branch' });
    const library = await buildOfflineLibrary(api.db);
    const patron = () =>
      buildPatron(api.db, {
        patron_type_id: library.patronType.id,
        home_branch_id: api.branch.id,
      });
    const item = () =>
      buildItem(api.db, { material_type_id: library.materialType.id, branch_id: api.branch.id });
    previousBorrower = (await patron()).barcode;
    borrower = (await patron()).barcode;
    const lent = (await item()).barcode;

    desk = await api.signIn('report-desk', 'circulation', { workstation: 'MAIN-DESK-1' });
    const neighbour = await api.signIn('report-neighbour', 'circulation', {
      workstation: 'MAIN-DESK-2',
    });
    const eastDesk = await api.signIn('report-east', 'circulation', {
      branchId: east.id,
      workstation: 'EAST-DESK-1',
    });
    // The neighbour lends the item first; the desk lends it later to someone else, taking it over.
    await send(neighbour, 'MAIN', (ws) => [
      ws.checkOut({
        patronBarcode: previousBorrower,
        itemBarcode: lent,
        occurredAt: OUTAGE_START_MS,
      }),
    ]);
    await send(desk, 'MAIN', (ws) => [
      ws.checkOut({
        patronBarcode: borrower,
        itemBarcode: lent,
        occurredAt: OUTAGE_START_MS + MINUTE_MS,
      }),
    ]);
    const lentAtEast = (await item()).barcode;
    await send(eastDesk, 'EAST', (ws) => [
      ws.checkOut({
        patronBarcode: borrower,
        itemBarcode: lentAtEast,
        occurredAt: OUTAGE_START_MS + 2 * MINUTE_MS,
      }),
    ]);
  });
  afterAll(() => api.dispose());

  describe('the desk (circulation)', () => {
    it('lists its branch’s sending results, not another branch’s', async () => {
      const response = await desk.get('/api/offline/uploads');
      expect(response.statusCode).toBe(200);
      const listed = response
        .json<{ uploads: OfflineUpload[] }>()
        .uploads.map((u) => u.workstation);
      expect(listed.toSorted()).toEqual(['MAIN-DESK-1', 'MAIN-DESK-2']);
    });

    it('reads its own workstation’s report without the previous borrower', async () => {
      const own = await desk.get(`/api/offline/uploads/${uploads['MAIN-DESK-1']}`);
      expect(own.statusCode).toBe(200);
      const detail = own.json<OfflineUploadDetail>();
      expect(
        detail.report.transactions.map((t) => [t.patronBarcode, t.previousPatronBarcode]),
      ).toEqual([[borrower, null]]);
      const report = await desk.get('/api/offline/report');
      expect(report.statusCode).toBe(200);
      expect(report.json<OfflineReport>().transactions.map((t) => t.workstation)).toEqual([
        'MAIN-DESK-1',
      ]);
      const csv = await desk.get('/api/offline/report.csv');
      expect(csv.statusCode).toBe(200);
      const gaps = await desk.get('/api/offline/gaps');
      expect(gaps.json<SequenceReport>().workstations.map((w) => w.workstation)).toEqual([
        'MAIN-DESK-1',
      ]);
      // Nowhere, not even in a message: who had the item before is borrowing history.
      for (const answer of [own, report, csv, gaps])
        expect(answer.body).not.toContain(previousBorrower);
    });

    it('is refused other workstations’ reports, naming its own', async () => {
      const refused = [
        await desk.get(`/api/offline/uploads/${uploads['MAIN-DESK-2']}`),
        await desk.get(`/api/offline/uploads/${uploads['EAST-DESK-1']}`),
        await desk.get('/api/offline/report?workstation=MAIN-DESK-2'),
        await desk.get('/api/offline/report.csv?workstation=EAST-DESK-1'),
      ];
      expect(refused.map((r) => [r.statusCode, r.json<ApiError>().error.code])).toEqual(
        refused.map(() => [403, 'FORBIDDEN']),
      );
      expect(refused[0]!.json<ApiError>().error.message).toMatch(/supervisors.*\(MAIN-DESK-1\)/);
    });

    it('is told by its session that the rest is for supervisors', () => {
      expect(desk.session.actions).toContain('offline.report.read');
      expect(desk.session.actions).not.toContain('offline.report.readAll');
      expect(desk.session.actions).not.toContain('offline.report.readPreviousBorrowers');
    });
  });

  describe.each(['supervisor', 'admin'] as const)('a %s', (role) => {
    it('reads every branch’s and workstation’s report, with the previous borrower', async () => {
      const reader = await api.signIn(`report-${role}`, role, {
        workstation: `${role.toUpperCase()}-1`,
      });
      const list = await reader.get('/api/offline/uploads');
      expect(
        list
          .json<{ uploads: OfflineUpload[] }>()
          .uploads.map((u) => u.workstation)
          .toSorted(),
      ).toEqual(['EAST-DESK-1', 'MAIN-DESK-1', 'MAIN-DESK-2']);
      const other = await reader.get(`/api/offline/uploads/${uploads['EAST-DESK-1']}`);
      expect(other.statusCode).toBe(200);
      const report = await reader.get('/api/offline/report?workstation=MAIN-DESK-1');
      expect(report.json<OfflineReport>().transactions.map((t) => t.previousPatronBarcode)).toEqual(
        [previousBorrower],
      );
      const everything = await reader.get('/api/offline/report');
      expect(everything.json<OfflineReport>().total).toBe(3);
      const csv = await reader.get('/api/offline/report.csv');
      expect(csv.body).toContain(previousBorrower);
      const gaps = await reader.get('/api/offline/gaps');
      expect(gaps.json<SequenceReport>().workstations).toHaveLength(3);
      expect(reader.session.actions).toEqual(
        expect.arrayContaining(['offline.report.readAll', 'offline.report.readPreviousBorrowers']),
      );
    });
  });
});
