import { afterAll, beforeAll, expect, it } from 'vitest';
import { OfflineSnapshot } from '../../../shared/offline/snapshot.ts';
import { startTestApi, type TestApi } from '../../testing/apiHarness.ts';
import { describeEachEngine } from '../../testing/engines.ts';
import { recordNumbered } from '../../db/receivedSequences.testing.ts';

describeEachEngine('GET /api/offline/snapshot', (engine) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(engine);
  });
  afterAll(() => api.dispose());

  it('sends the snapshot for the signed-in staff member’s workstation, uncached', async () => {
    api.clock.set(Date.UTC(2026, 11, 2, 16, 0));
    const agent = await api.signIn('snapshot-desk', 'circulation', { workstation: 'MAIN-DESK-7' });
    const response = await agent.get('/api/offline/snapshot');
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    const snapshot = OfflineSnapshot.parse(response.json());
    expect(snapshot).toMatchObject({
      takenAt: Date.UTC(2026, 11, 2, 16, 0),
      workstation: 'MAIN-DESK-7',
      branch: { code: 'MAIN', name: 'Main Library' },
      staff: { username: 'snapshot-desk' },
    });
    expect(snapshot.defaultLoanDays).toBeGreaterThan(0);
    expect(snapshot.sequences).toEqual({
      received: 0,
      highestReceived: 0,
      highestReported: 0,
      missing: [],
      missingCount: 0,
    });
  });

  it('carries the sequence numbers received from the workstation and those it reported recording', async () => {
    const agent = await api.signIn('snapshot-numbers', 'circulation', {
      workstation: 'NUMBERS-DESK',
    });
    await recordNumbered(api.db, 'NUMBERS-DESK', [1, 2, 3, 4, 6]);
    const reported = await agent.put('/api/offline/client-state', {
      installed: true,
      appVersion: '1.0.0',
      snapshotTakenAt: null,
      lastSequence: 9,
      unsent: 3,
      journal: 'off',
    });
    expect(reported.statusCode).toBe(200);
    const snapshot = OfflineSnapshot.parse((await agent.get('/api/offline/snapshot')).json());
    expect(snapshot.sequences).toEqual({
      received: 5,
      highestReceived: 6,
      highestReported: 9,
      missing: [
        { from: 5, to: 5 },
        { from: 7, to: 9 },
      ],
      missingCount: 4,
    });
  });

  it('asks for a workstation first when the browser has not named one', async () => {
    const agent = await api.signIn('no-workstation', 'circulation', { workstation: null });
    const response = await agent.get('/api/offline/snapshot');
    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({ error: { code: 'WORKSTATION_REQUIRED' } });
  });

  it('refuses without a session', async () => {
    const response = await api.anonymous().get('/api/offline/snapshot');
    expect(response.statusCode).toBe(401);
  });
});
