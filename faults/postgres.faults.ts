// PostgreSQL with several app servers: two servers process one backlog at the same moment (the
// advisory lock must let each transaction be applied once), and the database itself crashes and
// restarts mid-processing (processing must resume and still apply each transaction once). Runs on a
// private cluster the test starts, so the crash never touches the shared cluster on 5432.
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CircaServer } from '../e2e/support/server.ts';
import { connectDatabase, type DatabaseHandle } from '../src/server/db/connect.ts';
import { migrateToLatest } from '../src/server/db/migrate.ts';
import { OFFLINE_PROCESSING_LOCK_KEY } from '../src/server/offline/process.ts';
import { OUTAGE_START_MS } from '../src/server/offline/fixtures.testing.ts';
import { receiveOfflineUpload } from '../src/server/offline/receive.ts';
import { TEST_ENGINES } from '../src/server/testing/engines.ts';
import type { OfflineTransaction } from '../src/shared/offline/transaction.ts';
import { addWorkstations, buildFaultLibrary, type FaultLibrary } from './support/library.ts';
import { startPrivatePostgres, type PrivatePostgres } from './support/privatePostgres.ts';
import { countFromEnv, createRng, faultSeed } from './support/rng.ts';
import { checkTransactionSet, type SetCheckResult } from './support/setCheck.ts';
import { itemsOpenTwice } from './support/trialCheck.ts';
import { recordOutage } from './support/transactions.ts';
import { startTrialServer } from './support/trialServer.ts';
import {
  newSendStats,
  sendUntilAcknowledged,
  nameWorkstation,
  signInDesk,
  type DeskSession,
} from './support/uploadClient.ts';

const BACKLOG = countFromEnv('CIRCA_FAULT_BACKLOG', 10_000);
const DESKS = 5;
const DEADLINE_MS = 120_000;

