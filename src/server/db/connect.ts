// Opens the database named by DATABASE_URL: 'sqlite:PATH' (embedded, the default) or 'postgres://…'.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import {
  Kysely,
  PostgresDialect,
  SqliteDialect,
  type DialectAdapter,
  type Driver,
  type LogConfig,
  type Transaction,
} from 'kysely';
import pg from 'pg';
import {
  recordDatabasePool,
  recordSqliteWaiters,
  reportGroupCommit,
} from '../observability/databaseEvents.ts';
import { registerBackgroundDatabase } from './backgroundWork.ts';
import { GroupCommitSqliteDriver } from './groupCommit.ts';
import type { Database } from './schema.ts';

export type Engine = 'sqlite' | 'postgres';

export interface DatabaseHandle {
  db: Kysely<Database>;
  engine: Engine;
  /** Closes every connection; the handle is unusable afterwards. */
  close(): Promise<void>;
}

export const DEFAULT_DATABASE_URL = 'sqlite:data/circa.sqlite';

/** How long a SQLite writer waits for another writer's lock before failing. */
const SQLITE_BUSY_TIMEOUT_MS = 5_000;

// int8 (bigint) columns hold epoch milliseconds, well inside Number's exact range.
const PG_INT8_OID = 20;
pg.types.setTypeParser(PG_INT8_OID, (value) => Number(value));

/**
 * The engine behind each database this process connected, recorded at connect time. Keyed by the
 * dialect's adapter because a Kysely instance hands the same adapter to every transaction it opens.
 */
const engines = new WeakMap<DialectAdapter, Engine>();

/** The engine a connected database, or a transaction on one, runs on. */
export function engineOf(db: Kysely<Database> | Transaction<Database>): Engine {
  const engine = engines.get(db.getExecutor().adapter);
  if (engine === undefined) {
    throw new Error('This database was not opened by connectDatabase, so its engine is unknown.');
  }
  return engine;
}

/** The handle for a database just opened, its engine recorded for engineOf. */
function opened(db: Kysely<Database>, engine: Engine): DatabaseHandle {
  engines.set(db.getExecutor().adapter, engine);
  return { db, engine, close: () => db.destroy() };
}

export function engineOfUrl(url: string): Engine {
  if (url.startsWith('sqlite:')) return 'sqlite';
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) return 'postgres';
  throw new Error(
    `DATABASE_URL must start with 'sqlite:' or 'postgres://' (got '${url.split(':')[0]}:…').`,
  );
}

export interface ConnectOptions {
  /** PostgreSQL only: the schema to use (tests give each run its own). */
  searchPath?: string;
  /** PostgreSQL only: most connections in the pool. */
  maxConnections?: number;
  /** Told of every statement sent (tests count a request's round trips with it). */
  log?: LogConfig;
}

export function connectDatabase(url: string, options: ConnectOptions = {}): DatabaseHandle {
  if (engineOfUrl(url) === 'sqlite') return connectSqlite(url.slice('sqlite:'.length), options);
  return connectPostgres(url, options);
}

function connectSqlite(path: string, options: ConnectOptions): DatabaseHandle {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new SQLite(path);
  sqlite.pragma('journal_mode = WAL');
  // The loans table is a ledger: a loan acknowledged to staff must survive a power cut.
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
  const driver = new GroupCommitSqliteDriver(sqlite, (members, ms) =>
    reportGroupCommit(db, members, ms),
  );
  const db = new Kysely<Database>({
    dialect: new GroupCommitSqliteDialect(sqlite, driver),
    ...(options.log ? { log: options.log } : {}),
  });
  // Uploads and processing queue behind the desks for the one connection (backgroundWork.ts).
  const background = new Kysely<Database>({
    dialect: new GroupCommitSqliteDialect(sqlite, driver.backgroundDriver()),
  });
  engines.set(background.getExecutor().adapter, 'sqlite');
  registerBackgroundDatabase(db, background);
  recordSqliteWaiters(db, driver);
  return opened(db, 'sqlite');
}

/**
 * SQLite through a group-commit driver (groupCommit.ts): concurrent transactions share one fsync.
 * On a full disk or an I/O error SQLite rolls the transaction back itself; the driver then sends no
 * ROLLBACK of its own, whose "no transaction is active" would replace the real cause (SQLITE_FULL …)
 * that the error handler needs to tell staff what happened.
 */
class GroupCommitSqliteDialect extends SqliteDialect {
  constructor(
    sqlite: SQLite.Database,
    private readonly driver: Driver,
  ) {
    super({ database: sqlite });
  }

  override createDriver(): Driver {
    return this.driver;
  }
}

function connectPostgres(url: string, options: ConnectOptions): DatabaseHandle {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.maxConnections ?? 10,
    ...(options.searchPath ? { options: `-c search_path=${options.searchPath}` } : {}),
  });
  // A connection PostgreSQL closes (a restart, a failover, an administrator's
  // pg_terminate_backend) is reported as an 'error' event: by the pool while the connection is idle,
  // by the connection itself while it is checked out between two queries. Unheard, either would
  // crash the whole server. The query under way fails on its own (its transaction rolls back), and
  // the pool drops the dead connection and connects afresh for the next query.
  pool.on('error', () => undefined);
  pool.on('connect', (client) => client.on('error', () => undefined));
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool }),
    ...(options.log ? { log: options.log } : {}),
  });
  recordDatabasePool(db, pool);
  return opened(db, 'postgres');
}
