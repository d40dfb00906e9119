// The group-commit driver (SQLite only): concurrent transactions share COMMITs, each caller hears
// back only once its work is committed, a failing transaction undoes only its own work, and
// foreground work is served before background work.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect, sql, type Driver, type Generated } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BACKGROUND_MAX_WAIT_MS, GroupCommitSqliteDriver } from './groupCommit.ts';

interface TestDb {
  entries: { id: Generated<number>; label: string };
}

/** Lets callers started meanwhile reach the driver's queue. */
async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
}

describe('GroupCommitSqliteDriver', () => {
  let dir: string;
  let path: string;
  let db: Kysely<TestDb>;
  /** The same connection through the driver's background side. */
  let background: Kysely<TestDb>;
  let commits: number;
  /** A second connection: sees only what is committed. */
  let observer: SQLite.Database;

  let driver: GroupCommitSqliteDriver;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'circa-group-commit-'));
    path = join(dir, 'test.sqlite');
    const sqlite = new SQLite(path);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = FULL');
    commits = 0;
    // Counts COMMITs by watching the statements the driver runs.
    const exec = sqlite.exec.bind(sqlite);
    sqlite.exec = (text: string) => {
      if (text === 'commit') commits += 1;
      return exec(text);
    };
    driver = new GroupCommitSqliteDriver(sqlite);
    const kyselyOver = (use: Driver) =>
      new Kysely<TestDb>({
        dialect: new (class extends SqliteDialect {
          override createDriver(): Driver {
            return use;
          }
        })({ database: sqlite }),
      });
    db = kyselyOver(driver);
    background = kyselyOver(driver.backgroundDriver());
    await sql`create table entries (id integer primary key, label text not null unique)`.execute(
      db,
    );
    observer = new SQLite(path, { readonly: true });
  });

  afterEach(async () => {
    observer.close();
    await db.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  const committedLabels = () =>
    (observer.prepare('select label from entries order by id').all() as { label: string }[]).map(
      (row) => row.label,
    );

  const insertInTransaction = (label: string, through: Kysely<TestDb> = db) =>
    through.transaction().execute(async (trx) => {
      await trx.insertInto('entries').values({ label }).execute();
      // A second statement after an await, as a real command has.
      await trx.selectFrom('entries').select('id').where('label', '=', label).executeTakeFirst();
      return label;
    });

  it('commits transactions that arrive together in fewer COMMITs, answering each after its COMMIT', async () => {
    const labels = Array.from({ length: 50 }, (_, i) => `entry-${i}`);
    const visibleWhenAnswered: boolean[] = [];
    await Promise.all(
      labels.map((label) =>
        insertInTransaction(label).then(() => {
          visibleWhenAnswered.push(committedLabels().includes(label));
        }),
      ),
    );
    expect(visibleWhenAnswered).toEqual(labels.map(() => true));
    expect(committedLabels().toSorted()).toEqual(labels.toSorted());
    expect(commits).toBeGreaterThan(0);
    expect(commits).toBeLessThan(labels.length);
  });

  it('commits a lone transaction at once, as before', async () => {
    await insertInTransaction('alone');
    expect(committedLabels()).toEqual(['alone']);
    expect(commits).toBe(1);
  });

  it('undoes only the failing transaction of a group; its caller gets the error', async () => {
    await insertInTransaction('taken');
    const outcomes = await Promise.allSettled([
      insertInTransaction('first'),
      insertInTransaction('taken'),
      insertInTransaction('third'),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((outcomes[1] as PromiseRejectedResult).reason).toMatchObject({
      code: 'SQLITE_CONSTRAINT_UNIQUE',
    });
    expect(committedLabels()).toEqual(['taken', 'first', 'third']);
  });

  it('rolls back a transaction whose callback throws, and keeps serving', async () => {
    await expect(
      db.transaction().execute(async (trx) => {
        await trx.insertInto('entries').values({ label: 'undone' }).execute();
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    await insertInTransaction('after');
    expect(committedLabels()).toEqual(['after']);
  });

  it('answers plain queries run inside an open group only after its COMMIT', async () => {
    const seen: string[][] = [];
    await Promise.all([
      insertInTransaction('grouped'),
      db
        .selectFrom('entries')
        .select('label')
        .execute()
        .then(() => seen.push(committedLabels())),
    ]);
    expect(seen).toEqual([['grouped']]);
  });

  /** Starts a transaction that keeps the connection until the returned release is called. */
  const holdConnection = async () => {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let holding!: () => void;
    const held = new Promise<void>((resolve) => (holding = resolve));
    const done = db.transaction().execute(async (trx) => {
      await trx.insertInto('entries').values({ label: 'holder' }).execute();
      holding();
      await released;
    });
    await held;
    return { release, done };
  };

  it('gives the connection to waiting foreground work before background work that came first', async () => {
    const holder = await holdConnection();
    const backgroundInsert = insertInTransaction('background', background);
    await settle();
    const foreground = [insertInTransaction('desk-1'), insertInTransaction('desk-2')];
    await settle();
    // What /metrics reports as circa_sqlite_connection_waiting.
    expect(driver.waiting()).toEqual({ desk: 2, background: 1 });
    holder.release();
    await Promise.all([holder.done, backgroundInsert, ...foreground]);
    expect(committedLabels()).toEqual(['holder', 'desk-1', 'desk-2', 'background']);
    expect(driver.waiting()).toEqual({ desk: 0, background: 0 });
  });

  it('lets background work that has waited BACKGROUND_MAX_WAIT_MS go before later foreground work', async () => {
    const holder = await holdConnection();
    const backgroundInsert = insertInTransaction('background', background);
    await settle();
    await new Promise((resolve) => setTimeout(resolve, BACKGROUND_MAX_WAIT_MS + 20));
    const foreground = insertInTransaction('desk');
    await settle();
    holder.release();
    await Promise.all([holder.done, backgroundInsert, foreground]);
    expect(committedLabels()).toEqual(['holder', 'background', 'desk']);
  });
});
