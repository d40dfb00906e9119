// The mixed load test (issue 6, "Load"): many workstations send their offline transactions at
// once while desks keep lending online, against the real server. It checks, like a set test, that
// every transaction sent is stored exactly once and processed to an outcome, that no request
// failed, and reports the desks' p99 during the load beside the same desks with the server idle.
import { loadavg } from 'node:os';
import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { OfflineUploadResult } from '../../src/shared/api/offline.ts';
import { OfflineTransaction } from '../../src/shared/offline/transaction.ts';
import type { Engine } from '../../src/server/db/connect.ts';
import type { Database } from '../../src/server/db/schema.ts';
import type { BenchModule, BenchResult } from '../support/types.ts';
import { startBenchServer, type BenchServer } from './benchServer.ts';
import { ratio, runCirculationLoad, shelfOf, type LoadFigures } from './circulationLoad.ts';
import { lendablePool, split, type LendablePool } from './demoPools.ts';
import { DEMO_DESK, signInDesks, type DeskSession } from './deskSessions.ts';

const DAY_MS = 86_400_000;
/** Items and patrons kept for the online desks; the offline workstations never touch them. */
const ONLINE_ITEMS = 2_000;
const ONLINE_PATRONS = 100;
/** Longest wait for the server to process everything after the last upload was answered. */
const PROCESSING_TIMEOUT_MS = 300_000;
const PROCESSING_POLL_MS = 200;
/** Workstation names of this test: LOAD-1, LOAD-2, … */
const WORKSTATION_PREFIX = 'LOAD';

export interface MixedLoadSize {
  workstations: number;
  transactionsPerWorkstation: number;
  onlineClients: number;
  /** The desks lend online this long while the uploads go in, and as long again beforehand, alone. */
  onlineSeconds: number;
}

export const FULL_SIZE: MixedLoadSize = {
  workstations: 50,
  transactionsPerWorkstation: 2_000,
  onlineClients: 20,
  onlineSeconds: 20,
};
export const SMOKE_SIZE: MixedLoadSize = {
  workstations: 4,
  transactionsPerWorkstation: 50,
  onlineClients: 2,
  onlineSeconds: 1,
};

/** What the run found: the set check's counts, request failures, and the desks' latencies. */
export interface MixedLoadOutcome {
  sent: number;
  /** Rows in offline_transactions from these workstations, and distinct ids among them. */
  storedRows: number;
  storedIds: number;
  missing: number;
  duplicated: number;
  unexpected: number;
  /** Still pending once processing was given PROCESSING_TIMEOUT_MS. */
  pending: number;
  statuses: Record<string, number>;
  /** Uploads not answered 200 with every transaction stored as new. */
  failedUploads: number;
  uploadFailureSamples: string[];
  /** From the first upload sent to the last one answered, and to nothing pending. */
  uploadSeconds: number;
  processedSeconds: number;
  alone: LoadFigures;
  underLoad: LoadFigures;
}

export const mixedLoad: BenchModule = {
  name: 'mixed-load',
  async run(ctx) {
    const results: BenchResult[] = [];
    for (const engine of ctx.engines) {
      const size = ctx.smoke ? SMOKE_SIZE : FULL_SIZE;
      const loadAtStart = loadavg()[0] ?? 0;
      const outcome = await runMixedLoad({ engine, postgresUrl: ctx.postgresUrl, size });
      results.push(toResult(engine, size, outcome, loadAtStart));
    }
    return results;
  },
};

