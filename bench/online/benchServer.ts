// The real Circa server for the online benchmarks: a database prepared here (migrated, the demo
// library seeded, plus whatever a benchmark adds), then the compiled server (dist/server/main.js,
// as in production) in a child process, so the load generator never shares its event loop.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Kysely } from 'kysely';
import pg from 'pg';
import { connectDatabase, type Engine } from '../../src/server/db/connect.ts';
import type { Database } from '../../src/server/db/schema.ts';
import { migrateToLatest } from '../../src/server/db/migrate.ts';
import { seedDemoLibraryIfEmpty } from '../../src/server/demo/seed.ts';
import { compiledServerArgs } from '../../src/server/testing/compiledServer.ts';

const REPO_ROOT = resolve(import.meta.dirname, '..', '..');
/** The lowest scrypt cost the server accepts: signing in 100 desks takes milliseconds. */
export const BENCH_PASSWORD_COST = 1024;
const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 15_000;
/** The end of what the server printed, kept to explain a failure. */
const KEPT_OUTPUT_CHARS = 20_000;

export interface BenchServerOptions {
  engine: Engine;
  /** PostgreSQL only: the server to create a throw-away database on (its URL names any database). */
  postgresUrl?: string;
  /** Adds benchmark data after the demo library is seeded, before the server starts. */
  prepare?: (db: Kysely<Database>) => Promise<void>;
  /**
   * The server's LOG_LEVEL. 'info' (the production default) logs every request, and its cost is
   * part of what a desk waits for; the output is drained and dropped.
   */
  logLevel?: string;
  /** Writes a V8 CPU profile of the server into this directory when it stops (node --cpu-prof). */
  cpuProfileDir?: string;
}

export interface BenchServer {
  /** e.g. http://127.0.0.1:41234 */
  readonly url: string;
  /** The DATABASE_URL the server uses, for checks the benchmark makes afterwards. */
  readonly databaseUrl: string;
  /** Connects to the server's database (the caller closes the handle). */
  connect(): ReturnType<typeof connectDatabase>;
  /** Everything the server printed lately, to explain a failure. */
  output(): string;
  /** Stops the server (SIGTERM), then deletes its database. */
  dispose(): Promise<void>;
}

export async function startBenchServer(options: BenchServerOptions): Promise<BenchServer> {
  const database = await createDatabase(options);
  try {
    const handle = connectDatabase(database.url);
    try {
      await migrateToLatest(handle.db);
      await seedDemoLibraryIfEmpty(handle.db, { passwordCost: BENCH_PASSWORD_COST });
      await options.prepare?.(handle.db);
    } finally {
      await handle.close();
    }
    const child = await startChild(database.url, options);
    return {
      url: child.url,
      databaseUrl: database.url,
      connect: () => connectDatabase(database.url),
      output: child.output,
      async dispose() {
        try {
          await child.stop();
        } finally {
          await database.drop();
        }
      },
    };
  } catch (error) {
    await database.drop();
    throw error;
  }
}

interface ThrowAwayDatabase {
  url: string;
  drop(): Promise<void>;
}

async function createDatabase(options: BenchServerOptions): Promise<ThrowAwayDatabase> {
  if (options.engine === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'circa-bench-'));
    return {
      url: `sqlite:${join(dir, 'circa.sqlite')}`,
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  if (!options.postgresUrl) throw new Error('A PostgreSQL benchmark needs a PostgreSQL URL.');
  const name = `circa_bench_${process.pid}_${randomBytes(4).toString('hex')}`;
  await adminQuery(options.postgresUrl, `CREATE DATABASE ${name}`);
  const url = new URL(options.postgresUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => adminQuery(options.postgresUrl!, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

async function adminQuery(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

interface Child {
  url: string;
  output(): string;
  stop(): Promise<void>;
}

async function startChild(databaseUrl: string, options: BenchServerOptions): Promise<Child> {
  const profiling = options.cpuProfileDir
    ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfileDir}`]
    : [];
  // node itself runs the server in this one child, so SIGTERM reaches it directly.
  const child = spawn(process.execPath, compiledServerArgs(profiling), {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_URL: databaseUrl,
      PASSWORD_COST: String(BENCH_PASSWORD_COST),
      // Every desk signs in from this one address.
      SIGN_IN_ATTEMPTS_PER_MINUTE: '10000',
      LOG_LEVEL: options.logLevel ?? 'info',
      // No web apps are needed; the server answers API routes either way.
      DIST_DIR: join(tmpdir(), 'circa-bench-no-dist'),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-KEPT_OUTPUT_CHARS);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const url = await waitForAddress(child, () => output);
  return { url, output: () => output, stop: () => stopChild(child) };
}

/** main.ts prints its address once it listens (PORT=0 lets the system choose a free port). */
async function waitForAddress(child: ChildProcess, output: () => string): Promise<string> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const match = /running at (http:\/\/[^\s]+) \(/.exec(output());
    if (match?.[1]) return match[1].replace('localhost', '127.0.0.1');
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`The Circa server exited while starting:\n${output()}`);
    }
    await new Promise((done) => setTimeout(done, 50));
  }
  child.kill('SIGKILL');
  throw new Error(`The Circa server did not start within ${START_TIMEOUT_MS} ms:\n${output()}`);
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  child.kill('SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((done) => {
    timer = setTimeout(() => done('timeout'), STOP_TIMEOUT_MS);
  });
  const outcome = await Promise.race([exited, timedOut]);
  clearTimeout(timer);
  if (outcome === 'timeout') {
    child.kill('SIGKILL');
    await exited;
  }
}
