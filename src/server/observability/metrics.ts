// The Prometheus metrics of one app, in a registry of its own (never prom-client's global one, so
// two apps in one process, as in tests, never share counts). Counters and histograms move as things
// happen; the offline backlog, open exceptions and the PostgreSQL pool are read when scraped.
import type { Kysely } from 'kysely';
import {
  collectDefaultMetrics,
  Counter,
  Gauge,
  Histogram,
  Registry,
  type RegistryContentType,
} from 'prom-client';
import { engineOf, type Engine } from '../db/connect.ts';
import type { Database } from '../db/schema.ts';
import { databasePoolOf, sqliteWaitersOf, watchDatabase } from './databaseEvents.ts';
import { DATABASE_CHECK_TIMEOUT_MS, withinMs } from './readiness.ts';

/** From 1 ms (a check-out on an idle SQLite server) to 10 s (a large upload or import). */
const REQUEST_SECONDS_BUCKETS = [
  0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10,
];
/** Transactions sharing one SQLite COMMIT: 1 when idle, tens under a burst. */
const GROUP_COMMIT_MEMBER_BUCKETS = [1, 2, 4, 8, 16, 32, 64, 128, 256];
/** How long a group stays open: at most GROUP_COMMIT_WINDOW_MS (10 ms) plus its last member. */
const GROUP_COMMIT_SECONDS_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1];

/** Methods Circa serves; anything else is counted as OTHER so labels stay few. */
const KNOWN_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/** The route label of a request no route matched (a 404): never the raw path, which anyone chooses. */
export const UNMATCHED_ROUTE = 'unmatched';

export interface CircaMetrics {
  readonly contentType: RegistryContentType;
  /** Records one answered request under its route pattern (e.g. /api/patrons/:barcode). */
  observeRequest(route: string | undefined, method: string, statusCode: number, ms: number): void;
  /** The exposition text; reads the scrape-time values first. */
  render(): Promise<string>;
  /** Stops listening to the database. */
  close(): void;
}

function engineOrNull(db: Kysely<Database>): Engine | null {
  try {
    return engineOf(db);
  } catch {
    // A stand-in database (tests of a database that is down) has no engine: nothing engine-specific.
    return null;
  }
}

