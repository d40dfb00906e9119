// Group commit for SQLite: transactions that arrive while another runs share one COMMIT, so one
// fsync makes a whole group durable instead of one each. With synchronous=FULL a COMMIT waits for
// the disk (~2.5 ms here) and, better-sqlite3 being synchronous, blocks the server meanwhile: one
// fsync per check-out capped a busy server at a few hundred commits a second.
//
// Each Kysely transaction runs as a savepoint inside one open SQLite transaction; its caller is
// answered only after the group's COMMIT, so nothing is acknowledged before it is on disk. A
// transaction that fails rolls back to its savepoint and leaves the others' work alone. When SQLite
// itself rolls the whole group back (disk full, I/O error), every member still waiting is told so,
// with the cause. A group commits after one turn of the event loop in which no request in flight
// reached the database (so an idle server commits at once), or once it has been open
// GROUP_COMMIT_WINDOW_MS, which bounds what grouping adds to a request's time.
//
// The connection goes to foreground work (a desk's request) before background work (storing an
// upload, processing offline transactions, through backgroundDriver(): backgroundWork.ts), so a
// desk waits for at most the one
// background transaction under way, not for every upload queued ahead of it. Background work that
// has waited BACKGROUND_MAX_WAIT_MS goes next even so, so a steady stream of desks cannot starve it.
import type SQLite from 'better-sqlite3';
import { CompiledQuery, type DatabaseConnection, type Driver, type QueryResult } from 'kysely';

/** Longest a group stays open for more members before it commits. */
export const GROUP_COMMIT_WINDOW_MS = 10;
/** Longest background work waits while foreground work keeps arriving before it goes next. */
export const BACKGROUND_MAX_WAIT_MS = 250;
/** Prepared statements kept for reuse: Circa's queries are a few hundred distinct texts. */
const STATEMENT_CACHE_SIZE = 1_000;
const SAVEPOINT = 'circa_member';

interface Waiter {
  resolve(): void;
  reject(error: unknown): void;
}

interface QueuedCaller {
  enqueuedAt: number;
  admit(): void;
}

interface Group {
  openedAt: number;
  /** Members (and plain queries run inside the group) waiting for its COMMIT. */
  waiting: Waiter[];
}

/** One turn with the single SQLite connection; finished once it has handed the connection on. */
interface Lease extends DatabaseConnection {
  inMember: boolean;
  finished: boolean;
}

export class GroupCommitError extends Error {
  override name = 'GroupCommitError';
}

export class GroupCommitSqliteDriver implements Driver {
  readonly #sqlite: SQLite.Database;
  readonly #statements = new Map<string, SQLite.Statement>();
  /** Foreground callers waiting for the connection, first come first served. */
  readonly #foreground: QueuedCaller[] = [];
  /** Background callers waiting, first come first served, after the foreground ones. */
  readonly #background: QueuedCaller[] = [];
  #locked = false;
  #group: Group | null = null;
  #commitScheduled = false;
  /** The last error a statement raised: the cause when SQLite rolls a whole group back. */
  #lastError: unknown = null;

  /** Told after each COMMIT: how many waited for it and how long the group was open. */
  readonly #onCommit: ((members: number, openMs: number) => void) | undefined;

  constructor(sqlite: SQLite.Database, onCommit?: (members: number, openMs: number) => void) {
    this.#sqlite = sqlite;
    this.#onCommit = onCommit;
  }

  async init(): Promise<void> {}

