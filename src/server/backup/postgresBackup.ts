// PostgreSQL backups with PostgreSQL's own documented tools: pg_dump's custom format of Circa's
// schema (a consistent snapshot while the server runs: pg_dump reads in one repeatable-read
// transaction), and pg_restore into a database that holds no library, in one transaction.
import { spawn } from 'node:child_process';
import { devNull, tmpdir } from 'node:os';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import pg from 'pg';
import { connectDatabase } from '../db/connect.ts';
import { migrateToLatest, MIGRATIONS } from '../db/migrate.ts';
import { BackupError, discardPartialFile, finishBackupFile, partialPathOf } from './backupFiles.ts';
import {
  BOOKKEEPING_TABLES,
  isEmptyDatabase,
  notEmptyMessage,
  type DatabaseContents,
} from './databaseContents.ts';

/** The most of a tool's error output quoted in a message. */
const TOOL_OUTPUT_QUOTED_CHARS = 600;

interface ToolRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs pg_dump or pg_restore to its end; BackupError naming the tool when it is not installed. */
function runTool(tool: 'pg_dump' | 'pg_restore', args: string[]): Promise<ToolRun> {
  return new Promise((done, fail) => {
    const child = spawn(tool, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', (error: NodeJS.ErrnoException) =>
      fail(
        error.code === 'ENOENT'
          ? new BackupError(
              `${tool} was not found on this computer's PATH. Install PostgreSQL's client programs, the same major version as the database server or newer (on Debian: apt-get install postgresql-client). Nothing was changed.`,
            )
          : error,
      ),
    );
    child.once('close', (code) => done({ code, stdout, stderr }));
  });
}

function toolFailure(tool: string, run: ToolRun): string {
  const output = run.stderr.trim() || run.stdout.trim() || 'no output';
  const quoted =
    output.length > TOOL_OUTPUT_QUOTED_CHARS
      ? `…${output.slice(-TOOL_OUTPUT_QUOTED_CHARS)}`
      : output;
  return `${tool} failed (exit code ${run.code ?? 'none: it was stopped'}): ${quoted}`;
}

/**
 * DATABASE_URL as libpq (pg_dump, pg_restore) reads it the way the server's driver does: the driver
 * takes "+" in the query as a space, as URLs in forms do, and libpq takes it as "+", so
 * `?options=-c+search_path=x` would reach PostgreSQL as "+search_path". Each parameter is given
 * percent-encoded instead.
 */
export function libpqUrl(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  const params = [...url.searchParams];
  if (params.length === 0) return databaseUrl;
  url.search = params
    .map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`)
    .join('&');
  return url.toString();
}

/** A name as pg_dump's -n pattern matches it exactly (no wildcards, case kept). */
const exactPattern = (name: string) => `"${name.replace(/"/g, '""')}"`;

async function withClient<T>(
  databaseUrl: string,
  use: (client: pg.Client) => Promise<T>,
): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrl });
  try {
    await client.connect();
  } catch (error) {
    throw new BackupError(
      `PostgreSQL at DATABASE_URL cannot be reached: ${(error as Error).message}. Nothing was changed.`,
    );
  }
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

export interface PostgresBackupResult {
  bytes: number;
  /** The schema dumped: the one the server's tables are in. */
  schema: string;
  loans: number;
}

/** `pg_dump --format=custom` of the schema DATABASE_URL's search path puts Circa's tables in. */
export async function backUpPostgres(
  databaseUrl: string,
  file: string,
): Promise<PostgresBackupResult> {
  const { schema, loans } = await withClient(databaseUrl, async (client) => {
    const current = (await client.query<{ name: string | null }>('select current_schema() as name'))
      .rows[0]?.name;
    const found = current
      ? await client.query(
          'select 1 from information_schema.tables where table_schema = $1 and table_name = $2',
          [current, 'kysely_migration'],
        )
      : { rowCount: 0 };
    if (!current || found.rowCount === 0) {
      throw new BackupError(
        `The PostgreSQL database at DATABASE_URL has no Circa tables in its search path: check DATABASE_URL (the server's). Nothing was written.`,
      );
    }
    const count = await client.query<{ n: string }>(
      `select count(*) as n from ${pg.escapeIdentifier(current)}.loans`,
    );
    return { schema: current, loans: Number(count.rows[0]?.n ?? 0) };
  });

  const partial = partialPathOf(file);
  await rm(partial, { force: true });
  try {
    const dump = await runTool('pg_dump', [
      '--format=custom',
      `--schema=${exactPattern(schema)}`,
      `--file=${partial}`,
      '--no-password',
      `--dbname=${libpqUrl(databaseUrl)}`,
    ]);
    if (dump.code !== 0) throw new BackupError(`${toolFailure('pg_dump', dump)} Nothing was kept.`);
    const archive = await readArchive(partial, 'The backup just written');
    if (archive.schema !== schema) {
      throw new BackupError(
        `The backup just written holds schema ${archive.schema}, not ${schema}.`,
      );
    }
    await finishBackupFile(file);
    return { bytes: (await stat(file)).size, schema, loans };
  } catch (error) {
    await discardPartialFile(file);
    throw error;
  }
}

