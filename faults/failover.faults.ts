// A database failover that loses nothing (issue 16): a PostgreSQL primary and a streaming standby,
// the app servers reaching "the database" through a switchable endpoint. Workstations send offline
// uploads and desks lend online; mid-send and mid-processing the primary is SIGKILLed, the standby
// promoted and the endpoint switched, with the app servers left running (their pools must recover).
// Synchronous replication (the documented setting): nothing acknowledged is missing after the
// failover, so nothing is sent again. Asynchronous, with the standby held back: what the old
// primary acknowledged but never shipped is found by the workstations' reports and sent again from
// what they keep (they delete only what an answer the standbys had caught up with confirmed).
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import type { CircaServer } from '../e2e/support/server.ts';
import { CSRF_HEADER } from '../src/shared/api/session.ts';
import { connectDatabase, type DatabaseHandle } from '../src/server/db/connect.ts';
import { migrateToLatest } from '../src/server/db/migrate.ts';
import { OUTAGE_START_MS } from '../src/server/offline/fixtures.testing.ts';
import { receiveOfflineUpload } from '../src/server/offline/receive.ts';
import { standbysHaveCaughtUp } from '../src/server/db/standbys.ts';
import { TEST_ENGINES } from '../src/server/testing/engines.ts';
import { buildItem, buildLoanRule } from '../src/server/testing/factories.ts';
import {
  acknowledgedSentAfter,
  createFailoverDesk,
  sendUntilConfirmed,
  unconfirmedSent,
  type FailoverDesk,
} from './support/failoverDesk.ts';
import { addWorkstations, buildFaultLibrary, type FaultLibrary } from './support/library.ts';
import { startReplicatedPostgres, type ReplicatedPostgres } from './support/replicatedPostgres.ts';
import { countFromEnv, createRng, faultSeed, type Rng } from './support/rng.ts';
import { checkTransactionSet } from './support/setCheck.ts';
import { itemsOpenTwice } from './support/trialCheck.ts';
import { startTcpProxy, type TcpProxy } from './support/tcpProxy.ts';
import { recordOutage } from './support/transactions.ts';
import { startTrialServer } from './support/trialServer.ts';
import {
  nameWorkstation,
  newSendStats,
  signInDesk,
  type DeskSession,
} from './support/uploadClient.ts';

const OFFLINE_DESKS = 4;
const ONLINE_DESKS = 2;
const TRANSACTIONS = countFromEnv('CIRCA_FAULT_FAILOVER_TRANSACTIONS', 400);
/** A supervisor's files stored just before the fault, so processing is under way when it comes. */
const BACKLOG = countFromEnv('CIRCA_FAULT_FAILOVER_BACKLOG', 5_000);
const BACKLOG_DESKS = 2;
const BATCH_SIZE = 8;
const ONLINE_ITEMS = 150;
/** Acknowledged by the old primary after the replication link was cut, before it is killed. */
const UNSHIPPED_AT_LEAST = 8;
/** How long the database is gone between the kill and the switch to the promoted standby. */
const OUTAGE_MS = 1_000;
const DEADLINE_MS = 180_000;
const CHECK_OUT_TIMEOUT_MS = 10_000;

interface OnlineLoan {
  loanId: number;
  itemId: number;
  /** Acknowledged after the replication link was cut (asynchronous trial only). */
  afterCut: boolean;
}

interface Trial {
  cluster: ReplicatedPostgres;
  endpoint: TcpProxy;
  database: DatabaseHandle;
  servers: CircaServer[];
}

