import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SESSION_COOKIE, SessionInfo } from '../../../shared/api/session.ts';
import { sessionTouchIntervalMs } from '../../auth/sessions.ts';
import { decoyPasswordHash, verifyStaffSignIn } from '../../auth/signIn.ts';
import { PAIR_SCHEDULE, USERNAME_SCHEDULE } from '../../auth/signInThrottle.ts';
import { hashSessionToken } from '../../auth/tokens.ts';
import { loadConfig } from '../../config.ts';
import { actionsOf } from '../../policies/policies.ts';
import { startTestApi, type TestApi } from '../../testing/apiHarness.ts';
import { describeEachEngine } from '../../testing/engines.ts';
import {
  buildBranch,
  buildStaffUser,
  buildWorkstation,
  TEST_STAFF_PASSWORD,
} from '../../testing/factories.ts';

const HOUR_MS = 60 * 60 * 1000;

const signInBody = (username: string, password = TEST_STAFF_PASSWORD) => ({
  username,
  password,
});

describeEachEngine('session routes', (engine) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(engine);
  });
  afterAll(() => api.dispose());
  beforeEach(() => {
    api.clock.set(Date.UTC(2026, 2, 2, 15, 0));
  });

  /** A sign-in sent from `address`, as the server sees its clients. */
  const signInFrom = (address: string, username: string, password = TEST_STAFF_PASSWORD) =>
    api.app.inject({
      method: 'POST',
      url: '/api/session',
      payload: signInBody(username, password),
      remoteAddress: address,
    });

  /** Status, Retry-After and body of seven wrong passwords for `username` from one address. */
  const wrongPasswordAnswers = async (username: string) => {
    const seen: unknown[] = [];
    for (let attempt = 0; attempt < PAIR_SCHEDULE.freeAttempts + 2; attempt += 1) {
      const response = await signInFrom('198.51.100.99', username, 'wrong');
      seen.push([response.statusCode, response.headers['retry-after'], response.json()]);
    }
    return seen;
  };

  const sessionCount = async () =>
    Number(
      (
        await api.db
          .selectFrom('sessions')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  describe('sign-in', () => {
    it('returns SessionInfo and sets an HttpOnly, SameSite=Strict session cookie', async () => {
      await buildStaffUser(api.db, { username: 'ada', branch_id: api.branch.id });
      const response = await api.anonymous().post('/api/session', signInBody('ada'));
      expect(response.statusCode).toBe(200);
      const info = SessionInfo.parse(response.json());
      expect(info.user).toMatchObject({ username: 'ada', role: 'circulation' });
      expect(info.user.branch.code).toBe('MAIN');
      // What the staff app's loan receipt prints at its top.
      const settings = await api.db
        .selectFrom('library_settings')
        .select('library_name')
        .executeTakeFirstOrThrow();
      expect(info.libraryName).toBe(settings.library_name);
      expect(info.libraryName).not.toBe('');
      expect(info.actions).toEqual(actionsOf('circulation'));
      expect(info.actions).toContain('loan.checkOut');
      expect(info.actions).not.toContain('loan.override');
      expect(info.workstation).toBeNull();
      expect(info.expiresAt).toBe(api.clock.now() + api.config.sessionIdleTimeoutMs);
      const cookie = response.cookies.find((c) => c.name === SESSION_COOKIE);
      expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
      expect(cookie?.secure).toBeFalsy();
      expect(cookie?.maxAge).toBe(api.config.sessionMaxLifetimeMs / 1000);
    });

    it('lists the actions the policy table gives each role, so screens never compare roles', async () => {
      const supervisor = await api.signIn('sam-actions', 'supervisor');
      expect(supervisor.session.actions).toEqual(actionsOf('supervisor'));
      expect(supervisor.session.actions).toContain('loan.override');
      expect(supervisor.session.actions).not.toContain('closedDays.manage');
      const admin = await api.signIn('ada-actions', 'admin');
      expect(admin.session.actions).toContain('closedDays.manage');
      const readBack = SessionInfo.parse((await admin.get('/api/session')).json());
      expect(readBack.actions).toEqual(actionsOf('admin'));
    });

    it('stores only the SHA-256 of the session token', async () => {
      const agent = await api.signIn('hash-check');
      const token = agent.sessionToken ?? '';
      expect(token.length).toBeGreaterThanOrEqual(43);
      const stored = await api.db
        .selectFrom('sessions')
        .select('token_hash')
        .where('staff_user_id', '=', agent.user.id)
        .execute();
      expect(stored.map((s) => s.token_hash)).toEqual([hashSessionToken(token)]);
      expect(stored[0]?.token_hash).not.toContain(token);
    });

    it('marks the cookie Secure when the request came over HTTPS through a trusted proxy', async () => {
      const proxied = await startTestApi(engine, { config: { trustProxy: ['127.0.0.1'] } });
      try {
        await buildStaffUser(proxied.db, { username: 'tls', branch_id: proxied.branch.id });
        const response = await proxied
          .anonymous()
          .post('/api/session', signInBody('tls'), { 'x-forwarded-proto': 'https' });
        expect(response.statusCode).toBe(200);
        expect(response.cookies.find((c) => c.name === SESSION_COOKIE)?.secure).toBe(true);
        expect(response.headers['strict-transport-security']).toMatch(/max-age=\d+/);
      } finally {
        await proxied.dispose();
      }
    });

    it('accepts the username in any letter case', async () => {
      await buildStaffUser(api.db, { username: 'grace', branch_id: api.branch.id });
      const response = await api.anonymous().post('/api/session', signInBody('  GRACE '));
      expect(response.statusCode).toBe(200);
      expect(response.json().user.username).toBe('grace');
    });

    it('gives the same answer for an unknown username and a wrong password', async () => {
      await buildStaffUser(api.db, { username: 'linus', branch_id: api.branch.id });
      const unknown = await api.anonymous().post('/api/session', signInBody('nobody-here'));
      const wrong = await api.anonymous().post('/api/session', signInBody('linus', 'not it'));
      expect(unknown.statusCode).toBe(401);
      expect(wrong.statusCode).toBe(401);
      expect(unknown.json()).toEqual(wrong.json());
      expect(wrong.json().error.code).toBe('SIGN_IN_FAILED');
      expect(wrong.cookies.find((c) => c.name === SESSION_COOKIE)).toBeUndefined();
    });

    it('names the missing field when the body is incomplete, and changes nothing', async () => {
      const before = await sessionCount();
      const response = await api.anonymous().post('/api/session', { username: 'ada' });
      expect(response.statusCode).toBe(400);
      expect(response.json().error).toMatchObject({
        code: 'BAD_REQUEST',
        details: { fields: [{ field: 'password' }] },
      });
      expect(response.json().error.message).toContain('password');
      expect(await sessionCount()).toBe(before);
    });

    it('makes one address wait after five failures for a username, the wait growing, and lets the right password in after it', async () => {
      await buildStaffUser(api.db, { username: 'mallory', branch_id: api.branch.id });
      const codes: string[] = [];
      for (let attempt = 1; attempt <= PAIR_SCHEDULE.freeAttempts; attempt += 1) {
        const response = await signInFrom('198.51.100.7', 'mallory', `guess ${attempt}`);
        codes.push(response.json().error.code);
      }
      expect(codes).toEqual(Array(PAIR_SCHEDULE.freeAttempts).fill('SIGN_IN_FAILED'));

      // Even the right password waits: the throttle answers before any password is checked.
      const throttled = await signInFrom('198.51.100.7', 'mallory');
      expect(throttled.statusCode).toBe(429);
      expect(throttled.json().error).toMatchObject({
        code: 'SIGN_IN_THROTTLED',
        details: { retryAfterSeconds: 30, nextAttemptAt: api.clock.now() + 30_000 },
      });
      expect(throttled.json().error.message).toMatch(/Wait 30 seconds, then try again/);
      expect(throttled.headers['retry-after']).toBe('30');

      api.clock.advance(30_000);
      expect((await signInFrom('198.51.100.7', 'mallory', 'guess 6')).statusCode).toBe(401);
      const longer = await signInFrom('198.51.100.7', 'mallory');
      expect(longer.json().error.details.retryAfterSeconds).toBe(60);

      api.clock.advance(60_000);
      expect((await signInFrom('198.51.100.7', 'mallory')).statusCode).toBe(200);
      // A success starts the pair afresh.
      const again = await signInFrom('198.51.100.7', 'mallory', 'typo');
      expect(again.json().error.code).toBe('SIGN_IN_FAILED');
    });

    it('does not let a stranger at another address keep the real user out', async () => {
      await buildStaffUser(api.db, {
        username: 'super',
        role: 'supervisor',
        branch_id: api.branch.id,
      });
      for (let attempt = 0; attempt < 3 * PAIR_SCHEDULE.freeAttempts; attempt += 1) {
        await signInFrom('203.0.113.66', 'super', `guess ${attempt}`);
        api.clock.advance(1_000);
      }
      expect((await signInFrom('203.0.113.66', 'super')).statusCode).toBe(429);
      expect((await signInFrom('192.0.2.10', 'super')).statusCode).toBe(200);
    });

    it('slows a guess spread over many addresses, but not the real user at their own desk', async () => {
      await buildStaffUser(api.db, { username: 'admin2', role: 'admin', branch_id: api.branch.id });
      expect((await signInFrom('192.0.2.20', 'admin2')).statusCode).toBe(200);
      const codes: string[] = [];
      for (let n = 0; n < USERNAME_SCHEDULE.freeAttempts + 2; n += 1) {
        codes.push(
          (await signInFrom(`198.18.0.${n + 1}`, 'admin2', `guess ${n}`)).json().error.code,
        );
      }
      expect(codes.slice(0, USERNAME_SCHEDULE.freeAttempts)).toEqual(
        Array(USERNAME_SCHEDULE.freeAttempts).fill('SIGN_IN_FAILED'),
      );
      expect(codes.slice(USERNAME_SCHEDULE.freeAttempts)).toEqual([
        'SIGN_IN_THROTTLED',
        'SIGN_IN_THROTTLED',
      ]);
      // A new address waits its turn with everyone else; the desk the user signs in from does not.
      const newLaptop = await signInFrom('198.18.1.1', 'admin2');
      expect(newLaptop.json().error).toMatchObject({
        code: 'SIGN_IN_THROTTLED',
        details: { retryAfterSeconds: 5 },
      });
      expect((await signInFrom('192.0.2.20', 'admin2')).statusCode).toBe(200);
      api.clock.advance(5_000);
      expect((await signInFrom('198.18.1.1', 'admin2')).statusCode).toBe(200);
    });

    it('lets at most five of fifteen parallel guesses from one address reach a password check', async () => {
      await buildStaffUser(api.db, { username: 'admin3', role: 'admin', branch_id: api.branch.id });
      const attempts = Array.from({ length: 15 }, (_, n) =>
        signInFrom('203.0.113.5', 'admin3', n === 14 ? TEST_STAFF_PASSWORD : `guess ${n}`),
      );
      const statuses = (await Promise.all(attempts)).map((r) => r.statusCode);
      const checked = statuses.filter((status) => status !== 429);
      expect(checked.length).toBe(PAIR_SCHEDULE.freeAttempts);
      expect(statuses.filter((status) => status === 429)).toHaveLength(15 - checked.length);
    });

    it('answers an unknown username exactly as a real one, throttling included', async () => {
      await buildStaffUser(api.db, { username: 'linda', branch_id: api.branch.id });
      const real = await wrongPasswordAnswers('linda');
      const unknown = await wrongPasswordAnswers('lindaa');
      expect(unknown).toEqual(real);
      expect(real.at(-1)).toMatchObject([429, '30', { error: { code: 'SIGN_IN_THROTTLED' } }]);
    });

    it('issues a new session id at every sign-in and ends the one the browser had', async () => {
      const agent = await api.signIn('fixation');
      const first = agent.sessionToken;
      const again = await agent.post('/api/session', signInBody('fixation'));
      expect(again.statusCode).toBe(200);
      expect(agent.sessionToken).toBeDefined();
      expect(agent.sessionToken).not.toBe(first);
      const old = await api.app.inject({
        method: 'GET',
        url: '/api/session',
        cookies: { [SESSION_COOKIE]: first ?? '' },
      });
      expect(old.statusCode).toBe(401);
      const sessions = await api.db
        .selectFrom('sessions')
        .select('token_hash')
        .where('staff_user_id', '=', agent.user.id)
        .execute();
      expect(sessions).toHaveLength(1);
    });

    it('ties the session to a remembered workstation, creating it at the staff member’s branch', async () => {
      const east = await buildBranch(api.db, { code: 'EAST' });
      await buildStaffUser(api.db, { username: 'east-desk', branch_id: east.id });
      const existing = await buildWorkstation(api.db, {
        name: 'MAIN-DESK-7',
        branch_id: api.branch.id,
      });

      const created = await api
        .anonymous()
        .post('/api/session', { ...signInBody('east-desk'), workstation: 'EAST-DESK-1' });
      expect(created.json().workstation).toMatchObject({
        name: 'EAST-DESK-1',
        branch: { code: 'EAST' },
      });

      const reused = await api
        .anonymous()
        .post('/api/session', { ...signInBody('east-desk'), workstation: 'main-desk-7' });
      expect(reused.json().workstation).toMatchObject({ id: existing.id, name: 'MAIN-DESK-7' });
    });

    it('refuses a workstation name with characters a name cannot have, and signs no one in', async () => {
      await buildStaffUser(api.db, { username: 'badname', branch_id: api.branch.id });
      const before = await sessionCount();
      const response = await api
        .anonymous()
        .post('/api/session', { ...signInBody('badname'), workstation: '<script>' });
      expect(response.statusCode).toBe(400);
      expect(response.json().error.details.fields[0].field).toBe('workstation');
      expect(await sessionCount()).toBe(before);
    });
  });

  describe('the session', () => {
    it('is read back with GET /api/session', async () => {
      const agent = await api.signIn('reader', 'supervisor');
      const response = await agent.get('/api/session');
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual(agent.session);
    });

    it('ends after the idle timeout without use', async () => {
      const agent = await api.signIn('idle');
      api.clock.advance(api.config.sessionIdleTimeoutMs - 1);
      expect((await agent.get('/api/session')).statusCode).toBe(200);
      // That use slid the expiry forward: the original deadline passes without ending the session.
      api.clock.advance(2 * HOUR_MS);
      expect((await agent.get('/api/session')).statusCode).toBe(200);
      api.clock.advance(api.config.sessionIdleTimeoutMs);
      const expired = await agent.get('/api/session');
      expect(expired.statusCode).toBe(401);
      expect(expired.json().error).toMatchObject({
        code: 'UNAUTHENTICATED',
        message: 'Your session has ended. Sign in again to continue.',
      });
      // The browser is told to drop the dead cookie.
      expect(expired.cookies.find((c) => c.name === SESSION_COOKIE)).toMatchObject({
        value: '',
        maxAge: 0,
      });
    });

    it('ends at its absolute lifetime however busy it is', async () => {
      const agent = await api.signIn('busy');
      const signedInAt = api.clock.now();
      while (api.clock.now() < signedInAt + api.config.sessionMaxLifetimeMs - HOUR_MS) {
        api.clock.advance(HOUR_MS);
        expect((await agent.get('/api/session')).statusCode).toBe(200);
      }
      const lastInfo = (await agent.get('/api/session')).json();
      expect(lastInfo.expiresAt).toBe(signedInAt + api.config.sessionMaxLifetimeMs);
      api.clock.set(signedInAt + api.config.sessionMaxLifetimeMs);
      expect((await agent.get('/api/session')).statusCode).toBe(401);
    });

    it('stays alive while used more often than the shortest idle timeout allows', async () => {
      const shortest = await startTestApi(engine, {
        clock: api.clock,
        config: { sessionIdleTimeoutMs: 60_000 },
      });
      try {
        const agent = await shortest.signIn('brisk');
        for (let use = 1; use <= 12; use += 1) {
          api.clock.advance(15_000);
          expect((await agent.get('/api/session')).statusCode, `use ${use}`).toBe(200);
        }
        api.clock.advance(60_000);
        expect((await agent.get('/api/session')).statusCode).toBe(401);
      } finally {
        await shortest.dispose();
      }
    });

    it('writes its expiry back at most once a minute', async () => {
      const agent = await api.signIn('quiet');
      const tokenHash = hashSessionToken(agent.sessionToken ?? '');
      const lastSeen = async () =>
        (
          await api.db
            .selectFrom('sessions')
            .select('last_seen_at')
            .where('token_hash', '=', tokenHash)
            .executeTakeFirstOrThrow()
        ).last_seen_at;
      const signedInAt = api.clock.now();
      const interval = sessionTouchIntervalMs(api.config);
      expect(interval).toBe(60_000);
      api.clock.advance(interval - 1);
      await agent.get('/api/session');
      expect(await lastSeen()).toBe(signedInAt);
      api.clock.advance(1);
      await agent.get('/api/session');
      expect(await lastSeen()).toBe(signedInAt + interval);
    });
  });

  describe('sign-out', () => {
    it('deletes the session on the server and clears the cookie', async () => {
      const agent = await api.signIn('leaving');
      const token = agent.sessionToken ?? '';
      const response = await agent.delete('/api/session');
      expect(response.statusCode).toBe(204);
      const cleared = response.cookies.find((c) => c.name === SESSION_COOKIE);
      expect(cleared?.value).toBe('');
      expect(cleared?.maxAge).toBe(0);
      const row = await api.db
        .selectFrom('sessions')
        .select('token_hash')
        .where('token_hash', '=', hashSessionToken(token))
        .executeTakeFirst();
      expect(row).toBeUndefined();
      // A copy of the old cookie is worthless.
      const replay = await api.app.inject({
        method: 'GET',
        url: '/api/session',
        cookies: { [SESSION_COOKIE]: token },
      });
      expect(replay.statusCode).toBe(401);
    });

    it('signs out everywhere: every session of the staff member ends, this one included', async () => {
      const here = await api.signIn('everywhere');
      const elsewhere = await api.signIn('everywhere');
      const colleague = await api.signIn('everywhere-colleague');
      const response = await here.post('/api/session/sign-out-everywhere');
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({ endedSessions: 2 });
      expect(response.cookies.find((c) => c.name === SESSION_COOKIE)).toMatchObject({
        value: '',
        maxAge: 0,
      });
      expect((await here.get('/api/session')).statusCode).toBe(401);
      expect((await elsewhere.get('/api/session')).statusCode).toBe(401);
      expect((await colleague.get('/api/session')).statusCode).toBe(200);
    });

    it('needs the CSRF token like every change', async () => {
      const agent = await api.signIn('forced-out');
      const response = await agent.delete('/api/session', { 'x-csrf-token': 'forged' });
      expect(response.statusCode).toBe(403);
      expect((await agent.get('/api/session')).statusCode).toBe(200);
    });
  });

  describe('workstation', () => {
    it('is named after sign-in and created at the staff member’s branch', async () => {
      const agent = await api.signIn('namer', 'circulation', { workstation: null });
      expect(agent.session.workstation).toBeNull();
      const response = await agent.put('/api/session/workstation', { name: ' MAIN-DESK-3 ' });
      expect(response.statusCode).toBe(200);
      expect(response.json().workstation).toMatchObject({
        name: 'MAIN-DESK-3',
        branch: { code: 'MAIN' },
      });
      expect((await agent.get('/api/session')).json().workstation.name).toBe('MAIN-DESK-3');
    });

    it('refuses an empty name with the reason', async () => {
      const agent = await api.signIn('blank', 'circulation', { workstation: null });
      const response = await agent.put('/api/session/workstation', { name: '   ' });
      expect(response.statusCode).toBe(400);
      expect(response.json().error.message).toContain('Enter a workstation name.');
      expect((await agent.get('/api/session')).json().workstation).toBeNull();
    });
  });

  // Response time must not reveal which usernames exist. Timing it in a test is flaky on a busy
  // machine, so this checks the cause instead: an unknown username pays for one scrypt
  // verification against a decoy hash of the same cost as real ones, like a wrong password does.
  it('verifies an unknown username against a decoy hash of the real cost', async () => {
    const passwordCost = 2 ** 11;
    const decoy = decoyPasswordHash(passwordCost);
    const decoyHash = await decoy();
    expect(decoyHash.split('$').slice(0, 2)).toEqual(['scrypt', String(passwordCost)]);
    expect(await decoy()).toBe(decoyHash); // made once, not per attempt

    let verifications = 0;
    const counting = () => {
      verifications += 1;
      return Promise.resolve(decoyHash);
    };
    await expect(
      verifyStaffSignIn({
        db: api.db,
        username: 'no-such-user',
        password: 'guess',
        clientAddress: '127.0.0.1',
        now: api.clock.now(),
        decoyHash: counting,
      }),
    ).rejects.toMatchObject({ code: 'SIGN_IN_FAILED' });
    expect(verifications).toBe(1);
  });

  it('is rate-limited per address on top of the per-username throttle', async () => {
    const limited = await startTestApi(engine, { config: { signInAttemptsPerMinute: 3 } });
    try {
      const agent = limited.anonymous();
      const codes: string[] = [];
      for (let attempt = 0; attempt < 4; attempt += 1) {
        const response = await agent.post('/api/session', signInBody(`nobody${attempt}`));
        codes.push(response.json().error.code);
      }
      expect(codes).toEqual(['SIGN_IN_FAILED', 'SIGN_IN_FAILED', 'SIGN_IN_FAILED', 'RATE_LIMITED']);
    } finally {
      await limited.dispose();
    }
  });

  it('behind a trusted proxy, counts the address the proxy saw however the client rotates X-Forwarded-For', async () => {
    const { trustProxy } = loadConfig({ TRUST_PROXY: '10.0.0.5, 10.1.0.0/16' });
    const proxied = await startTestApi(engine, {
      config: { trustProxy, signInAttemptsPerMinute: 3 },
    });
    try {
      // The client sends a made-up X-Forwarded-For; the proxy appends the address it saw.
      const viaProxy = (proxy: string, madeUp: string) =>
        proxied.app.inject({
          method: 'POST',
          url: '/api/session',
          payload: signInBody(`nobody-${madeUp}`),
          remoteAddress: proxy,
          headers: { 'x-forwarded-for': `${madeUp}, 198.51.100.20` },
        });
      const codes: string[] = [];
      for (let n = 1; n <= 4; n += 1) {
        codes.push(
          (await viaProxy(n % 2 ? '10.0.0.5' : '10.1.2.3', `192.0.2.${n}`)).json().error.code,
        );
      }
      expect(codes).toEqual(['SIGN_IN_FAILED', 'SIGN_IN_FAILED', 'SIGN_IN_FAILED', 'RATE_LIMITED']);
      // A header from a sender that is not a configured proxy is not believed at all.
      const direct = await proxied.app.inject({
        method: 'POST',
        url: '/api/session',
        payload: signInBody('nobody-direct'),
        remoteAddress: '198.51.100.20',
        headers: { 'x-forwarded-for': '192.0.2.99' },
      });
      expect(direct.json().error.code).toBe('RATE_LIMITED');
    } finally {
      await proxied.dispose();
    }
  });
});
