// Runs the `circa` command line as people do — `node bin/circa.js …`, the compiled code, its own
// process — with the environment and standard input a test chooses, against a test's database.
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { TEST_PASSWORD_COST } from './factories.ts';

export const REPO_ROOT = resolve(import.meta.dirname, '..', '..', '..');
export const CIRCA_BIN = join(REPO_ROOT, 'bin', 'circa.js');

export interface CommandLineRun {
  /** The exit code (null when ended by a signal). */
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunCommandLineOptions {
  /** DATABASE_URL for the command (a test database's `url`). */
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
