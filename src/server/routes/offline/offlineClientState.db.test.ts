import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  MAX_REPORTED_SEQUENCE,
  MAX_SEQUENCE_JUMP,
  OfflineClientReportAnswer,
  type OfflineClientReport,
} from '../../../shared/offline/clientState.ts';
import { startTestApi, type TestApi } from '../../testing/apiHarness.ts';
import { describeEachEngine } from '../../testing/engines.ts';
import { recordNumbered } from '../../db/receivedSequences.testing.ts';

const REPORT: OfflineClientReport = {
  installed: true,
  appVersion: '1.4.0',
  snapshotTakenAt: Date.UTC(2026, 11, 2, 9, 0),
  lastSequence: 12,
  unsent: 2,
  journal: 'on',
};

describeEachEngine('PUT /api/offline/client-state', (engine) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(engine);
  });
  afterAll(() => api.dispose());

  async function storedReport(workstation: string) {
    return api.db
      .selectFrom('offline_client_reports')
      .innerJoin('workstations', 'workstations.id', 'offline_client_reports.workstation_id')
      .selectAll('offline_client_reports')
      .where('workstations.name', '=', workstation)
      .executeTakeFirst();
  }

  it('keeps the report for the session’s workstation and staff member, and answers what the server received', async () => {
    api.clock.set(Date.UTC(2026, 11, 2, 16, 0));
    const agent = await api.signIn('report-desk', 'circulation', { workstation: 'REPORT-DESK-1' });
    await recordNumbered(api.db, 'REPORT-DESK-1', [1, 2, 3, 5, 6, 7, 8, 9, 10]);

    const response = await agent.put('/api/offline/client-state', REPORT);
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(OfflineClientReportAnswer.parse(response.json())).toEqual({
      sequences: {
        received: 9,
        highestReceived: 10,
        highestReported: 12,
        missing: [
          { from: 4, to: 4 },
          { from: 11, to: 12 },
        ],
        missingCount: 3,
      },
      // The test database streams to no standby: what it counted is as safe as it gets.
      replicated: true,
    });
    expect(await storedReport('REPORT-DESK-1')).toMatchObject({
      installed: 1,
      app_version: '1.4.0',
      last_sequence: 12,
      highest_sequence_reported: 12,
      unsent: 2,
      journal: 'on',
      reported_by: agent.user.id,
    });
    expect(Number((await storedReport('REPORT-DESK-1'))?.reported_at)).toBe(
      Date.UTC(2026, 11, 2, 16, 0),
    );
  });

  it('replaces the latest report, but a lower count (a wiped browser) never lowers the highest reported', async () => {
    const agent = await api.signIn('wiped-desk', 'circulation', { workstation: 'WIPED-DESK' });
    await agent.put('/api/offline/client-state', { ...REPORT, lastSequence: 40, unsent: 0 });
    const wiped = await agent.put('/api/offline/client-state', {
      ...REPORT,
      installed: false,
      appVersion: null,
      snapshotTakenAt: null,
      lastSequence: 0,
      unsent: 0,
      journal: 'off',
    });
    expect(wiped.statusCode).toBe(200);
    expect(wiped.json()).toMatchObject({
      sequences: { received: 0, highestReported: 40, missing: [{ from: 1, to: 40 }] },
    });
    expect(await storedReport('WIPED-DESK')).toMatchObject({
      installed: 0,
      app_version: null,
      last_sequence: 0,
      highest_sequence_reported: 40,
      journal: 'off',
    });

    await agent.put('/api/offline/client-state', { ...REPORT, lastSequence: 55, unsent: 15 });
    expect(await storedReport('WIPED-DESK')).toMatchObject({
      last_sequence: 55,
      highest_sequence_reported: 55,
    });
  });

  it('refuses claims out of bounds and changes nothing', async () => {
    const agent = await api.signIn('bounds-desk', 'circulation', { workstation: 'BOUNDS-DESK' });
    await agent.put('/api/offline/client-state', REPORT);
    for (const claim of [
      { ...REPORT, lastSequence: MAX_REPORTED_SEQUENCE + 1 },
      // Within the schema, but further past the 12 reported before than any desk records.
      { ...REPORT, lastSequence: 12 + MAX_SEQUENCE_JUMP + 1 },
      { ...REPORT, unsent: 13 },
      { ...REPORT, lastSequence: -1 },
      { ...REPORT, journal: 'maybe' },
      { ...REPORT, appVersion: 'x'.repeat(41) },
      { ...REPORT, workstation: 'OTHER-DESK' },
    ]) {
      const response = await agent.put('/api/offline/client-state', claim);
      expect({ claim, status: response.statusCode }).toEqual({ claim, status: 400 });
    }
    expect(await storedReport('BOUNDS-DESK')).toMatchObject({
      last_sequence: 12,
      highest_sequence_reported: 12,
      unsent: 2,
    });
  });

  it('accepts a count up to the largest jump past the highest number received', async () => {
    const agent = await api.signIn('jump-desk', 'circulation', { workstation: 'JUMP-DESK' });
    await recordNumbered(api.db, 'JUMP-DESK', [1, 2, 3]);
    const claim = { ...REPORT, lastSequence: 3 + MAX_SEQUENCE_JUMP, unsent: 0 };
    expect((await agent.put('/api/offline/client-state', claim)).statusCode).toBe(200);
    expect(await storedReport('JUMP-DESK')).toMatchObject({
      highest_sequence_reported: 3 + MAX_SEQUENCE_JUMP,
    });
  });

  it('asks for a workstation first when the browser has not named one', async () => {
    const agent = await api.signIn('report-nowhere', 'circulation', { workstation: null });
    const response = await agent.put('/api/offline/client-state', REPORT);
    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({ error: { code: 'WORKSTATION_REQUIRED' } });
  });

  it('refuses without a session', async () => {
    const response = await api.anonymous().put('/api/offline/client-state', REPORT);
    expect(response.statusCode).toBe(401);
  });
});
