// Three app servers on one PostgreSQL behind nginx (deploy/nginx, docs/deployment-several-servers.md):
// desks lend online through the proxy while workstations send offline uploads through it; one app
// server is SIGKILLed while it stores an upload, another while it holds the processing lock with work
// pending. Neither is restarted. Afterwards: every offline transaction stored and applied once, every
// check-out answered 201 is a loan (and none made twice), every desk's session still works, and the
// server left processed everything the dead ones left pending.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findNginx, runNginx, type RunningNginx } from '../deploy/nginx/runNginx.ts';
import type { CircaServer } from '../e2e/support/server.ts';
import { connectDatabase, type DatabaseHandle } from '../src/server/db/connect.ts';
import { migrateToLatest } from '../src/server/db/migrate.ts';
import type { Database } from '../src/server/db/schema.ts';
import { OUTAGE_START_MS } from '../src/server/offline/fixtures.testing.ts';
import { TEST_ENGINES } from '../src/server/testing/engines.ts';
import { freePort } from '../src/server/testing/freePort.testing.ts';
import type { OfflineTransaction } from '../src/shared/offline/transaction.ts';
import { addWorkstations, buildFaultLibrary, type FaultLibrary } from './support/library.ts';
import {
  APP_SERVER_NAME_PREFIX,
  lockHolder,
  namedDatabaseUrl,
  serversStoringUploads,
  serversWaitingForLock,
} from './support/appServerWatch.ts';
import { interruptedUploads, requestsTo, uploadsSentOn } from './support/nginxLogs.ts';
import {
  buildOnlineStock,
  checkOnlineLoans,
  lendUntil,
  sessionStatus,
  type OnlineFigures,
} from './support/onlineDesk.ts';
import {
  postgresBinDir,
  startPrivatePostgres,
  type PrivatePostgres,
} from './support/privatePostgres.ts';
import { countFromEnv, createRng, faultSeed, type Rng } from './support/rng.ts';
import { addResults, EMPTY_RESULT, isClean, type SetCheckResult } from './support/setCheck.ts';
import { recordOutage } from './support/transactions.ts';
import { checkTrialDesks } from './support/trialCheck.ts';
import { startTrialServer } from './support/trialServer.ts';
import {
  nameWorkstation,
  newSendStats,
  sendUntilAcknowledged,
  signInDesk,
  type SendStats,
} from './support/uploadClient.ts';

const TRIALS = countFromEnv('CIRCA_FAULT_SEVERAL_TRIALS', 3);
/** Stored in each trial's first uploads, so processing is long under way when the kills come. */
const BACKLOG = countFromEnv('CIRCA_FAULT_SEVERAL_BACKLOG', 8_000);
const APP_SERVERS = 3;
const OFFLINE_DESKS = 4;
const ONLINE_DESKS = 2;
/** After its share of the backlog, each offline desk sends this many more, in small batches. */
const TAIL_PER_DESK = 400;
const ONLINE_ITEMS_PER_TRIAL = 200;
const DEADLINE_MS = 120_000;
/** Polling the database for the moment to kill: often, as a 2,000-row batch takes a fraction of a second. */
const WATCH_INTERVAL_MS = 2;
/** Longest the trial looks for a server storing an upload before killing a non-processing one anyway. */
const STORING_WATCH_MS = 3_000;
const DAY_MS = 86_400_000;

const nginxPath = findNginx();
const runnable =
  nginxPath !== null && postgresBinDir() !== null && TEST_ENGINES.includes('postgres');
if (!runnable) {
  console.log(
    '[faults] several app servers: SKIPPED, ' +
      (nginxPath === null
        ? 'nginx is not installed (`apt-get install nginx`; .ci/run installs it).'
        : 'PostgreSQL is not among CIRCA_TEST_ENGINES or its server binaries are missing.'),
  );
}

interface AppServer {
  name: string;
  server: CircaServer;
  alive: boolean;
}