describe.runIf(TEST_ENGINES.includes('postgres'))('PostgreSQL failover to a standby', () => {
  let trial: Partial<Trial> = {};

  afterEach(async () => {
    await Promise.all((trial.servers ?? []).map((s) => s.dispose()));
    await trial.database?.close();
    await trial.endpoint?.dispose();
    await trial.cluster?.dispose();
    trial = {};
  });

  async function failover(synchronous: boolean) {
    const seed = faultSeed();
    const rng = createRng(seed);
    const mode = synchronous ? 'synchronous' : 'asynchronous';
    console.log(`[faults] failover (${mode}): seed ${seed} (CIRCA_FAULT_SEED=${seed})`);
    const started = Date.now();
    const deadline = started + DEADLINE_MS;

    const cluster = await startReplicatedPostgres({ synchronous });
    trial.cluster = cluster;
    const endpoint = await startTcpProxy(cluster.primary.port);
    trial.endpoint = endpoint;
    const databaseUrl = `postgres://postgres@127.0.0.1:${endpoint.port}/postgres`;
    const database = connectDatabase(databaseUrl);
    trial.database = database;
    await migrateToLatest(database.db);
    const library = await buildFaultLibrary(database.db);
    const onlineItems = await onlineItemsOf(database, library);
    const servers = await Promise.all([
      startTrialServer(databaseUrl),
      startTrialServer(databaseUrl),
    ]);
    trial.servers = servers;

    const deskNames = Array.from({ length: OFFLINE_DESKS }, (_, k) => `FAILOVER-DESK-${k + 1}`);
    const backlogNames = Array.from({ length: BACKLOG_DESKS }, (_, k) => `FAILOVER-FILE-${k + 1}`);
    const workstations = [...deskNames, ...backlogNames];
    const workstationIds = await addWorkstations(database.db, library, workstations);
    const backlog = recordOutage({
      rng,
      library,
      workstations: backlogNames,
      count: BACKLOG,
      startMs: OUTAGE_START_MS,
    }).flatMap((d) => d.transactions);
    const recorded = recordOutage({
      rng,
      library,
      workstations: deskNames,
      count: TRANSACTIONS,
      startMs: OUTAGE_START_MS,
      checkOutsOnly: true,
    });
    const desks: FailoverDesk[] = await Promise.all(
      recorded.map(async ({ workstation, transactions }, k) => {
        const session = await signInDesk({
          baseUrl: servers[k % servers.length]!.url,
          username: library.staff.username,
          password: library.staff.password,
          workstation,
          deadline,
        });
        await nameWorkstation({ session, name: workstation, deadline });
        return createFailoverDesk({ session, workstation, transactions });
      }),
    );
    const lenders = await Promise.all(
      Array.from({ length: ONLINE_DESKS }, (_, k) =>
        signInDesk({
          baseUrl: servers[k % servers.length]!.url,
          username: library.staff.username,
          password: library.staff.password,
          workstation: `FAILOVER-COUNTER-${k + 1}`,
          deadline,
        }),
      ),
    );

    // Everything runs at once from here: the sends, the processing they start, the online loans.
    const stats = newSendStats();
    const sending = Promise.all(
      desks.map((desk) => sendUntilConfirmed(desk, { batchSize: BATCH_SIZE, stats, deadline })),
    );
    const online = { loans: [] as OnlineLoan[], refused: 0, unanswered: 0, afterCut: false };
    let lending = true;
    const lent = Promise.all(
      lenders.map((session, k) =>
        lendOnline({
          session,
          rng,
          patrons: library.goodPatrons,
          items: onlineItems.filter((_, i) => i % ONLINE_DESKS === k),
          online,
          lending: () => lending,
        }),
      ),
    );
    const acknowledged = () => desks.reduce((sum, d) => sum + d.acknowledged.size, 0);
    await waitUntil(() => acknowledged() >= TRANSACTIONS / 3, deadline, 'a third acknowledged');
    await receiveOfflineUpload({
      db: database.db,
      actor: { user: { id: await staffIdOf(database, library) } },
      source: 'file',
      transactions: backlog,
      now: Date.now(),
    });

    await waitUntil(
      async () => (await pending(database, backlogNames)) < BACKLOG,
      deadline,
      'processing of the files to begin',
    );

    let acknowledgedAfterCut = 0;
    let pendingAtCut = 0;
    if (!synchronous) {
      // The supervisor's files reached the standby before it is held back (a file's upload has
      // no desk keeping it to send again; synchronous replication is what covers those).
      if (!(await standbysHaveCaughtUp(database.db, DEADLINE_MS))) {
        throw new Error('The standby never caught up with the files before the cut.');
      }
      // Hold the standby back: what the primary commits from now on exists only there, the
      // outcomes of the processing under way included.
      cluster.replicationLink.cut();
      const cutAt = Date.now();
      online.afterCut = true;
      pendingAtCut = await pending(database, backlogNames);
      const sentAfterCut = () => desks.reduce((sum, d) => sum + acknowledgedSentAfter(d, cutAt), 0);
      await waitUntil(
        () => sentAfterCut() >= UNSHIPPED_AT_LEAST,
        deadline,
        'transactions sent and acknowledged after the cut',
      );
      acknowledgedAfterCut = sentAfterCut();
    }
    // Mid-processing (stored, not yet applied) and mid-send (requests under way): a crash. What is
    // pending is read first: while that query ran, the sends under way could all be answered,
    // and the kill would then come between two sends instead of during one.
    const pendingAtKill = await pending(database, workstations);
    await waitUntil(() => stats.inFlight > 0, deadline, 'a send under way');
    const inFlightAtKill = stats.inFlight;
    const keptUnconfirmedAtKill = desks.reduce((sum, d) => sum + unconfirmedSent(d), 0);
    cluster.killPrimary();
    await sleep(OUTAGE_MS);
    cluster.promoteStandby();
    const pendingOnPromoted = await pendingAt(cluster.standby.url, workstations);
    endpoint.switchTo(cluster.standby.port);
    const failedOverAt = Date.now();

    const rounds = await sending;
    lending = false;
    await lent;
    await waitUntil(
      async () => (await pending(database, workstations)) === 0,
      deadline,
      'processing finished on the promoted standby',
    );

    // The same server processes answer, on pools that reconnected to the new primary.
    for (const server of servers) {
      expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
    }
    const generated = [...recorded.flatMap((d) => d.transactions), ...backlog];
    const everAcknowledged = new Set([
      ...desks.flatMap((d) => [...d.acknowledged]),
      ...backlog.map((t) => t.id),
    ]);
    const result = checkTransactionSet({
      generated,
      acknowledged: everAcknowledged,
      stored: (
        await database.db
          .selectFrom('offline_transactions')
          .select(['id', 'type', 'status', 'loan_id as loanId'])
          .where('workstation', 'in', workstations)
          .execute()
      ).map((row) => ({ ...row, loanId: row.loanId ?? null })),
      loanIds: (
        await database.db
          .selectFrom('loans')
          .select('id')
          .where('source', '=', 'offline')
          .where('workstation_id', 'in', [...workstationIds.values()])
          .execute()
      ).map((l) => l.id),
    });
    const openTwice = await itemsOpenTwice(database.db);
    const onlineFound = await onlineLoansFound(database, online.loans);
    const onlineLost = online.loans.filter((l) => !onlineFound.has(l.loanId));
    const resent = desks.reduce((sum, d) => sum + d.resent, 0);
    const deleted = desks.reduce((sum, d) => sum + d.deleted, 0);

    console.log(
      `[faults] failover (${mode}): 1 primary killed, 1 standby promoted; ` +
        `${result.checked} offline transactions checked (${TRANSACTIONS} sent by desks, ${BACKLOG} from files), lost ${result.lost}, duplicated ${result.duplicated}, ` +
        `acknowledged but not stored ${result.acknowledgedNotStored}, unprocessed ${result.unprocessed}; ` +
        `sent and acknowledged after the replication link was cut ${acknowledgedAfterCut}, ` +
        `re-sent after gap detection ${resent}, deleted once confirmed ${deleted}, ` +
        `kept unconfirmed at the kill ${keptUnconfirmedAtKill}; ` +
        `sends under way at the kill ${inFlightAtKill}, pending at the kill ${pendingAtKill}` +
        `${synchronous ? '' : ` (at the cut ${pendingAtCut})`}, pending on the promoted standby ${pendingOnPromoted}, ` +
        `failed sends ${stats.failures} (statuses ${JSON.stringify(stats.statuses)}), rounds ${Math.max(...rounds)}; ` +
        `online loans acknowledged ${online.loans.length} (after the cut ${online.loans.filter((l) => l.afterCut).length}), ` +
        `found ${onlineFound.size}, lost ${onlineLost.length}, refused ${online.refused}, unanswered ${online.unanswered}; ` +
        `${((failedOverAt - started) / 1000).toFixed(1)} s to the failover, ` +
        `${((Date.now() - started) / 1000).toFixed(1)} s in all`,
    );
    if (result.examples.length > 0) console.log(result.examples.join('\n'));

    expect(result).toMatchObject({
      lost: 0,
      duplicated: 0,
      unexpected: 0,
      acknowledgedNotStored: 0,
      unprocessed: 0,
      inconsistent: 0,
    });
    expect(openTwice).toEqual([]);
    expect(everAcknowledged.size).toBe(TRANSACTIONS + BACKLOG);
    // Every desk ends holding nothing: the server confirmed it all, after the failover.
    expect(desks.map((d) => d.held.size)).toEqual(desks.map(() => 0));
    expect(deleted).toBe(TRANSACTIONS);
    expect(inFlightAtKill).toBeGreaterThan(0);
    // Processing was under way, as the new primary sees it: it had work left to redo or finish.
    expect(pendingOnPromoted).toBeGreaterThan(0);
    return {
      resent,
      acknowledgedAfterCut,
      keptUnconfirmedAtKill,
      online,
      onlineLost,
      pendingAtKill,
      pendingAtCut,
    };
  }

  it('synchronous replication: nothing acknowledged is missing after the failover', async () => {
    const { resent, online, onlineLost, pendingAtKill } = await failover(true);
    expect(pendingAtKill).toBeGreaterThan(0);
    // The promoted standby had every commit: no report found anything to send again.
    expect(resent).toBe(0);
    expect(online.loans.length).toBeGreaterThan(0);
    expect(onlineLost).toEqual([]);
  });

  it('asynchronous replication: what was never shipped is found by the reports and sent again', async () => {
    const { resent, acknowledgedAfterCut, keptUnconfirmedAtKill, onlineLost, pendingAtCut } =
      await failover(false);
    // The old primary was processing the files when the standby fell behind: it applied some
    // there alone, and the promoted standby applies them again, once.
    expect(pendingAtCut).toBeGreaterThan(0);
    // The gap was real, and the desks still held what fell into it: none of it had been confirmed.
    expect(acknowledgedAfterCut).toBeGreaterThanOrEqual(UNSHIPPED_AT_LEAST);
    expect(resent).toBeGreaterThanOrEqual(acknowledgedAfterCut);
    expect(keptUnconfirmedAtKill).toBeGreaterThanOrEqual(acknowledgedAfterCut);
    // Online loans have no copy at the desk to send again: those lost were all acknowledged after
    // the cut, which is why synchronous replication is the documented setting.
    expect(onlineLost.every((l) => l.afterCut)).toBe(true);
  });
});

