// The sign-in check under parallel guesses, and for unknown usernames: what is counted and which
// statements run, rather than how long an answer takes.
import type { KyselyPlugin } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine, openTestDatabase, type TestDatabase } from '../testing/engines.ts';
import { buildStaffUser, TEST_STAFF_PASSWORD } from '../testing/factories.ts';
import { verifyPassword } from './passwords.ts';
import { decoyPasswordHash, verifyStaffSignIn } from './signIn.ts';
import { PAIR_SCHEDULE } from './signInThrottle.ts';

const NOW = Date.UTC(2026, 2, 2, 15, 0);

/** A password check that counts its calls and takes a while, so parallel attempts overlap. */
function countingCheck() {
  const hashes: string[] = [];
  return {
    hashes,
    check: async (password: string, hash: string) => {
      hashes.push(hash);
      await new Promise((resolve) => setTimeout(resolve, 20));
      return verifyPassword(password, hash);
    },
  };
}

describeEachEngine('sign-in check', (engine) => {
  let test: TestDatabase;
  const decoyHash = decoyPasswordHash(2 ** 10);
  beforeAll(async () => {
    test = await openTestDatabase(engine);
  });
  afterAll(() => test.dispose());

  it('checks no more passwords than the throttle allows, however many guesses arrive at once', async () => {
    await buildStaffUser(test.db, { username: 'admin' });
    const counting = countingCheck();
    const outcomes = await Promise.allSettled(
      Array.from({ length: 15 }, (_, n) =>
        verifyStaffSignIn({
          db: test.db,
          username: 'admin',
          password: n === 14 ? TEST_STAFF_PASSWORD : `guess ${n}`,
          clientAddress: '203.0.113.5',
          now: NOW,
          decoyHash,
          checkPassword: counting.check,
        }),
      ),
    );
    expect(counting.hashes).toHaveLength(PAIR_SCHEDULE.freeAttempts);
    const refused = outcomes.map((o) => (o.status === 'rejected' ? o.reason.code : 'SIGNED_IN'));
    expect(refused.filter((code) => code === 'SIGN_IN_THROTTLED')).toHaveLength(
      15 - PAIR_SCHEDULE.freeAttempts,
    );
  });

  it('takes the same path for an unknown username as for a wrong password: the same statements and one verification', async () => {
    const user = await buildStaffUser(test.db, { username: 'ursula' });
    const run = async (username: string) => {
      const statements: string[] = [];
      const recorder: KyselyPlugin = {
        transformQuery: (args) => {
          statements.push(test.db.getExecutor().compileQuery(args.node, args.queryId).sql);
          return args.node;
        },
        transformResult: async (args) => args.result,
      };
      const counting = countingCheck();
      const answers: string[] = [];
      for (let attempt = 0; attempt <= PAIR_SCHEDULE.freeAttempts; attempt += 1) {
        await verifyStaffSignIn({
          db: test.db.withPlugin(recorder),
          username,
          password: 'wrong',
          clientAddress: '198.51.100.4',
          now: NOW,
          decoyHash,
          checkPassword: counting.check,
        }).catch((error: { code: string }) => answers.push(error.code));
      }
      return { statements, answers, hashes: counting.hashes };
    };
    const real = await run('ursula');
    const unknown = await run('ursula-not');
    expect(unknown.statements).toEqual(real.statements);
    expect(unknown.answers).toEqual(real.answers);
    expect(real.answers.at(-1)).toBe('SIGN_IN_THROTTLED');
    // Each unthrottled attempt checked one password: the user's, or the decoy of the same cost.
    expect(real.hashes).toEqual(Array(PAIR_SCHEDULE.freeAttempts).fill(user.password_hash));
    expect(unknown.hashes).toEqual(Array(PAIR_SCHEDULE.freeAttempts).fill(await decoyHash()));
  });
});
