// Jepsen-style set test: desks upload offline transactions over HTTP to the real server while it is
// SIGKILLed at random moments (mid-upload, mid-processing) and restarted; each desk resends what was
// not acknowledged. Afterwards every generated transaction must be stored once and processed once
// (one loan per applied check-out), and nothing acknowledged may be missing.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Kysely } from 'kysely';
import { describe, it, type ExpectStatic } from 'vitest';
import type { CircaServer } from '../e2e/support/server.ts';
import type { Database } from '../src/server/db/schema.ts';
import { OUTAGE_START_MS } from '../src/server/offline/fixtures.testing.ts';
import { receiveOfflineUpload } from '../src/server/offline/receive.ts';
import type { OfflineTransaction } from '../src/shared/offline/transaction.ts';
import type { Engine } from '../src/server/db/connect.ts';
import {
  openTestDatabase,
  TEST_ENGINES,
  type TestDatabase,
} from '../src/server/testing/engines.ts';
import { addWorkstations, buildFaultLibrary, type FaultLibrary } from './support/library.ts';
import { countFromEnv, createRng, faultSeed, type Rng } from './support/rng.ts';
import { addResults, EMPTY_RESULT, type SetCheckResult } from './support/setCheck.ts';
import { recordOutage } from './support/transactions.ts';
import { checkTrialDesks } from './support/trialCheck.ts';
import { startTrialServer } from './support/trialServer.ts';
import {
  newSendStats,
  sendUntilAcknowledged,
  nameWorkstation,
  signInDesk,
  type DeskSession,
  type SendStats,
} from './support/uploadClient.ts';

const TRIALS = countFromEnv('CIRCA_FAULT_TRIALS', 20);
const TRANSACTIONS_PER_TRIAL = countFromEnv('CIRCA_FAULT_TRANSACTIONS', 300);
const DESKS = 4;
const MAX_KILLS_PER_TRIAL = 2;
/** A timed kill lands within this long after the trial starts or the server comes back. */
const MAX_KILL_DELAY_MS = 400;
/**
 * A kill aimed at an upload lands this long after a request goes out: while it is parsed, stored,
 * processed or answered (a request of this size takes some tens of milliseconds here).
 */
const MAX_KILL_AFTER_SEND_MS = 40;
/** A trial whose desks are still not acknowledged after this has found a hang. */
const TRIAL_DEADLINE_MS = 90_000;
/** Processing left pending must finish within this once every upload is acknowledged. */
const SETTLE_TIMEOUT_MS = 20_000;
const DAY_MS = 86_400_000;

interface KillRecord {
  /** Uploads were under way when the server died. */
  duringUpload: boolean;
  /** Stored transactions were still unprocessed right after the kill. */
  leftPending: boolean;
}

interface EngineRun {
  database: TestDatabase;
  library: FaultLibrary;
  server: CircaServer;
  /** One signed-in session per desk; sessions live in the database, so they survive restarts. */
  sessions: DeskSession[];
}

async function startEngineRun(engine: Engine): Promise<EngineRun> {
  const database = await openTestDatabase(engine);
  const library = await buildFaultLibrary(database.db);
  const server = await startTrialServer(database.url);
  const deadline = Date.now() + TRIAL_DEADLINE_MS;
  const sessions = await Promise.all(
    Array.from({ length: DESKS }, (_, k) =>
      signInDesk({
        baseUrl: server.url,
        username: library.staff.username,
        password: library.staff.password,
        workstation: `FAULT-CLIENT-${k + 1}`,
        deadline,
      }),
    ),
  );
  return { database, library, server, sessions };
}

// The engines run side by side: each has its own server, database and desks, and most of a
// trial is spent waiting for a restarted server, so the whole file takes about as long as one.
describe.concurrent('server SIGKILLed during uploads and processing', () => {
  for (const engine of TEST_ENGINES) {
    it(
      `keeps every transaction exactly once over ${TRIALS} trials [${engine}]`,
      { timeout: 0 },
      async ({ expect }) => {
        const seed = faultSeed();
        const run = await startEngineRun(engine);
        let outcome: TrialsOutcome;
        let resumed: SetCheckResult;
        try {
          outcome = await trials(engine, seed, run, expect);
          resumed = await resumeOnRestart(engine, createRng(seed + 1), run);
        } finally {
          await run.server.dispose();
          await run.database.dispose();
        }
        expect(outcome.total).toMatchObject({
          checked: TRIALS * TRANSACTIONS_PER_TRIAL,
          lost: 0,
          duplicated: 0,
          unexpected: 0,
          acknowledgedNotStored: 0,
          unprocessed: 0,
          inconsistent: 0,
        });
        // The kills must really have interrupted uploads and processing, or they prove nothing.
        expect(outcome.duringUpload).toBeGreaterThan(0);
        expect(outcome.leftPending).toBeGreaterThan(0);
        expect(resumed).toMatchObject({ lost: 0, duplicated: 0, unprocessed: 0, inconsistent: 0 });
      },
    );
  }
});