interface TrialFigures {
  result: SetCheckResult;
  storingKill: boolean;
  /** Uploads under way at the first killed server when it died (nginx's error log). */
  uploadsInterrupted: number;
  pendingAtProcessingKill: number;
  /** Servers seen holding the processing lock after both kills. */
  holdersAfter: Set<string>;
  online: OnlineFigures;
  sessionsChecked: number;
  signInsOnKilledServers: number;
  /** Uploads nginx sent on to another server after the first broke off (access log). */
  uploadsSentOn: number;
  stats: SendStats;
}

describe.runIf(runnable)('several app servers behind nginx, two of them SIGKILLed', () => {
  const seed = faultSeed();
  const rng = createRng(seed);
  let cluster: PrivatePostgres;
  let database: DatabaseHandle;
  let library: FaultLibrary;

  beforeAll(async () => {
    console.log(`[faults] several app servers: seed ${seed} (CIRCA_FAULT_SEED=${seed})`);
    cluster = await startPrivatePostgres();
    database = connectDatabase(cluster.url);
    await migrateToLatest(database.db);
    library = await buildFaultLibrary(database.db);
  }, 120_000);

  afterAll(async () => {
    await database?.close();
    cluster?.dispose();
  });

  it('passes the proxy’s scheme and believes only the proxy', async () => {
    const [app] = await startAppServers(1);
    const nginx = await startProxy(app!);
    try {
      // A client claiming HTTPS through the proxy is not believed: nginx says what it saw (http).
      const viaProxy = await signInRaw(nginx.url, { 'x-forwarded-proto': 'https' });
      expect(viaProxy.status).toBe(200);
      expect(viaProxy.cookie).not.toMatch(/;\s*secure/i);
      // The same header from the proxy's own address is believed: TRUST_PROXY is set.
      const fromProxyAddress = await signInRaw(app!.server.url, { 'x-forwarded-proto': 'https' });
      expect(fromProxyAddress.cookie).toMatch(/;\s*secure/i);
    } finally {
      await nginx.dispose();
      await app!.server.dispose();
    }
  });

  it(
    `keeps every transaction and loan exactly once over ${TRIALS} trials`,
    { timeout: 0 },
    async () => {
      const started = Date.now();
      let total = EMPTY_RESULT;
      const figures: TrialFigures[] = [];
      for (let trial = 1; trial <= TRIALS; trial += 1) {
        const f = await runTrial(trial);
        if (f.result.examples.length > 0) {
          console.log(`[faults] several servers, trial ${trial}: ${f.result.examples.join('; ')}`);
        }
        figures.push(f);
        total = addResults(total, f.result);
      }
      const sum = (pick: (f: TrialFigures) => number) => figures.reduce((n, f) => n + pick(f), 0);
      const holders = new Set(figures.flatMap((f) => [...f.holdersAfter]));
      console.log(
        `[faults] several app servers: trials ${TRIALS}, kills ${2 * TRIALS} ` +
          `(${TRIALS} mid-upload: ${sum((f) => f.uploadsInterrupted)} uploads under way at the killed server, ` +
          `${sum((f) => (f.storingKill ? 1 : 0))} killed while storing one; ${TRIALS} mid-processing holding ` +
          `the lock with ${figures.map((f) => f.pendingAtProcessingKill).join(', ')} pending), ` +
          `transactions checked ${total.checked}, lost ${total.lost}, duplicated ${total.duplicated}, ` +
          `unexpected ${total.unexpected}, acknowledged-not-stored ${total.acknowledgedNotStored}, ` +
          `unprocessed ${total.unprocessed}, inconsistent ${total.inconsistent}; ` +
          `uploads ${sum((f) => f.stats.attempts)} (${sum((f) => f.uploadsSentOn)} sent on to another server by nginx, ` +
          `${sum((f) => f.stats.failures)} failed and resent by the desks); ` +
          `online check-outs ${sum((f) => f.online.lent)} lent (all loans), ` +
          `${sum((f) => f.online.unanswered)} unanswered (${sum((f) => f.online.unansweredButLent)} of them lent, none twice), ` +
          `${sum((f) => f.online.refused)} refused; sessions checked after the kills ${sum((f) => f.sessionsChecked)} ` +
          `(${sum((f) => f.signInsOnKilledServers)} signed in on a server later killed), all kept; ` +
          `processing after the kills by ${[...holders].join(', ') || 'no one seen'}; ` +
          `${((Date.now() - started) / 1000).toFixed(1)} s, seed ${seed}`,
      );
      expect(total).toMatchObject({
        checked: TRIALS * (BACKLOG + OFFLINE_DESKS * TAIL_PER_DESK),
        lost: 0,
        duplicated: 0,
        unexpected: 0,
        acknowledgedNotStored: 0,
        unprocessed: 0,
        inconsistent: 0,
      });
      expect(isClean(total)).toBe(true);
      for (const f of figures) {
        // The kills must really have landed where they were aimed, or they prove nothing.
        expect(f.uploadsInterrupted).toBeGreaterThan(0);
        expect(f.pendingAtProcessingKill).toBeGreaterThan(0);
        expect(f.online.refused).toBe(0);
        expect(f.online.lent).toBeGreaterThan(0);
        // Sessions signed in on a server that then died kept working on the one left.
        expect(f.signInsOnKilledServers).toBeGreaterThan(0);
      }
    },
  );

  /** A sign-in as the trial's supervisor, returning its Set-Cookie as sent. */
  async function signInRaw(
    baseUrl: string,
    headers: Record<string, string>,
  ): Promise<{ status: number; cookie: string }> {
    const response = await fetch(`${baseUrl}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({
        username: library.staff.username,
        password: library.staff.password,
      }),
    });
    await response.body?.cancel();
    return { status: response.status, cookie: response.headers.getSetCookie().join('\n') };
  }

  async function startAppServers(count: number): Promise<AppServer[]> {
    return Promise.all(
      Array.from({ length: count }, async (_, k) => {
        const name = `${APP_SERVER_NAME_PREFIX}${k + 1}`;
        // Each server names its database connections, so the trial can see which holds the lock.
        const server = await startTrialServer(namedDatabaseUrl(cluster.url, name), {
          TRUST_PROXY: '127.0.0.1',
        });
        return { name, server, alive: true };
      }),
    );
  }

  async function runTrial(trial: number): Promise<TrialFigures> {
    const db = database.db;
    const offlineNames = Array.from({ length: OFFLINE_DESKS }, (_, k) => `S${trial}-DESK-${k + 1}`);
    const onlineNames = Array.from({ length: ONLINE_DESKS }, (_, k) => `S${trial}-ONLINE-${k + 1}`);
    const workstationIds = await addWorkstations(db, library, [...offlineNames, ...onlineNames]);
    const stock = await buildOnlineStock(db, library, {
      patrons: 4,
      items: ONLINE_ITEMS_PER_TRIAL,
    });
    const desks = recordOutage({
      rng,
      library,
      workstations: offlineNames,
      count: BACKLOG + OFFLINE_DESKS * TAIL_PER_DESK,
      startMs: OUTAGE_START_MS + trial * DAY_MS,
      checkOutsOnly: true,
    });
    const plans = desks.map((desk) => planUploads(rng, desk.transactions));
    const trialStarted = Date.now();
    const apps = await startAppServers(APP_SERVERS);
    const serversUp = Date.now();
    const nginx = await startProxy(...apps);
    const deadline = Date.now() + DEADLINE_MS;
    try {
      const signIn = (workstation: string) =>
        signInDesk({
          baseUrl: nginx.url,
          username: library.staff.username,
          password: library.staff.password,
          workstation,
          deadline,
        });
      const offlineSessions = await Promise.all(offlineNames.map((name) => signIn(name)));
      const onlineSessions = await Promise.all(onlineNames.map((name) => signIn(name)));
      await Promise.all(
        offlineSessions.map((session, k) =>
          nameWorkstation({ session, name: offlineNames[k]!, deadline }),
        ),
      );

      const stats = newSendStats();
      const acknowledged = new Set<string>();
      const offlineDone = new AbortController();
      const sending = Promise.all(
        plans.map(async (plan, k) => {
          for (const step of plan) {
            const ack = await sendUntilAcknowledged({
              session: offlineSessions[k]!,
              transactions: step.batch,
              stats,
              deadline,
            });
            expect(ack.result.stored + ack.result.duplicates).toBe(step.batch.length);
            for (const t of step.batch) acknowledged.add(t.id);
            await sleep(step.pauseMs);
          }
        }),
      ).finally(() => offlineDone.abort());
      const lending = lendUntil(onlineSessions, stock, rng, offlineDone.signal);
      const killing = killTwo(db, apps, offlineNames, stats, rng);

      const kills = await killing;
      await sending;
      const attempts = await lending;
      const acknowledgedAt = Date.now();
      await waitUntilProcessed(db, offlineNames);
      console.log(
        `[faults] several servers, trial ${trial}: servers up in ${secondsBetween(trialStarted, serversUp)} s, ` +
          `desks acknowledged ${secondsBetween(serversUp, acknowledgedAt)} s later, ` +
          `all processed ${secondsBetween(acknowledgedAt, Date.now())} s after that`,
      );

      const sessionsChecked = [...offlineSessions, ...onlineSessions];
      for (const session of sessionsChecked) expect(await sessionStatus(session)).toBe(200);
      expect(apps.filter((a) => a.alive)).toHaveLength(APP_SERVERS - 2);
      // Never restarted: the processing above was done by the server left.
      for (const dead of apps.filter((a) => !a.alive)) {
        await expect(fetch(`${dead.server.url}/api/health`)).rejects.toThrow('fetch failed');
      }

      const access = nginx.accessLog();
      const killedPorts = apps.filter((a) => !a.alive).map((a) => a.server.port);
      const signInsOnKilledServers = requestsTo(
        access,
        { method: 'POST', path: '/api/session' },
        killedPorts,
      );

      const result = await checkTrialDesks(
        db,
        offlineNames,
        offlineNames.map((name) => workstationIds.get(name)!),
        desks.flatMap((d) => d.transactions),
        acknowledged,
      );
      const online = await checkOnlineLoans(db, stock, attempts);
      return {
        result,
        storingKill: kills.storingKill,
        uploadsInterrupted: interruptedUploads(nginx.errorLog(), kills.uploadKilledPort),
        pendingAtProcessingKill: kills.pendingAtProcessingKill,
        holdersAfter: kills.holdersAfter,
        online,
        sessionsChecked: sessionsChecked.length,
        signInsOnKilledServers,
        uploadsSentOn: uploadsSentOn(access),
        stats,
      };
    } catch (error) {
      console.log(`[faults] trial ${trial}: nginx errors:\n${nginx.errorLog().slice(-4000)}`);
      for (const a of apps)
        console.log(`[faults] ${a.name} said:\n${a.server.output().slice(-2000)}`);
      throw error;
    } finally {
      await nginx.dispose();
      await Promise.all(apps.map((a) => a.server.dispose()));
    }
  }
});

async function startProxy(...apps: AppServer[]): Promise<RunningNginx> {
  const port = await freePort();
  return runNginx({
    appServers: apps.map((a) => ({ host: '127.0.0.1', port: a.server.port })),
    host: '127.0.0.1',
    port,
    ...(nginxPath ? { nginxPath } : {}),
  });
}

/**
 * Kills one server while it stores an upload (not the one processing), then the one holding the
 * processing lock while work is pending; then watches who processes the rest.
 */
async function killTwo(
  db: Kysely<Database>,
  apps: AppServer[],
  workstations: string[],
  stats: SendStats,
  rng: Rng,
) {
  const byName = (name: string | null) => apps.find((a) => a.name === name && a.alive) ?? null;
  const deadline = Date.now() + DEADLINE_MS;
  // Wait until the backlog is stored and being processed.
  while ((await lockHolder(db)) === null || (await pendingCount(db, workstations)) === 0) {
    if (Date.now() > deadline) throw new Error('Processing of the backlog never started.');
    await sleep(WATCH_INTERVAL_MS);
  }
  await sleep(rng.int(0, 100));

  // Mid-upload: a server (not the one processing) whose connection is storing an upload; failing
  // that, one whose upload waits for its answer behind the processing lock.
  let uploadTarget: AppServer | null = null;
  let storingKill = false;
  const storingDeadline = Date.now() + STORING_WATCH_MS;
  while (uploadTarget === null) {
    const holder = await lockHolder(db);
    const storing = (await serversStoringUploads(db)).filter((name) => name !== holder);
    uploadTarget = byName(storing[0] ?? null);
    storingKill = uploadTarget !== null;
    if (uploadTarget === null && Date.now() > storingDeadline && stats.inFlight > 0) {
      const waiting = (await serversWaitingForLock(db)).filter((name) => name !== holder);
      uploadTarget =
        byName(waiting[0] ?? null) ?? apps.find((a) => a.alive && a.name !== holder) ?? null;
    }
    if (uploadTarget === null) await sleep(WATCH_INTERVAL_MS);
  }
  await uploadTarget.server.kill();
  uploadTarget.alive = false;

  // Mid-processing: whoever holds the processing lock now, with work still pending.
  await sleep(rng.int(0, 200));
  let processingTarget: AppServer | null = null;
  let pendingAtProcessingKill = 0;
  while (processingTarget === null) {
    if (Date.now() > deadline) throw new Error('No live server was seen processing.');
    const holder = byName(await lockHolder(db));
    const pending = await pendingCount(db, workstations);
    if (holder && pending > 0) {
      processingTarget = holder;
      pendingAtProcessingKill = pending;
    } else {
      await sleep(WATCH_INTERVAL_MS);
    }
  }
  await processingTarget.server.kill();
  processingTarget.alive = false;

  const holdersAfter = new Set<string>();
  while ((await pendingCount(db, workstations)) > 0 && Date.now() < deadline) {
    const holder = await lockHolder(db);
    if (holder) holdersAfter.add(holder);
    await sleep(WATCH_INTERVAL_MS);
  }
  return {
    uploadKilledPort: uploadTarget.server.port,
    storingKill,
    pendingAtProcessingKill,
    holdersAfter,
  };
}

function secondsBetween(from: number, to: number): string {
  return ((to - from) / 1000).toFixed(1);
}

interface UploadStep {
  batch: OfflineTransaction[];
  pauseMs: number;
}

/** Its share of the backlog in one upload, then the rest in batches of 10–60 as scans come in. */
function planUploads(rng: Rng, transactions: readonly OfflineTransaction[]): UploadStep[] {
  const backlogShare = transactions.length - TAIL_PER_DESK;
  const steps: UploadStep[] = [{ batch: transactions.slice(0, backlogShare), pauseMs: 0 }];
  for (let i = backlogShare; i < transactions.length;) {
    const size = rng.int(10, 60);
    steps.push({ batch: transactions.slice(i, i + size), pauseMs: rng.int(20, 120) });
    i += size;
  }
  return steps;
}

async function pendingCount(db: Kysely<Database>, workstations: string[]): Promise<number> {
  const row = await db
    .selectFrom('offline_transactions')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('workstation', 'in', workstations)
    .where('status', '=', 'pending')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function waitUntilProcessed(db: Kysely<Database>, workstations: string[]): Promise<void> {
  const deadline = Date.now() + DEADLINE_MS;
  while ((await pendingCount(db, workstations)) > 0) {
    if (Date.now() > deadline) throw new Error('The servers left never finished processing.');
    await sleep(100);
  }
}