interface ArchiveFacts {
  /** The schema Circa's tables are in, in the archive. */
  schema: string;
  /** The migrations the archive records. */
  migrations: string[];
  /** pg_restore's table of contents (--list), one entry a line. */
  contents: string;
}

/**
 * Reads a pg_dump archive through pg_restore, without a database: its table of contents (which
 * schema, whether it is Circa's), its migrations, and every byte of its data (a truncated file
 * fails here, before anything is changed).
 */
async function readArchive(file: string, what: string): Promise<ArchiveFacts> {
  const list = await runTool('pg_restore', ['--list', file]);
  if (list.code !== 0) {
    throw new BackupError(`${what} is damaged: ${toolFailure('pg_restore', list)}`);
  }
  // Table entries read "<id>; <oids> TABLE <schema> <name> <owner>".
  const tables = [...list.stdout.matchAll(/^\d+; \d+ \d+ TABLE (\S+) (\S+) /gm)];
  const migrationTable = tables.find((t) => t[2] === 'kysely_migration');
  if (!migrationTable) {
    throw new BackupError(
      `${what} is a pg_dump archive, but not of Circa's tables: it has no migrations table.`,
    );
  }
  const schema = migrationTable[1]!;
  const migrationRows = await runTool('pg_restore', [
    '--data-only',
    `--schema=${schema}`,
    '--table=kysely_migration',
    '--file=-',
    file,
  ]);
  if (migrationRows.code !== 0) {
    throw new BackupError(`${what} is damaged: ${toolFailure('pg_restore', migrationRows)}`);
  }
  const copy = /^COPY [^\n]* FROM stdin;\n([\s\S]*?)^\\\.$/m.exec(migrationRows.stdout);
  const migrations = (copy?.[1] ?? '')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => line.split('\t')[0]!);
  const whole = await runTool('pg_restore', [`--file=${devNull}`, file]);
  if (whole.code !== 0) {
    throw new BackupError(`${what} is damaged or incomplete: ${toolFailure('pg_restore', whole)}`);
  }
  return { schema, migrations, contents: list.stdout };
}

/**
 * The schema the server would find Circa's tables in once `schema` exists: the first schema of
 * the search path that exists, or that is `schema` (pg_restore creates it).
 */
async function schemaInUse(client: pg.Client, schema: string): Promise<string | null> {
  const { rows } = await client.query<{ path: string; user: string }>(
    `select current_setting('search_path') as path, current_user as user`,
  );
  const { path, user } = rows[0]!;
  const existing = new Set(
    (await client.query<{ nspname: string }>('select nspname from pg_namespace')).rows.map(
      (r) => r.nspname,
    ),
  );
  const entries = path
    .split(',')
    .map((entry) =>
      entry
        .trim()
        .replace(/^"(.*)"$/, '$1')
        .replace(/""/g, '"'),
    )
    .map((entry) => (entry === '$user' ? user : entry));
  return entries.find((entry) => entry === schema || existing.has(entry)) ?? null;
}

async function schemaExists(client: pg.Client, schema: string): Promise<boolean> {
  const found = await client.query('select 1 from pg_namespace where nspname = $1', [schema]);
  return found.rowCount !== 0;
}