describe.runIf(TEST_ENGINES.includes('postgres'))(
  'PostgreSQL: two app servers, database crash',
  () => {
    const seed = faultSeed();
    const rng = createRng(seed);
    let cluster: PrivatePostgres;
    let database: DatabaseHandle;
    let library: FaultLibrary;
    let servers: CircaServer[] = [];
    let sessions: DeskSession[];
    let staffId: number;

    beforeAll(async () => {
      console.log(`[faults] PostgreSQL trials: seed ${seed} (CIRCA_FAULT_SEED=${seed})`);
      cluster = await startPrivatePostgres();
      database = connectDatabase(cluster.url);
      await migrateToLatest(database.db);
      library = await buildFaultLibrary(database.db);
      staffId = (
        await database.db
          .selectFrom('staff_users')
          .select('id')
          .where('username', '=', library.staff.username)
          .executeTakeFirstOrThrow()
      ).id;
      servers = await Promise.all([startTrialServer(cluster.url), startTrialServer(cluster.url)]);
      sessions = await Promise.all(
        servers.map((server, k) =>
          signInDesk({
            baseUrl: server.url,
            username: library.staff.username,
            password: library.staff.password,
            workstation: `PG-CLIENT-${k + 1}`,
            deadline: Date.now() + DEADLINE_MS,
          }),
        ),
      );
    }, 180_000);

    afterAll(async () => {
      await Promise.all(servers.map((s) => s.dispose()));
      await database?.close();
      cluster?.dispose();
    });

    /** A backlog stored as uploads would store it, not yet processed, from desks of its own. */
    async function storeBacklog(prefix: string) {
      const workstations = Array.from({ length: DESKS }, (_, k) => `${prefix}-DESK-${k + 1}`);
      const workstationIds = await addWorkstations(database.db, library, workstations);
      const desks = recordOutage({
        rng,
        library,
        workstations,
        count: BACKLOG,
        startMs: OUTAGE_START_MS,
      });
      const transactions = desks.flatMap((d) => d.transactions);
      await receiveOfflineUpload({
        db: database.db,
        actor: { user: { id: staffId } },
        source: 'file',
        transactions,
        now: Date.now(),
      });
      return { workstations, workstationIds, transactions };
    }

    /** Each server is sent one more desk's upload at once: each answer waits for processing. */
    async function uploadToEveryServer(prefix: string) {
      const workstations = servers.map((_, k) => `${prefix}-LATE-${k + 1}`);
      const workstationIds = await addWorkstations(database.db, library, workstations);
      const desks = recordOutage({
        rng,
        library,
        workstations,
        count: 20 * servers.length,
        startMs: OUTAGE_START_MS,
        checkOutsOnly: true,
      });
      const stats = newSendStats();
      const uploads = desks.map(async (desk, k) => {
        const deadline = Date.now() + DEADLINE_MS;
        // A desk sends only what it recorded itself.
        await nameWorkstation({ session: sessions[k]!, name: desk.workstation, deadline });
        await sendUntilAcknowledged({
          session: sessions[k]!,
          transactions: desk.transactions,
          stats,
          deadline,
        });
        return desk.transactions;
      });
      return { workstations, workstationIds, uploads, stats };
    }

    async function check(
      workstations: string[],
      workstationIds: number[],
      generated: OfflineTransaction[],
    ): Promise<SetCheckResult> {
      const stored = await database.db
        .selectFrom('offline_transactions')
        .select(['id', 'type', 'status', 'loan_id as loanId'])
        .where('workstation', 'in', workstations)
        .execute();
      const loans = await database.db
        .selectFrom('loans')
        .select('id')
        .where('source', '=', 'offline')
        .where('workstation_id', 'in', workstationIds)
        .execute();
      const openTwice = await itemsOpenTwice(database.db);
      expect(openTwice).toEqual([]);
      return checkTransactionSet({
        generated,
        acknowledged: new Set(generated.map((t) => t.id)),
        stored: stored.map((row) => ({ ...row, loanId: row.loanId ?? null })),
        loanIds: loans.map((l) => l.id),
      });
    }

    async function pending(workstations: string[]): Promise<number> {
      const row = await database.db
        .selectFrom('offline_transactions')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('workstation', 'in', workstations)
        .where('status', '=', 'pending')
        .executeTakeFirstOrThrow();
      return Number(row.n);
    }

    /** App-server backends waiting for the processing lock another one holds. */
    async function waitingForProcessingLock(): Promise<number> {
      const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from pg_locks
      where locktype = 'advisory' and not granted
        and ((classid::bigint << 32) | objid::bigint) = ${OFFLINE_PROCESSING_LOCK_KEY}`.execute(
        database.db,
      );
      return rows[0]?.n ?? 0;
    }

    async function waitUntilProcessed(workstations: string[]): Promise<void> {
      const deadline = Date.now() + DEADLINE_MS;
      while ((await pending(workstations)) > 0) {
        if (Date.now() > deadline) throw new Error('Processing never finished.');
        await sleep(100);
      }
    }

    it('applies each transaction once when two servers process one backlog at the same time', async () => {
      const started = Date.now();
      const backlog = await storeBacklog('TWO');
      const late = await uploadToEveryServer('TWO');
      let mostWaiting = 0;
      const watching = (async () => {
        while ((await pending(backlog.workstations)) > 0) {
          mostWaiting = Math.max(mostWaiting, await waitingForProcessingLock());
          await sleep(10);
        }
      })();
      const lateTransactions = (await Promise.all(late.uploads)).flat();
      await watching;
      const workstations = [...backlog.workstations, ...late.workstations];
      await waitUntilProcessed(workstations);
      const result = await check(
        workstations,
        [...backlog.workstationIds.values(), ...late.workstationIds.values()],
        [...backlog.transactions, ...lateTransactions],
      );
      console.log(
        `[faults] two app servers on one backlog: transactions checked ${result.checked}, ` +
          `lost ${result.lost}, duplicated ${result.duplicated}, unexpected ${result.unexpected}, ` +
          `most servers waiting for the processing lock ${mostWaiting}, ` +
          `${((Date.now() - started) / 1000).toFixed(1)} s`,
      );
      expect(result).toMatchObject({
        lost: 0,
        duplicated: 0,
        unexpected: 0,
        unprocessed: 0,
        inconsistent: 0,
      });
      // Both really processed at once: one of them was seen waiting for the other's lock.
      expect(mostWaiting).toBeGreaterThan(0);
    });

    it('resumes after the database crashes and restarts mid-processing, applying each once', async () => {
      const started = Date.now();
      const backlog = await storeBacklog('CRASH');
      const late = await uploadToEveryServer('CRASH');
      // Crash once some of the backlog is applied and some is not.
      const total = backlog.transactions.length;
      const deadline = Date.now() + DEADLINE_MS;
      while ((await pending(backlog.workstations)) === total) {
        if (Date.now() > deadline) throw new Error('Processing of the backlog never started.');
        await sleep(5);
      }
      const pendingAtCrash = await pending(backlog.workstations);
      await database.close();
      cluster.crashAndRestart();
      database = connectDatabase(cluster.url);
      // The desks resend until acknowledged; their resends start processing again.
      const lateTransactions = (await Promise.all(late.uploads)).flat();
      const workstations = [...backlog.workstations, ...late.workstations];
      await waitUntilProcessed(workstations);
      for (const server of servers) {
        expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
      }
      const result = await check(
        workstations,
        [...backlog.workstationIds.values(), ...late.workstationIds.values()],
        [...backlog.transactions, ...lateTransactions],
      );
      console.log(
        `[faults] database crashed mid-processing (${pendingAtCrash} of ${total} pending at the crash): ` +
          `transactions checked ${result.checked}, lost ${result.lost}, duplicated ${result.duplicated}, ` +
          `unexpected ${result.unexpected}; uploads resent ${late.stats.failures} times ` +
          `(statuses ${JSON.stringify(late.stats.statuses)}), ${((Date.now() - started) / 1000).toFixed(1)} s`,
      );
      expect(pendingAtCrash).toBeGreaterThan(0);
      expect(pendingAtCrash).toBeLessThan(total);
      expect(result).toMatchObject({
        lost: 0,
        duplicated: 0,
        unexpected: 0,
        unprocessed: 0,
        inconsistent: 0,
      });
    });
  },
);
