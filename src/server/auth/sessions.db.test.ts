import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine, openTestDatabase, type TestDatabase } from '../testing/engines.ts';
import { buildStaffUser } from '../testing/factories.ts';
import { createSession, deleteExpiredSessions, findLiveSession } from './sessions.ts';

const lifetime = { sessionIdleTimeoutMs: 1_000_000, sessionMaxLifetimeMs: 5_000_000 };

describeEachEngine('sessions', (engine) => {
  let test: TestDatabase;
  beforeAll(async () => {
    test = await openTestDatabase(engine);
  });
  afterAll(() => test.dispose());

  it('cleanup removes expired sessions and keeps live ones', async () => {
    const user = await buildStaffUser(test.db);
    const old = await createSession(test.db, {
      staffUserId: user.id,
      workstationId: null,
      now: 0,
      lifetime,
    });
    const fresh = await createSession(test.db, {
      staffUserId: user.id,
      workstationId: null,
      now: 2_000_000,
      lifetime,
    });
    expect(await deleteExpiredSessions(test.db, 2_000_000)).toBe(1);
    expect(await findLiveSession(test.db, old.token, 0, lifetime)).toBeNull();
    expect(await findLiveSession(test.db, fresh.token, 2_000_000, lifetime)).not.toBeNull();
    expect(await deleteExpiredSessions(test.db, 2_000_000)).toBe(0);
  });
});