  /** Callers waiting for the connection now, desks' and background work's (read by /metrics). */
  waiting(): { desk: number; background: number } {
    return { desk: this.#foreground.length, background: this.#background.length };
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    return this.#acquire(this.#foreground);
  }

  /**
   * A driver over the same connection whose callers wait behind this one's: give it to a second
   * Kysely for background work. Closing it closes nothing; the connection is this driver's.
   */
  backgroundDriver(): Driver {
    return {
      init: async () => undefined,
      acquireConnection: () => this.#acquire(this.#background),
      beginTransaction: (connection) => this.beginTransaction(connection),
      commitTransaction: (connection) => this.commitTransaction(connection),
      rollbackTransaction: (connection) => this.rollbackTransaction(connection),
      savepoint: (connection, name) => this.savepoint(connection, name),
      rollbackToSavepoint: (connection, name) => this.rollbackToSavepoint(connection, name),
      releaseSavepoint: (connection, name) => this.releaseSavepoint(connection, name),
      releaseConnection: (connection) => this.releaseConnection(connection),
      destroy: async () => undefined,
    };
  }

  async #acquire(queue: QueuedCaller[]): Promise<DatabaseConnection> {
    if (this.#locked) {
      await new Promise<void>((admit) => queue.push({ enqueuedAt: performance.now(), admit }));
    }
    this.#locked = true;
    const lease: Lease = {
      inMember: false,
      finished: false,
      executeQuery: <R>(query: CompiledQuery) => this.#execute<R>(query),
      streamQuery: <R>(query: CompiledQuery) => this.#stream<R>(query),
    };
    return lease;
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    const lease = connection as Lease;
    if (!this.#group) {
      // IMMEDIATE: the write lock up front, so no other process can write between members.
      this.#run('begin immediate');
      this.#group = { openedAt: Date.now(), waiting: [] };
    }
    this.#run(`savepoint ${SAVEPOINT}`);
    lease.inMember = true;
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    const lease = connection as Lease;
    this.#run(`release ${SAVEPOINT}`);
    lease.inMember = false;
    await this.#finish(lease, true);
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    const lease = connection as Lease;
    // After a failed COMMIT the lease is finished and everyone waiting has been told.
    if (lease.finished) return;
    lease.inMember = false;
    if (this.#sqlite.inTransaction) {
      this.#run(`rollback to ${SAVEPOINT}`);
      this.#run(`release ${SAVEPOINT}`);
    } else if (this.#group) {
      // SQLite rolled the whole group back itself (SQLITE_FULL, an I/O error): the members that
      // already released their savepoints lost their work too and must not hear it was saved.
      const group = this.#group;
      this.#group = null;
      const error = new GroupCommitError(
        'The database undid this change together with another one that failed; nothing was saved.',
        { cause: this.#lastError },
      );
      for (const waiter of group.waiting) waiter.reject(error);
    }
    await this.#finish(lease, false);
  }

  async savepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`savepoint "${name}"`));
  }

  async rollbackToSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`rollback to "${name}"`));
  }

  async releaseSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`release "${name}"`));
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    const lease = connection as Lease;
    if (lease.finished) return;
    // Plain queries inside an open group read (or wrote) what is not yet on disk: answer after it is.
    await this.#finish(lease, this.#group !== null);
  }

  async destroy(): Promise<void> {
    // A group waiting for its turn of the event loop is committed, not lost with the connection.
    if (this.#group) this.#commit(this.#group);
    this.#statements.clear();
    this.#sqlite.close();
  }

  /**
   * Hands the connection on: to the next caller while the group may grow, else after committing
   * the group. Resolves once this lease's work is durable (when `awaitCommit`).
   */
  async #finish(lease: Lease, awaitCommit: boolean): Promise<void> {
    lease.finished = true;
    const group = this.#group;
    if (!group) {
      this.#unlock();
      return;
    }
    const committed = awaitCommit
      ? new Promise<void>((resolve, reject) => group.waiting.push({ resolve, reject }))
      : null;
    if (Date.now() - group.openedAt >= GROUP_COMMIT_WINDOW_MS) {
      this.#commit(group);
      this.#unlock();
    } else {
      this.#unlock();
      // One turn of the event loop lets requests that are already in flight reach the database
      // and join; when none did, the group commits. An idle server commits at once.
      if (!this.#commitScheduled) {
        this.#commitScheduled = true;
        setImmediate(() => this.#commitWhenFree());
      }
    }
    if (committed) await committed;
  }

  #commitWhenFree(): void {
    this.#commitScheduled = false;
    const group = this.#group;
    if (!group) return;
    if (this.#locked) {
      // A member is running: it commits or schedules again when it finishes.
      return;
    }
    this.#commit(group);
  }

  /** COMMITs the open group (the caller holds the connection or nobody does) and answers its members. */
  #commit(group: Group): void {
    this.#group = null;
    try {
      this.#run('commit');
      for (const waiter of group.waiting) waiter.resolve();
      this.#onCommit?.(group.waiting.length, Date.now() - group.openedAt);
    } catch (error) {
      try {
        if (this.#sqlite.inTransaction) this.#sqlite.exec('rollback');
      } catch {
        // The COMMIT's error is the one to report; the members hear it below either way.
      }
      for (const waiter of group.waiting) waiter.reject(error);
    }
  }

  #unlock(): void {
    const next = this.#nextCaller();
    if (next) next.admit();
    else this.#locked = false;
  }

  #nextCaller(): QueuedCaller | undefined {
    const oldestBackground = this.#background[0];
    if (
      oldestBackground &&
      performance.now() - oldestBackground.enqueuedAt >= BACKGROUND_MAX_WAIT_MS
    ) {
      return this.#background.shift();
    }
    return this.#foreground.shift() ?? this.#background.shift();
  }

  #run(text: string): void {
    try {
      this.#sqlite.exec(text);
    } catch (error) {
      this.#lastError = error;
      throw error;
    }
  }

  #prepare(text: string): SQLite.Statement {
    let statement = this.#statements.get(text);
    if (!statement) {
      statement = this.#sqlite.prepare(text);
      if (this.#statements.size >= STATEMENT_CACHE_SIZE) {
        this.#statements.delete(this.#statements.keys().next().value!);
      }
      this.#statements.set(text, statement);
    }
    return statement;
  }

  async #execute<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    try {
      const statement = this.#prepare(query.sql);
      const parameters = query.parameters as unknown[];
      if (statement.reader) return { rows: statement.all(parameters) as R[] };
      const { changes, lastInsertRowid } = statement.run(parameters);
      return {
        numAffectedRows: BigInt(changes),
        insertId: BigInt(lastInsertRowid),
        rows: [],
      };
    } catch (error) {
      this.#lastError = error;
      throw error;
    }
  }

  async *#stream<R>(query: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    // Not from the cache: a statement being iterated cannot run anything else meanwhile.
    const statement = this.#sqlite.prepare(query.sql);
    for (const row of statement.iterate(query.parameters as unknown[])) {
      yield { rows: [row as R] };
    }
  }
}