export function createCircaMetrics(db: Kysely<Database>): CircaMetrics {
  const registry = new Registry();
  const registers = [registry];
  let defaultMetricsStarted = false;

  const requestSeconds = new Histogram({
    name: 'circa_http_request_duration_seconds',
    help: 'Time from receiving a request to sending its answer, by route pattern, method and status class.',
    labelNames: ['route', 'method', 'status_class'] as const,
    buckets: REQUEST_SECONDS_BUCKETS,
    registers,
  });

  const databaseUp = new Gauge({
    name: 'circa_database_up',
    help: `1 when the database answered the scrape's queries within ${DATABASE_CHECK_TIMEOUT_MS} ms, else 0.`,
    registers,
  });
  const pending = new Gauge({
    name: 'circa_offline_transactions_pending',
    help: 'Offline transactions stored but not yet processed (the processing backlog). NaN when the database did not answer.',
    registers,
  });
  const exceptionsOpen = new Gauge({
    name: 'circa_offline_exceptions_open',
    help: 'Offline transactions in the exceptions queue, waiting for a supervisor. NaN when the database did not answer.',
    registers,
  });

  const processed = new Counter({
    name: 'circa_offline_transactions_processed_total',
    help: 'Offline transactions processed, by outcome (applied, applied_with_warning, exception, noted).',
    labelNames: ['outcome'] as const,
    registers,
  });
  const processingRuns = new Counter({
    name: 'circa_offline_processing_runs_total',
    help: 'Processing runs finished (each processes everything pending when it starts).',
    registers,
  });
  const uploadsStored = new Counter({
    name: 'circa_offline_uploads_stored_total',
    help: 'Offline uploads stored, by source (client: the offline client; file or koc: a file a supervisor uploaded).',
    labelNames: ['source'] as const,
    registers,
  });
  const transactionsReceived = new Counter({
    name: 'circa_offline_transactions_received_total',
    help: 'Offline transactions received, by source and result (stored: new; duplicate: already stored, ignored).',
    labelNames: ['source', 'result'] as const,
    registers,
  });

  let onGroupCommit: ((members: number, ms: number) => void) | undefined;
  if (engineOrNull(db) === 'sqlite') {
    const groupMembers = new Histogram({
      name: 'circa_sqlite_group_commit_members',
      help: 'Transactions (and reads) made durable by one SQLite COMMIT.',
      buckets: GROUP_COMMIT_MEMBER_BUCKETS,
      registers,
    });
    const groupSeconds = new Histogram({
      name: 'circa_sqlite_group_commit_open_seconds',
      help: 'How long a SQLite commit group stayed open for members before its COMMIT.',
      buckets: GROUP_COMMIT_SECONDS_BUCKETS,
      registers,
    });
    onGroupCommit = (members, ms) => {
      groupMembers.observe(members);
      groupSeconds.observe(ms / 1000);
    };
    const waiters = sqliteWaitersOf(db);
    if (waiters) {
      registry.registerMetric(
        new Gauge({
          name: 'circa_sqlite_connection_waiting',
          help: 'Callers waiting for SQLite’s one connection, by work (desk: online requests, admitted first; background: uploads being stored and processing).',
          labelNames: ['work'] as const,
          registers: [],
          collect() {
            const { desk, background } = waiters.waiting();
            this.set({ work: 'desk' }, desk);
            this.set({ work: 'background' }, background);
          },
        }),
      );
    }
  }

  const pool = databasePoolOf(db);
  if (pool) {
    // Read at scrape time from pg.Pool's own counters.
    const poolGauges = [
      new Gauge({
        name: 'circa_database_pool_connections',
        help: 'PostgreSQL connections in the pool, by state (in_use, idle).',
        labelNames: ['state'] as const,
        registers: [],
        collect() {
          this.set({ state: 'in_use' }, pool.totalCount - pool.idleCount);
          this.set({ state: 'idle' }, pool.idleCount);
        },
      }),
      new Gauge({
        name: 'circa_database_pool_waiting',
        help: 'Queries waiting for a free PostgreSQL connection (the pool is exhausted while above 0).',
        registers: [],
        collect() {
          this.set(pool.waitingCount);
        },
      }),
      new Gauge({
        name: 'circa_database_pool_max_connections',
        help: 'The most PostgreSQL connections the pool opens.',
        registers: [],
        collect() {
          this.set(pool.options.max);
        },
      }),
    ];
    for (const gauge of poolGauges) registry.registerMetric(gauge);
  }

  const stopWatching = watchDatabase(db, {
    processingRun(run) {
      processingRuns.inc();
      if (run.applied > 0) processed.inc({ outcome: 'applied' }, run.applied);
      if (run.appliedWithWarning > 0) {
        processed.inc({ outcome: 'applied_with_warning' }, run.appliedWithWarning);
      }
      if (run.exceptions > 0) processed.inc({ outcome: 'exception' }, run.exceptions);
      if (run.noted > 0) processed.inc({ outcome: 'noted' }, run.noted);
    },
    uploadStored(source, upload) {
      uploadsStored.inc({ source });
      transactionsReceived.inc({ source, result: 'stored' }, upload.stored);
      transactionsReceived.inc({ source, result: 'duplicate' }, upload.duplicates);
    },
    ...(onGroupCommit ? { groupCommitted: onGroupCommit } : {}),
  });

  /** The backlog and the exceptions queue: one grouped count over the (status, …) index. */
  async function readOfflineCounts(): Promise<void> {
    try {
      const rows = await withinMs(
        db
          .selectFrom('offline_transactions')
          .select(['status', (eb) => eb.fn.countAll<number | string>().as('n')])
          .where('status', 'in', ['pending', 'exception'])
          .groupBy('status')
          .execute(),
        DATABASE_CHECK_TIMEOUT_MS,
        'metrics: offline counts',
      );
      const count = (status: string) => Number(rows.find((r) => r.status === status)?.n ?? 0);
      pending.set(count('pending'));
      exceptionsOpen.set(count('exception'));
      databaseUp.set(1);
    } catch {
      // Unknown, not zero: an alert on the backlog must not read "all clear" when nothing answered.
      pending.set(Number.NaN);
      exceptionsOpen.set(Number.NaN);
      databaseUp.set(0);
    }
  }

  return {
    contentType: registry.contentType,
    observeRequest(route, method, statusCode, ms) {
      requestSeconds.observe(
        {
          route: route ?? UNMATCHED_ROUTE,
          method: KNOWN_METHODS.has(method) ? method : 'OTHER',
          status_class: `${Math.floor(statusCode / 100)}xx`,
        },
        ms / 1000,
      );
    },
    async render() {
      // Started on the first scrape, not at build: each start installs process-wide observers
      // (event-loop delay, garbage collection), which only an app that is scraped needs.
      if (!defaultMetricsStarted) {
        defaultMetricsStarted = true;
        collectDefaultMetrics({ register: registry });
      }
      await readOfflineCounts();
      return registry.metrics();
    },
    close: stopWatching,
  };
}