/**
 * Work stored but left pending by a crash is processed when the server starts again, with no
 * upload to set it off: the server is killed, a backlog is stored as an interrupted upload leaves
 * it, and the restarted server alone must process all of it.
 */
async function resumeOnRestart(engine: Engine, rng: Rng, run: EngineRun): Promise<SetCheckResult> {
  const db = run.database.db;
  const workstations = ['RESUME-DESK-1', 'RESUME-DESK-2'];
  const workstationIds = await addWorkstations(db, run.library, workstations);
  const desks = recordOutage({
    rng,
    library: run.library,
    workstations,
    count: TRANSACTIONS_PER_TRIAL,
    startMs: OUTAGE_START_MS,
  });
  const transactions = desks.flatMap((d) => d.transactions);
  const staff = await db
    .selectFrom('staff_users')
    .select('id')
    .where('username', '=', run.library.staff.username)
    .executeTakeFirstOrThrow();
  await run.server.kill();
  await receiveOfflineUpload({
    db,
    actor: { user: { id: staff.id } },
    source: 'client',
    transactions,
    now: Date.now(),
  });
  const started = Date.now();
  await restart(run.server);
  await waitUntilProcessed(db, workstations);
  const result = await checkTrialDesks(
    db,
    workstations,
    [...workstationIds.values()],
    transactions,
    new Set(transactions.map((t) => t.id)),
  );
  console.log(
    `[faults] restart alone resumed pending work on ${engine}: ${result.checked} transactions, ` +
      `unprocessed ${result.unprocessed}, duplicated ${result.duplicated}, ` +
      `${((Date.now() - started) / 1000).toFixed(1)} s after the restart began`,
  );
  return result;
}

interface TrialsOutcome {
  total: SetCheckResult;
  /** Kills that landed while uploads were under way. */
  duringUpload: number;
  /** Kills that left stored transactions unprocessed. */
  leftPending: number;
}

