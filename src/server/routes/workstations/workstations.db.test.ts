import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../../testing/apiHarness.ts';
import { describeEachEngine } from '../../testing/engines.ts';
import { buildBranch, buildWorkstation } from '../../testing/factories.ts';

describeEachEngine('GET /api/workstations/suggestion', (engine) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(engine);
  });
  afterAll(() => api.dispose());

  it('suggests the first free desk number at the staff member’s branch', async () => {
    const west = await buildBranch(api.db, { code: 'west' });
    const agent = await api.signIn('suggest', 'circulation', {
      branchId: west.id,
      workstation: null,
    });
    const first = await agent.get('/api/workstations/suggestion');
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ name: 'WEST-DESK-1' });

    await buildWorkstation(api.db, { name: 'WEST-DESK-1', branch_id: west.id });
    await buildWorkstation(api.db, { name: 'west-desk-3', branch_id: west.id });
    await buildWorkstation(api.db, { name: 'WEST-DESK-2B', branch_id: west.id });
    await buildWorkstation(api.db, { name: 'MAIN-DESK-2', branch_id: api.branch.id });
    expect((await agent.get('/api/workstations/suggestion')).json()).toEqual({
      name: 'WEST-DESK-2',
    });

    await agent.put('/api/session/workstation', { name: 'WEST-DESK-2' });
    expect((await agent.get('/api/workstations/suggestion')).json()).toEqual({
      name: 'WEST-DESK-4',
    });
  });
});
