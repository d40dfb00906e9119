// SQLite backups through SQLite's online backup API, never a file copy: the server keeps writing
// while a backup runs, and a copied file (plus its -wal) could be caught half-way through a
// transaction. The API copies a consistent snapshot: every page in one step, inside one read
// transaction, which in WAL mode never stops the server writing meanwhile.
import { existsSync } from 'node:fs';
import { mkdir, rm, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { connectDatabase } from '../db/connect.ts';
import { migrateToLatest, MIGRATIONS } from '../db/migrate.ts';
import { BackupError, discardPartialFile, finishBackupFile, partialPathOf } from './backupFiles.ts';
import {
  BOOKKEEPING_TABLES,
  isEmptyDatabase,
  notEmptyMessage,
  type DatabaseContents,
} from './databaseContents.ts';

/**
 * Pages per backup step: all of them. Copied in several steps, a backup is started over whenever
 * the server writes between two steps, so on a busy library it might never finish.
 */
const ALL_PAGES = 0x7fffffff;

export interface SqliteCheck {
  /** Loans in the database checked. */
  loans: number;
  /** Migrations recorded in it. */
  migrations: number;
}

export interface SqliteBackupResult extends SqliteCheck {
  bytes: number;
}

/** The path of a `sqlite:PATH` DATABASE_URL. */
export function sqlitePathOf(databaseUrl: string): string {
  const path = databaseUrl.slice('sqlite:'.length);
  if (path === ':memory:' || path === '') {
    throw new BackupError(
      'DATABASE_URL names an in-memory SQLite database, which has nothing to back up or restore into.',
    );
  }
  return path;
}

/** Copies the database at `databasePath` to `file` while the server may be using it. */
export async function backUpSqlite(
  databasePath: string,
  file: string,
): Promise<SqliteBackupResult> {
  if (!existsSync(databasePath)) {
    throw new BackupError(
      `There is no SQLite database at ${databasePath}: check DATABASE_URL (the server's database is data/circa.sqlite in the folder it runs in, unless DATABASE_URL says otherwise).`,
    );
  }
  const partial = partialPathOf(file);
  await rm(partial, { force: true });
  const source = new SQLite(databasePath, { readonly: true, fileMustExist: true });
  try {
    await source.backup(partial, { progress: () => ALL_PAGES });
  } catch (error) {
    await discardPartialFile(file);
    throw new BackupError(`The backup could not be written to ${partial}: ${messageOf(error)}`, {
      cause: error,
    });
  } finally {
    source.close();
  }
  try {
    // A backup is one self-contained file: no -wal beside it to lose when it is copied elsewhere.
    const copy = new SQLite(partial);
    try {
      copy.pragma('journal_mode = DELETE');
    } finally {
      copy.close();
    }
    const checked = checkSqliteFile(partial, 'The backup just written');
    await finishBackupFile(file);
    return { ...checked, bytes: (await stat(file)).size };
  } catch (error) {
    await discardPartialFile(file);
    throw error;
  }
}

/**
 * Runs SQLite's integrity_check and foreign_key_check on a database file and counts what a
 * librarian would look for; BackupError when either check fails. `what` names the file in it.
 */
export function checkSqliteFile(path: string, what: string): SqliteCheck {
  let database: SQLite.Database;
  try {
    database = new SQLite(path, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new BackupError(`${what} cannot be opened as a SQLite database: ${messageOf(error)}`);
  }
  try {
    const problems = runChecks(database);
    if (problems.length > 0) {
      throw new BackupError(
        `${what} is damaged: SQLite's checks report ${problems.slice(0, 3).join('; ')}${problems.length > 3 ? ` and ${problems.length - 3} more` : ''}.`,
      );
    }
    if (!hasTable(database, 'kysely_migration')) {
      throw new BackupError(
        `${what} is a SQLite database, but not Circa's: it has no migrations table.`,
      );
    }
    const migrations = database
      .prepare('select name from kysely_migration')
      .pluck()
      .all() as string[];
    const unknown = migrations.filter((name) => !(name in MIGRATIONS));
    if (unknown.length > 0) {
      throw new BackupError(
        `${what} was made by a newer version of Circa (it has the migration ${unknown[0]}, which this version does not know): restore it with that version or a later one.`,
      );
    }
    const loans = hasTable(database, 'loans')
      ? (database.prepare('select count(*) from loans').pluck().get() as number)
      : 0;
    return { loans, migrations: migrations.length };
  } finally {
    database.close();
  }
}

/** integrity_check and foreign_key_check's findings; empty when the file is sound. */
function runChecks(database: SQLite.Database): string[] {
  try {
    const integrity = database.pragma('integrity_check', { simple: false }) as Array<{
      integrity_check: string;
    }>;
    const problems = integrity.map((row) => row.integrity_check).filter((text) => text !== 'ok');
    const foreignKeys = database.pragma('foreign_key_check') as Array<{
      table: string;
      rowid: number;
      parent: string;
    }>;
    for (const row of foreignKeys) {
      problems.push(`row ${row.rowid} of ${row.table} refers to a missing row of ${row.parent}`);
    }
    return problems;
  } catch (error) {
    // A truncated or overwritten file fails the check itself (SQLITE_CORRUPT, SQLITE_NOTADB).
    return [messageOf(error)];
  }
}

function hasTable(database: SQLite.Database, name: string): boolean {
  return (
    database
      .prepare("select 1 from sqlite_schema where type = 'table' and name = ?")
      .pluck()
      .get(name) !== undefined
  );
}

/** Rows per table in a database file (none when it does not exist yet), bookkeeping left out. */
function sqliteContents(database: SQLite.Database): DatabaseContents {
  const tables = database.pragma('table_list') as Array<{
    schema: string;
    name: string;
    type: string;
  }>;
  const contents = new Map<string, number>();
  for (const { schema, name, type } of tables) {
    // Full-text search keeps rows of its own in shadow tables: counted through their main table.
    if (schema !== 'main' || type !== 'table' || name.startsWith('sqlite_')) continue;
    if (BOOKKEEPING_TABLES.has(name)) continue;
    const rows = database
      .prepare(`select count(*) from "${name.replace(/"/g, '""')}"`)
      .pluck()
      .get() as number;
    if (rows > 0) contents.set(name, rows);
  }
  return contents;
}

/**
 * Looks at the database a restore would replace: refuses while another process has it open (the
 * server, most likely) and, without `force`, when it holds a library. Nothing is written.
 */
function checkRestoreTarget(databasePath: string, force: boolean): void {
  if (!existsSync(databasePath)) return;
  let target: SQLite.Database;
  try {
    target = new SQLite(databasePath, { fileMustExist: true, timeout: 0 });
  } catch (error) {
    throw new BackupError(
      `Nothing was changed: ${databasePath} cannot be opened (${messageOf(error)}).`,
    );
  }
  try {
    // In WAL mode every open connection holds a shared lock on the file for as long as it is
    // open, so an exclusive lock is refused while the server (or anything else) has it open.
    try {
      target.pragma('locking_mode = EXCLUSIVE');
      target.exec('BEGIN EXCLUSIVE');
    } catch (error) {
      if ((error as { code?: string }).code === 'SQLITE_BUSY') {
        throw new BackupError(
          `Nothing was changed: the database ${databasePath} is in use, most likely by the Circa server. Stop the server, then restore.`,
        );
      }
      throw new BackupError(
        `Nothing was changed: ${databasePath} cannot be read (${messageOf(error)}).`,
      );
    }
    let contents: DatabaseContents;
    try {
      contents = sqliteContents(target);
    } catch (error) {
      throw new BackupError(
        `Nothing was changed: ${databasePath} is not a SQLite database Circa can read (${messageOf(error)}). Move it away, then restore.`,
      );
    } finally {
      target.exec('ROLLBACK');
    }
    if (!force && !isEmptyDatabase(contents)) throw new BackupError(notEmptyMessage(contents));
  } finally {
    target.close();
  }
}

export interface SqliteRestoreResult extends SqliteCheck {
  /** Migrations the backup had; fewer than `migrations` when the restore upgraded it. */
  migrationsInBackup: number;
}

/**
 * Restores `file` into the database at `databasePath`: the backup is checked first, then copied in
 * by the backup API (a transaction on the target, so a crash leaves the old database or the whole
 * restored one), brought up to this version's migrations, and checked again.
 */
export async function restoreSqlite(
  databaseUrl: string,
  file: string,
  force: boolean,
): Promise<SqliteRestoreResult> {
  const databasePath = sqlitePathOf(databaseUrl);
  const inBackup = withNothingChanged(() => checkSqliteFile(file, `The backup ${file}`));
  checkRestoreTarget(databasePath, force);

  await mkdir(dirname(databasePath), { recursive: true });
  const source = new SQLite(file, { readonly: true, fileMustExist: true });
  try {
    await source.backup(databasePath, { progress: () => ALL_PAGES });
  } catch (error) {
    throw new BackupError(`The restore into ${databasePath} failed: ${messageOf(error)}`, {
      cause: error,
    });
  } finally {
    source.close();
  }

  // A backup from an older version of Circa is upgraded, as the server would on its next start.
  const restored = connectDatabase(databaseUrl);
  try {
    await migrateToLatest(restored.db);
  } finally {
    await restored.close();
  }
  const checked = checkSqliteFile(databasePath, `The restored database ${databasePath}`);
  return { ...checked, migrationsInBackup: inBackup.migrations };
}

function withNothingChanged<T>(check: () => T): T {
  try {
    return check();
  } catch (error) {
    if (error instanceof BackupError)
      throw new BackupError(`${error.message} Nothing was changed.`);
    throw error;
  }
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));