export async function runMixedLoad(props: {
  engine: Engine;
  postgresUrl?: string | undefined;
  size: MixedLoadSize;
}): Promise<MixedLoadOutcome> {
  const { size } = props;
  let pool: LendablePool | undefined;
  const server = await startBenchServer({
    engine: props.engine,
    postgresUrl: props.postgresUrl,
    prepare: async (db) => {
      pool = await lendablePool(db);
    },
  });
  try {
    const online = {
      items: pool!.items.slice(0, ONLINE_ITEMS),
      patrons: pool!.patrons.slice(0, ONLINE_PATRONS),
    };
    const offline = {
      items: pool!.items.slice(ONLINE_ITEMS),
      patrons: pool!.patrons.slice(ONLINE_PATRONS),
    };
    const uploads = offlineOutboxes(offline, size);
    const sent = uploads.flat();
    const desks = await signInDesks(server.url, size.onlineClients, 'ONLINE-DESK');
    const senders = await signInDesks(server.url, size.workstations, WORKSTATION_PREFIX);
    const shelf = shelfOf(online);
    const lend = () =>
      runCirculationLoad({
        url: server.url,
        desks,
        shelf,
        connections: size.onlineClients,
        durationSeconds: size.onlineSeconds,
      });

    const alone = await lend();
    const started = performance.now();
    const lending = lend();
    const answers = await Promise.all(
      uploads.map((transactions, i) => send(server.url, senders[i]!, transactions)),
    );
    const uploadSeconds = (performance.now() - started) / 1000;
    const underLoad = await lending;
    const pendingLeft = await waitUntilProcessed(server, sent.length);
    const processedSeconds = (performance.now() - started) / 1000;
    const failures = answers.filter((a) => a !== null);
    return {
      ...(await setCheck(server, sent)),
      pending: pendingLeft,
      failedUploads: failures.length,
      uploadFailureSamples: failures.slice(0, 3) as string[],
      uploadSeconds: round(uploadSeconds),
      processedSeconds: round(processedSeconds),
      alone,
      underLoad,
    };
  } finally {
    await server.dispose();
  }
}

/**
 * Each workstation's outbox, as its offline client recorded it through an outage two days ago:
 * sequence numbers from 1, check-outs only (all a desk may send), over items and patrons of its
 * own; an item comes round again for another patron, so some loans pass between patrons.
 */
function offlineOutboxes(pool: LendablePool, size: MixedLoadSize): OfflineTransaction[][] {
  const itemsByStation = split(pool.items, size.workstations);
  const patronsByStation = split(pool.patrons, size.workstations);
  const outageStart = Date.now() - 2 * DAY_MS;
  return itemsByStation.map((items, w) => {
    const patrons = patronsByStation[w]!;
    if (items.length === 0 || patrons.length === 0) {
      throw new Error(`Too few items or patrons for ${size.workstations} workstations.`);
    }
    const common = (sequence: number) => ({
      id: uuidv7(),
      sequence,
      occurredAt: outageStart + sequence * 15_000 + w,
      clockOffsetMs: 0,
      workstation: `${WORKSTATION_PREFIX}-${w + 1}`,
      branchCode: 'MAIN',
      staffUsername: DEMO_DESK.username,
    });
    return Array.from({ length: size.transactionsPerWorkstation }, (_, k) => {
      const base = common(k + 1);
      const transaction = {
        ...base,
        type: 'check_out' as const,
        patronBarcode: patrons[k % patrons.length]!,
        itemBarcode: items[k % items.length]!,
        dueAt: base.occurredAt + 21 * DAY_MS,
        dueDateBasis: { kind: 'rule' as const, loanDays: 21 },
      };
      // The shared schema is the contract: a generator drifting from it fails here, not as a 400.
      return OfflineTransaction.parse(transaction);
    });
  });
}

/** Sends one outbox; null when every transaction was stored as new, else what went wrong. */
async function send(
  url: string,
  desk: DeskSession,
  transactions: OfflineTransaction[],
): Promise<string | null> {
  try {
    const response = await fetch(`${url}/api/offline/transactions`, {
      method: 'POST',
      headers: desk.headers,
      body: JSON.stringify({ transactions }),
    });
    const text = await response.text();
    if (response.status !== 200)
      return `${desk.workstation}: ${response.status} ${text.slice(0, 300)}`;
    const answer = OfflineUploadResult.parse(JSON.parse(text));
    if (answer.stored !== transactions.length || answer.duplicates !== 0) {
      return `${desk.workstation}: stored ${answer.stored} of ${transactions.length}, ${answer.duplicates} duplicates`;
    }
    return null;
  } catch (error) {
    return `${desk.workstation}: ${(error as Error).message}`;
  }
}

function ofThisTest(db: Kysely<Database>) {
  return db
    .selectFrom('offline_transactions')
    .where('workstation', 'like', `${WORKSTATION_PREFIX}-%`);
}

