// Runs the `circa` command line as people do — `node bin/circa.js …`, the compiled code, its own
// process — with the environment and standard input a test chooses, against a test's database.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { TEST_PASSWORD_COST } from './factories.ts';
import { TEST_POSTGRES_URL } from './engines.ts';

export const REPO_ROOT = resolve(import.meta.dirname, '..', '..', '..');
export const CIRCA_BIN = join(REPO_ROOT, 'bin', 'circa.js');

export interface CommandLineRun {
  /** The exit code (null when ended by a signal). */
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunCommandLineOptions {
  /** DATABASE_URL for the command (a PostgreSQL one with its schema: databaseUrlFor). */
  databaseUrl?: string;
  /** Sent to standard input, which is then closed (a pipe, not a terminal). */
  stdin?: string;
  env?: Record<string, string>;
  /** The program to run instead of `node bin/circa.js` (e.g. npx), with its first arguments. */
  command?: { file: string; args: string[] };
  cwd?: string;
}

/** Runs `circa <args>` to its end. */
export function runCommandLine(
  args: readonly string[],
  options: RunCommandLineOptions = {},
): Promise<CommandLineRun> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PASSWORD_COST: String(TEST_PASSWORD_COST),
    ...options.env,
  };
  delete env['DATABASE_URL'];
  if (options.databaseUrl !== undefined) env['DATABASE_URL'] = options.databaseUrl;
  const command = options.command ?? { file: process.execPath, args: [CIRCA_BIN] };
  const child = spawn(command.file, [...command.args, ...args], {
    cwd: options.cwd ?? REPO_ROOT,
    env,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  // A command that never reads its input closes the pipe first: that is not the test's failure.
  child.stdin.on('error', () => undefined);
  child.stdin.end(options.stdin ?? '');
  return new Promise((done, fail) => {
    child.once('error', fail);
    child.once('close', (code) => done({ code, stdout, stderr }));
  });
}

/** A DATABASE_URL that reaches this PostgreSQL schema from another process (libpq's `options`). */
export function databaseUrlFor(test: { url: string; searchPath?: string }): string {
  if (!test.searchPath) return test.url;
  const url = new URL(test.url);
  url.searchParams.set('options', `-c search_path=${test.searchPath}`);
  return url.toString();
}

async function postgresQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/** A new PostgreSQL schema with nothing in it (not even migrations), and how to drop it. */
export async function emptyPostgresSchema(): Promise<{
  url: string;
  searchPath: string;
  drop(): Promise<void>;
}> {
  const searchPath = `test_${process.pid}_${randomBytes(4).toString('hex')}`;
  await postgresQuery(`CREATE SCHEMA ${searchPath}`);
  return {
    url: TEST_POSTGRES_URL,
    searchPath,
    drop: () => postgresQuery(`DROP SCHEMA ${searchPath} CASCADE`),
  };
}
