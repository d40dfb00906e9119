// `circa backup` and `circa restore` in their own process: what they say and their exit codes when
// something is wrong, and that nothing changes then. The whole round trip during a busy desk is
// backup/backupRestore.db.test.ts.
import { mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectDatabase } from '../db/connect.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { runCommandLine } from '../testing/circaCommandLine.testing.ts';
import { openTestDatabase, TEST_ENGINES, type TestDatabase } from '../testing/engines.ts';

const dir = mkdtempSync(join(tmpdir(), 'circa-backup-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A migrated SQLite library at a path of its own, with one branch so it is not empty. */
async function sqliteLibrary(name: string): Promise<string> {
  const url = `sqlite:${join(dir, name, 'circa.sqlite')}`;
  const handle = connectDatabase(url);
  await migrateToLatest(handle.db);
  await handle.db
    .insertInto('branches')
    .values({ code: 'MAIN', name: 'Main Library', time_zone: 'UTC' } as never)
    .execute();
  await handle.close();
  return url;
}

describe('circa backup and circa restore', () => {
  let library: string;
  let backupFile: string;
  beforeAll(async () => {
    library = await sqliteLibrary('library');
    backupFile = join(dir, 'library.sqlite');
    const made = await runCommandLine(['backup', backupFile], { databaseUrl: library });
    if (made.code !== 0) throw new Error(`circa backup failed: ${made.stderr}`);
  });

  it('are listed by circa --help with their help', async () => {
    const run = await runCommandLine(['--help']);
    expect(run.stdout).toMatch(/backup <file>\s+Back up the database to a file, while Circa runs/);
    expect(run.stdout).toMatch(/restore \[options\] <file>\s+Restore the database from a backup/);
    const help = await runCommandLine(['help', 'restore']);
    expect(help.stdout).toContain('--force');
    expect(help.stdout).toContain('Stop the server first.');
  });

  it('says so when there is no database to back up, and writes nothing', async () => {
    const file = join(dir, 'nothing.sqlite');
    const run = await runCommandLine(['backup', file], {
      databaseUrl: `sqlite:${join(dir, 'no-such', 'circa.sqlite')}`,
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /^There is no SQLite database at .*no-such\/circa\.sqlite: check DATABASE_URL/,
    );
    expect(existsSync(file)).toBe(false);
    expect(existsSync(`${file}.partial`)).toBe(false);
  });

  it('refuses a missing file, and one that is no Circa backup', async () => {
    const target = `sqlite:${join(dir, 'never', 'circa.sqlite')}`;
    const missing = await runCommandLine(['restore', join(dir, 'missing.sqlite')], {
      databaseUrl: target,
    });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(
      /^There is no file .*missing\.sqlite: check the name and the folder\. Nothing was changed\.\n$/,
    );
    const text = join(dir, 'notes.txt');
    writeFileSync(text, 'not a backup');
    const notBackup = await runCommandLine(['restore', text], { databaseUrl: target });
    expect(notBackup.code).toBe(1);
    expect(notBackup.stderr).toMatch(
      /notes\.txt is not a Circa backup: it is neither a SQLite database nor a pg_dump custom-format archive/,
    );
    const otherSqlite = join(dir, 'other.sqlite');
    const other = new SQLite(otherSqlite);
    other.exec('create table notes (text)');
    other.close();
    const notCirca = await runCommandLine(['restore', otherSqlite], { databaseUrl: target });
    expect(notCirca.code).toBe(1);
    expect(notCirca.stderr).toMatch(
      /is a SQLite database, but not Circa's: it has no migrations table\. Nothing was changed\./,
    );
    expect(existsSync(join(dir, 'never'))).toBe(false);
  });

  it('refuses to restore while the database is open, most likely by the server', async () => {
    const inUse = await sqliteLibrary('in-use');
    const server = new SQLite(inUse.slice('sqlite:'.length));
    server.pragma('journal_mode = WAL');
    try {
      const run = await runCommandLine(['restore', backupFile, '--force'], { databaseUrl: inUse });
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(
        /^Nothing was changed: the database .* is in use, most likely by the Circa server\. Stop the server, then restore\./,
      );
    } finally {
      server.close();
    }
  });

  it('names a database that holds a library, and replaces it only with --force', async () => {
    const run = await runCommandLine(['restore', backupFile], { databaseUrl: library });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      'Nothing was changed: the database holds 1 branch; restoring would replace them. Back it up first if it may be needed (circa backup FILE), then pass --force to replace it.\n',
    );
    const forced = await runCommandLine(['restore', backupFile, '--force'], {
      databaseUrl: library,
    });
    expect(forced.stderr).toBe('');
    expect(forced.stdout).toBe(
      'Restored the SQLite database: 0 loans. integrity_check and foreign_key_check passed. Start the server when ready.\n',
    );
    expect(forced.code).toBe(0);
  });

  describe.runIf(TEST_ENGINES.includes('postgres'))('on PostgreSQL', () => {
    let postgres: TestDatabase;
    beforeAll(async () => {
      postgres = await openTestDatabase('postgres');
    });
    afterAll(() => postgres.dispose());

    it('refuses a SQLite backup, naming both engines', async () => {
      const run = await runCommandLine(['restore', backupFile], {
        databaseUrl: postgres.url,
      });
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(
        /library\.sqlite is a backup of a SQLite database, but DATABASE_URL names a PostgreSQL database: restore it into SQLite.*Nothing was changed\./,
      );
    });

    it('says how to get pg_dump when it is not installed', async () => {
      const file = join(dir, 'no-tools.pgdump');
      const run = await runCommandLine(['backup', file], {
        databaseUrl: postgres.url,
        env: { PATH: join(dir, 'no-programs-here') },
      });
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(
        /^pg_dump was not found on this computer's PATH\. Install PostgreSQL's client programs.*apt-get install postgresql-client/,
      );
      expect(existsSync(file)).toBe(false);
    });
  });
});