/**
 * Items of the trial library's kind for the online desks alone (offline check-outs use others), and
 * the loan rule lending online needs (offline check-outs carry their due dates).
 */
async function onlineItemsOf(
  database: DatabaseHandle,
  library: FaultLibrary,
): Promise<{ id: number; barcode: string }[]> {
  const model = await database.db
    .selectFrom('items')
    .select(['material_type_id', 'branch_id'])
    .where('barcode', '=', library.availableItems[0]!)
    .executeTakeFirstOrThrow();
  const { patron_type_id } = await database.db
    .selectFrom('patrons')
    .select('patron_type_id')
    .where('barcode', '=', library.goodPatrons[0]!)
    .executeTakeFirstOrThrow();
  await buildLoanRule(database.db, {
    patron_type_id,
    material_type_id: model.material_type_id,
    max_items: ONLINE_ITEMS,
  });
  const items = [];
  for (let i = 0; i < ONLINE_ITEMS; i += 1) items.push(await buildItem(database.db, model));
  return items.map(({ id, barcode }) => ({ id, barcode }));
}

/** A desk lending online, one item after another, each check-out tried once. */
async function lendOnline(props: {
  session: DeskSession;
  rng: Rng;
  patrons: readonly string[];
  items: readonly { id: number; barcode: string }[];
  online: { loans: OnlineLoan[]; refused: number; unanswered: number; afterCut: boolean };
  lending: () => boolean;
}): Promise<void> {
  const { session, online } = props;
  for (const item of props.items) {
    if (!props.lending()) return;
    try {
      const response = await fetch(`${session.baseUrl}/api/checkouts`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          cookie: session.cookie,
          [CSRF_HEADER]: session.csrfToken,
        },
        body: JSON.stringify({
          patronBarcode: props.rng.pick(props.patrons),
          itemBarcode: item.barcode,
        }),
        signal: AbortSignal.timeout(CHECK_OUT_TIMEOUT_MS),
      });
      const answer = (await response.json()) as { loan?: { id: number } };
      if (response.status === 201 && answer.loan) {
        online.loans.push({ loanId: answer.loan.id, itemId: item.id, afterCut: online.afterCut });
      } else if (response.status < 500) {
        online.refused += 1;
      } else {
        online.unanswered += 1;
      }
    } catch {
      // The server or its database was away: the desk never heard, so it was not acknowledged.
      online.unanswered += 1;
    }
    await sleep(20);
  }
}

