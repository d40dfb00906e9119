// A PostgreSQL primary and a streaming standby of the test's own (initdb, a physical replication
// slot, pg_basebackup -R; under /tmp on spare ports, run as the postgres user), for failover trials:
// the primary can be killed like a crashed machine and the standby promoted. The standby streams
// through a TCP proxy, so a trial can cut the link and hold an asynchronous standby back.
import { execFile, execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import pg from 'pg';
import { freePort, postgresBinDir } from './privatePostgres.ts';
import { startTcpProxy, type TcpProxy } from './tcpProxy.ts';

/** The slot the standby streams through (docs/failover.md uses the same name). */
export const STANDBY_SLOT = 'circa_standby';
const STREAMING_DEADLINE_MS = 60_000;

export interface Cluster {
  port: number;
  /** postgres://… of the cluster's `postgres` database. */
  url: string;
}

export interface ReplicatedPostgres {
  primary: Cluster;
  standby: Cluster;
  /** The standby's way to the primary: `cut()` holds it back, as a broken network would. */
  replicationLink: TcpProxy;
  /** SIGKILLs the primary's postmaster and every process it started: a machine that died. */
  killPrimary(): void;
  /** `pg_ctl promote`: the standby becomes a primary, taking writes. */
  promoteStandby(): void;
  dispose(): Promise<void>;
  /** Both server logs, to explain a failure. */
  log(): string;
}

export async function startReplicatedPostgres(props: {
  /** synchronous_standby_names = '*' (the documented setting) or none (asynchronous). */
  synchronous: boolean;
}): Promise<ReplicatedPostgres> {
  const bin = postgresBinDir();
  if (!bin) throw new Error('No PostgreSQL server binaries under /usr/lib/postgresql.');
  if (process.getuid?.() !== 0) {
    throw new Error('The PostgreSQL clusters are started as the postgres user: run as root.');
  }
  const home = mkdtempSync(join(tmpdir(), 'circa-failover-'));
  const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
  chownSync(home, uid, gid);
  const asPostgres = (tool: string, args: string[]) =>
    execFileSync('runuser', ['-u', 'postgres', '--', join(bin, tool), ...args], {
      stdio: 'pipe',
      encoding: 'utf8',
    });
  const primaryData = join(home, 'primary');
  const standbyData = join(home, 'standby');
  const [primaryPort, standbyPort] = [await freePort(), await freePort()];
  const start = (data: string, port: number) =>
    asPostgres('pg_ctl', [
      '-D',
      data,
      '-l',
      join(home, `${port}.log`),
      '-w',
      '-o',
      `-p ${port} -k ${home} -c listen_addresses=127.0.0.1 -c fsync=on -c wal_level=replica -c hot_standby=on`,
      'start',
    ]);

  asPostgres('initdb', ['-D', primaryData, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8']);
  start(primaryData, primaryPort);
  await query(urlOf(primaryPort), `select pg_create_physical_replication_slot($1, true)`, [
    STANDBY_SLOT,
  ]);
  const replicationLink = await startTcpProxy(primaryPort);
  // Copied through the link, so the standby's primary_conninfo (-R) names the link too; run
  // without blocking, for the link lives in this process.
  await promisify(execFile)('runuser', [
    '-u',
    'postgres',
    '--',
    join(bin, 'pg_basebackup'),
    '-h',
    '127.0.0.1',
    '-p',
    String(replicationLink.port),
    '-U',
    'postgres',
    '-D',
    standbyData,
    '-R',
    '-S',
    STANDBY_SLOT,
    '-X',
    'stream',
    '-c',
    'fast',
  ]);
  start(standbyData, standbyPort);
  await waitForStreaming(urlOf(primaryPort));
  if (props.synchronous) {
    // Set on the primary only once the standby streams (commits would wait for it otherwise), and
    // after the base backup, so the promoted standby does not wait for a standby of its own.
    await query(urlOf(primaryPort), `alter system set synchronous_standby_names = '*'`);
    await query(urlOf(primaryPort), 'select pg_reload_conf()');
    await waitFor(
      urlOf(primaryPort),
      `select 1 from pg_stat_replication where sync_state = 'sync'`,
    );
  }

  const stopped = (data: string) => {
    try {
      asPostgres('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
    } catch {
      // Already stopped, or killed.
    }
  };
  return {
    primary: { port: primaryPort, url: urlOf(primaryPort) },
    standby: { port: standbyPort, url: urlOf(standbyPort) },
    replicationLink,
    killPrimary() {
      const postmaster = Number(
        readFileSync(join(primaryData, 'postmaster.pid'), 'utf8').split('\n')[0],
      );
      const children = execFileSync('ps', ['-o', 'pid=', '--ppid', String(postmaster)], {
        encoding: 'utf8',
      })
        .split('\n')
        .map((line) => Number(line.trim()))
        .filter((pid) => pid > 0);
      for (const pid of [postmaster, ...children]) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // Gone already.
        }
      }
    },
    promoteStandby() {
      asPostgres('pg_ctl', ['-D', standbyData, '-w', 'promote']);
    },
    async dispose() {
      await replicationLink.dispose();
      stopped(primaryData);
      stopped(standbyData);
      rmSync(home, { recursive: true, force: true });
    },
    log: () =>
      [primaryPort, standbyPort]
        .map((port) => join(home, `${port}.log`))
        .filter((file) => existsSync(file))
        .map((file) => `--- ${file}\n${readFileSync(file, 'utf8')}`)
        .join('\n'),
  };
}

function urlOf(port: number): string {
  return `postgres://postgres@127.0.0.1:${port}/postgres`;
}

async function query(url: string, text: string, values: unknown[] = []): Promise<unknown[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text, values)).rows;
  } finally {
    await client.end();
  }
}

async function waitFor(url: string, text: string): Promise<void> {
  const deadline = Date.now() + STREAMING_DEADLINE_MS;
  while ((await query(url, text)).length === 0) {
    if (Date.now() > deadline) throw new Error(`Never true on ${url}: ${text}`);
    await sleep(50);
  }
}

function waitForStreaming(primaryUrl: string): Promise<void> {
  return waitFor(primaryUrl, `select 1 from pg_stat_replication where state = 'streaming'`);
}
