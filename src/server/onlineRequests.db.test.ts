import { afterAll, beforeAll, expect, it } from 'vitest';
import { DESKS_BUSY_FOR_MS, desksAreBusy } from './db/backgroundWork.ts';
import { startTestApi, type TestApi } from './testing/apiHarness.ts';
import { describeEachEngine } from './testing/engines.ts';

/** Whether any online request arrived after `since` (busy until DESKS_BUSY_FOR_MS after it). */
const onlineSince = (since: number) => desksAreBusy(since + DESKS_BUSY_FOR_MS);

describeEachEngine('which requests count as desks lending', (engine) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(engine);
  });
  afterAll(() => api.dispose());

  it('health checks and metrics leave processing its full batches; any other request does not', async () => {
    const since = performance.now();
    for (const path of ['/api/health', '/api/health/ready', '/api/health/live', '/metrics']) {
      await api.anonymous().get(path);
    }
    expect(onlineSince(since)).toBe(false);

    await api.anonymous().get('/api/session');
    expect(onlineSince(since)).toBe(true);
  });
});