async function trials(
  engine: Engine,
  seed: number,
  run: EngineRun,
  expect: ExpectStatic,
): Promise<TrialsOutcome> {
  console.log(`[faults] SIGKILL set test on ${engine}: seed ${seed} (CIRCA_FAULT_SEED=${seed})`);
  const rng = createRng(seed);
  const started = Date.now();
  let total: SetCheckResult = EMPTY_RESULT;
  const kills: KillRecord[] = [];
  const stats = newSendStats();
  for (let trial = 1; trial <= TRIALS; trial += 1) {
    const outcome = await runTrial({ run, trial, rng, stats, kills, expect });
    if (outcome.examples.length > 0) {
      console.log(`[faults] trial ${trial} on ${engine}: ${outcome.examples.join('; ')}`);
    }
    total = addResults(total, outcome);
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const duringUpload = kills.filter((k) => k.duringUpload).length;
  const leftPending = kills.filter((k) => k.leftPending).length;
  console.log(
    `[faults] SIGKILL set test on ${engine}: trials ${TRIALS}, kills ${kills.length} ` +
      `(${duringUpload} mid-upload, ${leftPending} with work unprocessed), ` +
      `transactions checked ${total.checked}, lost ${total.lost}, duplicated ${total.duplicated}, ` +
      `unexpected ${total.unexpected}, acknowledged-not-stored ${total.acknowledgedNotStored}, ` +
      `unprocessed ${total.unprocessed}, inconsistent ${total.inconsistent}; ` +
      `uploads ${stats.attempts} (${stats.failures} failed and resent) in ${seconds} s, seed ${seed}`,
  );
  return { total, duringUpload, leftPending };
}

async function runTrial(props: {
  run: EngineRun;
  trial: number;
  rng: Rng;
  stats: SendStats;
  kills: KillRecord[];
  expect: ExpectStatic;
}): Promise<SetCheckResult> {
  const { run, trial, rng, stats, expect } = props;
  const { library, server, sessions } = run;
  const db = run.database.db;
  const workstations = Array.from({ length: DESKS }, (_, k) => `T${trial}-DESK-${k + 1}`);
  const workstationIds = await addWorkstations(db, library, workstations);
  const desks = recordOutage({
    rng,
    library,
    workstations,
    count: TRANSACTIONS_PER_TRIAL,
    startMs: OUTAGE_START_MS + trial * DAY_MS,
    checkOutsOnly: true,
  });
  // The whole schedule comes from the seed before anything runs, so a seed replays it.
  const plans = desks.map((desk) => planUploads(rng, desk.transactions));
  const killPlan: KillMoment[] = Array.from({ length: rng.int(1, MAX_KILLS_PER_TRIAL) }, () =>
    rng.chance(0.5)
      ? { kind: 'timed', delayMs: rng.int(0, MAX_KILL_DELAY_MS) }
      : { kind: 'afterSend', delayMs: rng.int(0, MAX_KILL_AFTER_SEND_MS) },
  );
  let nextSend = signal();

  const acknowledged = new Set<string>();
  const deadline = Date.now() + TRIAL_DEADLINE_MS;
  const desksDone = new AbortController();
  const sending = Promise.all(
    plans.map(async (plan, k) => {
      // A desk sends only what it recorded itself.
      await nameWorkstation({ session: sessions[k]!, name: workstations[k]!, deadline });
      for (const step of plan) {
        const ack = await sendUntilAcknowledged({
          session: sessions[k]!,
          transactions: step.batch,
          stats,
          deadline,
          onSend: () => nextSend.resolve(),
        });
        expect(ack.result.stored + ack.result.duplicates).toBe(step.batch.length);
        for (const t of step.batch) acknowledged.add(t.id);
        await sleep(step.pauseMs);
      }
    }),
  ).finally(() => desksDone.abort());

  const killing = (async () => {
    const stopped = new Promise<'done'>((resolve) =>
      desksDone.signal.addEventListener('abort', () => resolve('done')),
    );
    for (const moment of killPlan) {
      if (moment.kind === 'afterSend') {
        nextSend = signal();
        if ((await Promise.race([nextSend.promise, stopped])) === 'done') return;
      }
      try {
        await sleep(moment.delayMs, undefined, { signal: desksDone.signal });
      } catch {
        return; // Every desk is acknowledged: nothing left to interrupt.
      }
      const duringUpload = stats.inFlight > 0;
      await server.kill();
      const leftPending = (await pendingCount(db, workstations)) > 0;
      props.kills.push({ duringUpload, leftPending });
      await restart(server);
    }
  })();

  await Promise.all([sending, killing]);
  await waitUntilProcessed(db, workstations);

  return checkTrialDesks(
    db,
    workstations,
    [...workstationIds.values()],
    desks.flatMap((d) => d.transactions),
    acknowledged,
  );
}

/** When to kill: some time after the trial (re)starts, or just after a request goes out. */
type KillMoment = { kind: 'timed'; delayMs: number } | { kind: 'afterSend'; delayMs: number };

interface UploadStep {
  batch: OfflineTransaction[];
  /** Before the next send, as scans accumulate between presses of "Send now". */
  pauseMs: number;
}

/**
 * A desk sends its transactions in order, in batches of 5–60; now and then it sends an earlier
 * batch again (a backup file uploaded after a direct send), which must change nothing.
 */
function planUploads(rng: Rng, transactions: readonly OfflineTransaction[]): UploadStep[] {
  const steps: UploadStep[] = [];
  for (let i = 0; i < transactions.length;) {
    const size = rng.int(5, 60);
    steps.push({ batch: transactions.slice(i, i + size), pauseMs: rng.int(0, 30) });
    i += size;
    if (steps.length > 1 && rng.chance(0.1)) {
      steps.push({ batch: rng.pick(steps.slice(0, -1)).batch, pauseMs: rng.int(0, 30) });
    }
  }
  return steps;
}

/**
 * Starts the killed server again. A start that fails (the shared PostgreSQL out of connections on
 * a busy machine, say) is printed with the server's output and tried twice more.
 */
async function restart(server: CircaServer): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await server.start();
      return;
    } catch (error) {
      if (attempt >= 3) throw error;
      console.log(`[faults] restart attempt ${attempt} failed, trying again: ${String(error)}`);
      await sleep(1_000);
    }
  }
}

/** A promise and the function that resolves it (Node 20 lacks Promise.withResolvers). */
function signal(): { promise: Promise<void>; resolve: () => void } {
  let resolve: (() => void) | undefined;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve: () => resolve?.() };
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

/** Every upload was answered after its processing run, unless a run failed: give stragglers time. */
async function waitUntilProcessed(db: Kysely<Database>, workstations: string[]): Promise<void> {
  const deadline = Date.now() + SETTLE_TIMEOUT_MS;
  while ((await pendingCount(db, workstations)) > 0 && Date.now() < deadline) await sleep(100);
}
