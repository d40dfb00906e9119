// The group-commit driver (SQLite only): concurrent transactions share COMMITs, each caller hears
// back only once its work is committed, and a failing transaction undoes only its own work.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect, sql, type Driver, type Generated } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GroupCommitSqliteDriver } from './groupCommit.ts';

interface TestDb {
  entries: { id: Generated<number>; label: string };
}

describe('GroupCommitSqliteDriver', () => {
  let dir: string;
  let path: string;
  let db: Kysely<TestDb>;
  let commits: number;
  /** A second connection: sees only what is committed. */
  let observer: SQLite.Database;

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
    const driver = new GroupCommitSqliteDriver(sqlite);
    db = new Kysely<TestDb>({
      dialect: new (class extends SqliteDialect {
        override createDriver(): Driver {
          return driver;
        }
      })({ database: sqlite }),
    });
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

  const insertInTransaction = (label: string) =>
    db.transaction().execute(async (trx) => {
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
});