/** Waits until none of the sent transactions is pending; returns how many still are. */
async function waitUntilProcessed(server: BenchServer, sent: number): Promise<number> {
  const { db, close } = server.connect();
  try {
    const deadline = Date.now() + PROCESSING_TIMEOUT_MS;
    for (;;) {
      const { stored, pending } = await ofThisTest(db)
        .select((eb) => [
          eb.fn.countAll<number | string>().as('stored'),
          eb.fn
            .sum<number | string | null>(
              eb.case().when('status', '=', 'pending').then(1).else(0).end(),
            )
            .as('pending'),
        ])
        .executeTakeFirstOrThrow();
      const left = Number(pending ?? 0);
      if ((Number(stored) >= sent && left === 0) || Date.now() > deadline) return left;
      await new Promise((done) => setTimeout(done, PROCESSING_POLL_MS));
    }
  } finally {
    await close();
  }
}

/** Compares what is stored with what was sent, by id: lost, duplicated and unexpected. */
async function setCheck(server: BenchServer, sent: readonly OfflineTransaction[]) {
  const { db, close } = server.connect();
  try {
    const rows = await ofThisTest(db).select(['id', 'status']).execute();
    const sentIds = new Set(sent.map((t) => t.id));
    const seen = new Map<string, number>();
    const statuses: Record<string, number> = {};
    for (const row of rows) {
      seen.set(row.id, (seen.get(row.id) ?? 0) + 1);
      statuses[row.status] = (statuses[row.status] ?? 0) + 1;
    }
    return {
      sent: sent.length,
      storedRows: rows.length,
      storedIds: seen.size,
      missing: [...sentIds].filter((id) => !seen.has(id)).length,
      duplicated: [...seen.values()].filter((n) => n > 1).length,
      unexpected: [...seen.keys()].filter((id) => !sentIds.has(id)).length,
      statuses,
    };
  } finally {
    await close();
  }
}

function toResult(
  engine: Engine,
  size: MixedLoadSize,
  outcome: MixedLoadOutcome,
  loadAtStart: number,
): BenchResult {
  const { alone, underLoad } = outcome;
  const clean =
    outcome.missing === 0 &&
    outcome.duplicated === 0 &&
    outcome.unexpected === 0 &&
    outcome.pending === 0 &&
    outcome.storedIds === outcome.sent &&
    outcome.failedUploads === 0 &&
    alone.failures === 0 &&
    underLoad.failures === 0;
  const problems = [
    ...outcome.uploadFailureSamples,
    ...alone.failureSamples,
    ...underLoad.failureSamples,
  ];
  return {
    name: 'mixed-load',
    engine,
    figures: {
      workstations: size.workstations,
      sent: outcome.sent,
      storedIds: outcome.storedIds,
      missing: outcome.missing,
      duplicated: outcome.duplicated,
      unexpected: outcome.unexpected,
      pending: outcome.pending,
      exceptions: outcome.statuses['exception'] ?? 0,
      failedUploads: outcome.failedUploads,
      uploadSeconds: outcome.uploadSeconds,
      processedSeconds: outcome.processedSeconds,
      onlineFailures: underLoad.failures,
      onlineReqPerSec: underLoad.requestsPerSecond,
      onlineP50Ms: underLoad.p50Ms,
      onlineP99Ms: underLoad.p99Ms,
    },
    baseline: {
      name: `the same ${size.onlineClients} desks with no uploads`,
      figures: {
        onlineFailures: alone.failures,
        onlineReqPerSec: alone.requestsPerSecond,
        onlineP50Ms: alone.p50Ms,
        onlineP99Ms: alone.p99Ms,
      },
    },
    ratios: {
      onlineP99Ms: ratio(underLoad.p99Ms, alone.p99Ms),
      onlineReqPerSec: ratio(underLoad.requestsPerSecond, alone.requestsPerSecond),
    },
    goal: {
      text: 'every transaction stored exactly once and processed, no failed upload or online request',
      met: clean,
    },
    notes: [
      `${size.workstations} workstations × ${size.transactionsPerWorkstation} offline check-outs sent at once while ${size.onlineClients} desks lend online for ${size.onlineSeconds} s.`,
      `Outcomes: ${Object.entries(outcome.statuses)
        .map(([status, n]) => `${status} ${n}`)
        .join(', ')}.`,
      `Load average when it started: ${loadAtStart.toFixed(2)}.`,
      ...(problems.length > 0 ? [`Problems: ${problems.join(' | ')}`] : []),
    ].join(' '),
  };
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
