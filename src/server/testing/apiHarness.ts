// An API under test: a migrated database on the given engine, the app on a controllable clock, and
// agents that sign in and then send requests with the session cookie and CSRF header, via inject.
import type { Kysely, Selectable } from 'kysely';
import type { InjectOptions, LightMyRequestResponse as InjectResponse } from 'fastify';
import { ApiError } from '../../shared/api/errors.ts';
import { CSRF_HEADER, SESSION_COOKIE, type SessionInfo } from '../../shared/api/session.ts';
import { buildApp, type BuildAppOptions, type CircaApp } from '../app.ts';
import { isStateChanging } from '../auth/csrf.ts';
import { loadConfig, type Config } from '../config.ts';
import type { ConnectOptions, Engine } from '../db/connect.ts';
import type { BranchTable, Database, StaffRole, StaffUser } from '../db/schema.ts';
import { openTestDatabase, type TestDatabase } from './engines.ts';
import {
  buildBranch,
  buildStaffUser,
  TEST_PASSWORD_COST,
  TEST_STAFF_PASSWORD,
} from './factories.ts';

export type { InjectResponse };

/** A clock tests move by hand; starts at the real time. */
export interface TestClock {
  now(): number;
  set(epochMs: number): void;
  advance(ms: number): void;
}

export function createTestClock(start: number = Date.now()): TestClock {
  let current = start;
  return {
    now: () => current,
    set: (epochMs) => {
      current = epochMs;
    },
    advance: (ms) => {
      current += ms;
    },
  };
}

type Headers = Record<string, string>;

/** Sends requests to the app, keeping the session cookie it is given. */
export interface ApiAgent {
  request(options: {
    method: NonNullable<InjectOptions['method']>;
    url: string;
    body?: unknown;
    headers?: Headers;
  }): Promise<InjectResponse>;
  get(url: string, headers?: Headers): Promise<InjectResponse>;
  post(url: string, body?: unknown, headers?: Headers): Promise<InjectResponse>;
  put(url: string, body?: unknown, headers?: Headers): Promise<InjectResponse>;
  patch(url: string, body?: unknown, headers?: Headers): Promise<InjectResponse>;
  delete(url: string, headers?: Headers): Promise<InjectResponse>;
  /** The session cookie's token, once signed in. */
  readonly sessionToken: string | undefined;
  /** Sent as x-csrf-token on POST, PUT, PATCH and DELETE. */
  csrfToken: string | undefined;
}

export interface SignedInAgent extends ApiAgent {
  readonly user: StaffUser;
  /** The SessionInfo returned at sign-in. */
  readonly session: SessionInfo;
}

export interface SignInOptions {
  /** Branch for a new staff user; the harness's `branch` when absent. */
  branchId?: number;
  /** Workstation to sign in at; `TEST-<username>` when absent, none when null. */
  workstation?: string | null;
  password?: string;
}

export interface TestApi {
  app: CircaApp;
  db: Kysely<Database>;
  engine: Engine;
  database: TestDatabase;
  config: Config;
  clock: TestClock;
  /** A branch (code MAIN) created at start, home of staff that signIn creates. */
  branch: Selectable<BranchTable>;
  /** An agent with no session. */
  anonymous(): ApiAgent;
  /**
   * Signs in as `username`, first creating that staff user (with `role`, default circulation, and
   * TEST_STAFF_PASSWORD) unless it exists. Throws when sign-in does not answer 200.
   */
  signIn(username: string, role?: StaffRole, options?: SignInOptions): Promise<SignedInAgent>;
  dispose(): Promise<void>;
}

export interface StartTestApiOptions {
  config?: Partial<Config>;
  logger?: BuildAppOptions['logger'];
  clock?: TestClock;
  /** Runs before the app is readied, e.g. to register extra routes a test needs. */
  beforeReady?: (app: CircaApp) => void;
  /** Told of every statement the app's database handle sends (counting round trips). */
  databaseLog?: ConnectOptions['log'];
}

/** Settings for tests: fast password hashing, no sign-in rate limit unless a test sets one. */
/** An app over an empty, migrated database, for tests of a library before its set-up. */
export interface EmptyApp {
  test: TestDatabase;
  app: CircaApp;
  /** Stops the app and deletes the database. */
  close(): Promise<void>;
}