/** The acknowledged online loans the database holds, each for its own item (ids may be reused). */
async function onlineLoansFound(
  database: DatabaseHandle,
  loans: readonly OnlineLoan[],
): Promise<Set<number>> {
  if (loans.length === 0) return new Set();
  const rows = await database.db
    .selectFrom('loans')
    .select(['id', 'item_id'])
    .where(
      'id',
      'in',
      loans.map((l) => l.loanId),
    )
    .execute();
  const itemOf = new Map(loans.map((l) => [l.loanId, l.itemId]));
  return new Set(rows.filter((r) => itemOf.get(r.id) === r.item_id).map((r) => r.id));
}

async function staffIdOf(database: DatabaseHandle, library: FaultLibrary): Promise<number> {
  const row = await database.db
    .selectFrom('staff_users')
    .select('id')
    .where('username', '=', library.staff.username)
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Pending transactions of `workstations` in the database at `url`, on a connection of its own. */
async function pendingAt(url: string, workstations: string[]): Promise<number> {
  const handle = connectDatabase(url);
  try {
    return await pending(handle, workstations);
  } finally {
    await handle.close();
  }
}

async function pending(database: DatabaseHandle, workstations: string[]): Promise<number> {
  for (;;) {
    try {
      const row = await database.db
        .selectFrom('offline_transactions')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('workstation', 'in', workstations)
        .where('status', '=', 'pending')
        .executeTakeFirstOrThrow();
      return Number(row.n);
    } catch {
      // The endpoint was switched under this connection: the pool connects afresh.
      await sleep(50);
    }
  }
}

async function waitUntil(
  condition: () => boolean | Promise<boolean>,
  deadline: number,
  what: string,
): Promise<void> {
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}.`);
    await sleep(10);
  }
}