async function postgresContents(client: pg.Client, schema: string): Promise<DatabaseContents> {
  const tables = await client.query<{ name: string }>(
    `select table_name as name from information_schema.tables where table_schema = $1 and table_type = 'BASE TABLE'`,
    [schema],
  );
  const contents = new Map<string, number>();
  for (const { name } of tables.rows) {
    if (BOOKKEEPING_TABLES.has(name)) continue;
    const { rows } = await client.query<{ n: string }>(
      `select count(*) as n from ${pg.escapeIdentifier(schema)}.${pg.escapeIdentifier(name)}`,
    );
    const count = Number(rows[0]?.n ?? 0);
    if (count > 0) contents.set(name, count);
  }
  return contents;
}

/**
 * pg_dump of one schema leaves out extensions, but Circa's search indexes use pg_trgm's operators
 * (migration 0009 creates it in public): create it as that migration does, before the restore
 * needs it. Where it cannot be created, the migration made no such indexes either.
 */
async function ensureTrigramExtension(client: pg.Client): Promise<void> {
  await client
    .query('create extension if not exists pg_trgm with schema public')
    .catch(() => undefined);
}

export interface PostgresRestoreResult {
  schema: string;
  loans: number;
  migrations: number;
  migrationsInBackup: number;
}

/**
 * Restores a pg_dump archive into the database at DATABASE_URL: checked first, refused over a
 * library without `force`, then pg_restore in one transaction (an error rolls all of it back) and
 * this version's migrations.
 */
export async function restorePostgres(
  databaseUrl: string,
  file: string,
  force: boolean,
): Promise<PostgresRestoreResult> {
  const archive = await readArchive(file, `The backup ${file}`).catch((error: unknown) => {
    if (error instanceof BackupError)
      throw new BackupError(`${error.message} Nothing was changed.`);
    throw error;
  });
  const unknown = archive.migrations.filter((name) => !(name in MIGRATIONS));
  if (unknown.length > 0) {
    throw new BackupError(
      `The backup ${file} was made by a newer version of Circa (it has the migration ${unknown[0]}, which this version does not know): restore it with that version or a later one. Nothing was changed.`,
    );
  }
  const existingSchema = await withClient(databaseUrl, async (client) => {
    const inUse = await schemaInUse(client, archive.schema);
    if (inUse !== archive.schema) {
      throw new BackupError(
        `Nothing was changed: the backup holds Circa's tables in schema ${archive.schema}, but DATABASE_URL's search path would look for them in ${inUse ?? 'no schema'}. Restore into a database whose search path starts with ${archive.schema}.`,
      );
    }
    const contents = await postgresContents(client, archive.schema);
    if (!force && !isEmptyDatabase(contents)) throw new BackupError(notEmptyMessage(contents));
    await ensureTrigramExtension(client);
    return schemaExists(client, archive.schema);
  });

  // The schema itself is dropped and created only when the target does not have it yet: dropping
  // an existing one (public, most often) fails while anything else lives in it, pg_trgm included.
  const listFile = join(await mkdtemp(join(tmpdir(), 'circa-restore-')), 'contents.list');
  const restoreList = existingSchema
    ? archive.contents.replace(/^(\d+; \d+ \d+ (SCHEMA|COMMENT) - (SCHEMA )?)/gm, ';$1')
    : archive.contents;
  await writeFile(listFile, restoreList);
  const restore = await runTool('pg_restore', [
    '--clean',
    '--if-exists',
    '--no-owner',
    '--single-transaction',
    '--exit-on-error',
    '--no-password',
    `--use-list=${listFile}`,
    `--dbname=${libpqUrl(databaseUrl)}`,
    file,
  ]).finally(() => rm(dirname(listFile), { recursive: true, force: true }));
  if (restore.code !== 0) {
    throw new BackupError(
      `${toolFailure('pg_restore', restore)} It ran in one transaction, so nothing was changed.`,
    );
  }

  const restored = connectDatabase(databaseUrl);
  try {
    await migrateToLatest(restored.db);
  } finally {
    await restored.close();
  }
  return withClient(databaseUrl, async (client) => {
    const table = (name: string) => `${pg.escapeIdentifier(archive.schema)}.${name}`;
    const count = async (name: string) =>
      Number(
        (await client.query<{ n: string }>(`select count(*) as n from ${table(name)}`)).rows[0]
          ?.n ?? 0,
      );
    return {
      schema: archive.schema,
      loans: await count('loans'),
      migrations: await count('kysely_migration'),
      migrationsInBackup: archive.migrations.length,
    };
  });
}