export async function openEmptyApp(engine: Engine): Promise<EmptyApp> {
  const test = await openTestDatabase(engine);
  const app = buildApp({ db: test.db, config: testConfig() });
  await app.ready();
  return {
    test,
    app,
    async close() {
      await app.close();
      await test.dispose();
    },
  };
}

export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    ...loadConfig({}),
    passwordCost: TEST_PASSWORD_COST,
    signInAttemptsPerMinute: 10_000,
    distDir: 'dist/web',
    ...overrides,
  };
}

export async function startTestApi(
  engine: Engine,
  options: StartTestApiOptions = {},
): Promise<TestApi> {
  const database = await openTestDatabase(
    engine,
    options.databaseLog ? { log: options.databaseLog } : {},
  );
  const { db } = database;
  const config = testConfig(options.config);
  const clock = options.clock ?? createTestClock();
  const app = buildApp({
    db,
    config,
    now: clock.now,
    ...(options.logger !== undefined ? { logger: options.logger } : {}),
  });
  try {
    options.beforeReady?.(app);
    await app.ready();
  } catch (error) {
    await app.close().catch(() => undefined);
    await database.dispose();
    throw error;
  }
  const branch = await buildBranch(db, { code: 'MAIN', name: 'Main Library' });

  const signIn: TestApi['signIn'] = async (username, role = 'circulation', signInOptions = {}) => {
    const password = signInOptions.password ?? TEST_STAFF_PASSWORD;
    const user =
      (await db
        .selectFrom('staff_users')
        .selectAll()
        .where('username', '=', username)
        .executeTakeFirst()) ??
      (await buildStaffUser(db, {
        username,
        role,
        password,
        branch_id: signInOptions.branchId ?? branch.id,
      }));
    const workstation =
      signInOptions.workstation === undefined ? `TEST-${username}` : signInOptions.workstation;
    const agent = createAgent(app);
    const response = await agent.post('/api/session', {
      username,
      password,
      ...(workstation === null ? {} : { workstation }),
    });
    if (response.statusCode !== 200) {
      throw new Error(
        `Test sign-in as ${username} failed: ${response.statusCode} ${response.body}`,
      );
    }
    const session = response.json<SessionInfo>();
    agent.csrfToken = session.csrfToken;
    return Object.assign(agent, { user, session });
  };

  return {
    app,
    db,
    engine,
    database,
    config,
    clock,
    branch,
    anonymous: () => createAgent(app),
    signIn,
    async dispose() {
      await app.close();
      await database.dispose();
    },
  };
}

/** The value of the session cookie a response sets, '' when it clears it, undefined if untouched. */
/** The error a refusing response carries: its code, message and details. */
export function errorOf(response: InjectResponse) {
  return ApiError.parse(response.json()).error;
}

export function sessionCookieFrom(response: InjectResponse): string | undefined {
  const cookie = response.cookies.find((c) => c.name === SESSION_COOKIE);
  return cookie?.value;
}

export function createAgent(app: CircaApp): ApiAgent {
  let sessionToken: string | undefined;
  const agent: ApiAgent = {
    get sessionToken() {
      return sessionToken;
    },
    csrfToken: undefined,
    async request({ method, url, body, headers = {} }) {
      const sent: Headers = { ...headers };
      if (sessionToken && sent.cookie === undefined)
        sent.cookie = `${SESSION_COOKIE}=${sessionToken}`;
      if (agent.csrfToken && isStateChanging(method) && sent[CSRF_HEADER] === undefined) {
        sent[CSRF_HEADER] = agent.csrfToken;
      }
      const response = await app.inject({
        method,
        url,
        headers: sent,
        ...(body === undefined ? {} : { payload: body as InjectOptions['payload'] }),
      });
      const cookie = sessionCookieFrom(response);
      if (cookie !== undefined) sessionToken = cookie === '' ? undefined : cookie;
      return response;
    },
    get: (url, headers) => agent.request({ method: 'GET', url, headers }),
    post: (url, body, headers) => agent.request({ method: 'POST', url, body, headers }),
    put: (url, body, headers) => agent.request({ method: 'PUT', url, body, headers }),
    patch: (url, body, headers) => agent.request({ method: 'PATCH', url, body, headers }),
    delete: (url, headers) => agent.request({ method: 'DELETE', url, headers }),
  };
  return agent;
}
