// A PostgreSQL cluster of the test's own (initdb + pg_ctl under /tmp, on a spare port, run as the
// postgres user), so a test may crash and restart it without touching the machine's shared cluster
// on 5432 that other tests use.
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../src/server/testing/freePort.testing.ts';

const POSTGRES_LIB = '/usr/lib/postgresql';

export interface PrivatePostgres {
  /** postgres://… of the cluster's `postgres` database. */
  url: string;
  /** Stops it like a power cut (no shutdown checkpoint), then starts it; it recovers from WAL. */
  crashAndRestart(): void;
  stop(): void;
  start(): void;
  dispose(): void;
  /** The server log, to explain a failure. */
  log(): string;
}

/** The newest installed PostgreSQL's bin folder, or null when there is none. */
export function postgresBinDir(): string | null {
  if (!existsSync(POSTGRES_LIB)) return null;
  const versions = readdirSync(POSTGRES_LIB)
    .filter((v) => existsSync(join(POSTGRES_LIB, v, 'bin', 'initdb')))
    .toSorted((a, b) => Number(b) - Number(a));
  return versions[0] ? join(POSTGRES_LIB, versions[0], 'bin') : null;
}

export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const bin = postgresBinDir();
  if (!bin) throw new Error(`No PostgreSQL server binaries under ${POSTGRES_LIB}.`);
  if (process.getuid?.() !== 0) {
    throw new Error('The private PostgreSQL cluster is started as the postgres user: run as root.');
  }
  const home = mkdtempSync(join(tmpdir(), 'circa-pg-'));
  const postgresUid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
  const postgresGid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
  chownSync(home, postgresUid, postgresGid);
  const data = join(home, 'data');
  const logFile = join(home, 'server.log');
  const port = await freePort();
  const asPostgres = (tool: string, args: string[]) =>
    execFileSync('runuser', ['-u', 'postgres', '--', join(bin, tool), ...args], {
      stdio: 'pipe',
      encoding: 'utf8',
    });
  asPostgres('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-sync']);
  const start = () =>
    asPostgres('pg_ctl', [
      '-D',
      data,
      '-l',
      logFile,
      '-w',
      '-o',
      `-p ${port} -k ${home} -c listen_addresses=127.0.0.1 -c fsync=on`,
      'start',
    ]);
  const stop = (mode: 'fast' | 'immediate') =>
    asPostgres('pg_ctl', ['-D', data, '-m', mode, '-w', 'stop']);
  start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    crashAndRestart() {
      stop('immediate');
      start();
    },
    stop: () => stop('fast'),
    start,
    dispose() {
      try {
        stop('immediate');
      } catch {
        // Already stopped.
      }
      rmSync(home, { recursive: true, force: true });
    },
    log: () => (existsSync(logFile) ? execFileSync('cat', [logFile], { encoding: 'utf8' }) : ''),
  };
}

export { freePort };
