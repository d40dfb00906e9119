// Runs the real Circa server, compiled as in production, as a child process for browser tests: its
// own port and SQLite file, stoppable gently (SIGTERM) or brutally (SIGKILL), and restartable on the
// same port and database, so tests can take the server away from a browser and bring it back.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { compiledServerArgs } from '../../src/server/testing/compiledServer.ts';

const REPO_ROOT = resolve(import.meta.dirname, '..', '..');
/** Generous: the first start migrates and seeds the demo library (2,000 patrons, 20,000 items). */
const START_TIMEOUT_MS = 90_000;
const STOP_TIMEOUT_MS = 15_000;
const HEALTH_POLL_INTERVAL_MS = 100;
/** The lowest scrypt cost the server accepts: sign-in in tests takes milliseconds, not 0.6 s. */
const TEST_PASSWORD_COST = 1024;
/**
 * The built web apps the server serves. CIRCA_E2E_DIST_DIR lets several builds live side by side
 * (one per developer working in the same checkout); `npm run test:e2e` builds into `dist/web`.
 */
export const E2E_DIST_DIR = resolve(
  process.env['CIRCA_E2E_DIST_DIR'] ?? join(REPO_ROOT, 'dist', 'web'),
);

export interface CircaServer {
  /** e.g. http://127.0.0.1:41234 */
  readonly url: string;
  readonly port: number;
  /** The SQLite file, for tests that read the demo data directly. */
  readonly databasePath: string;
  /** Starts it again on the same port and database after stop() or kill(). */
  start(): Promise<void>;
  /** SIGTERM: the server finishes open requests and closes the database. */
  stop(): Promise<void>;
  /** SIGKILL: the server vanishes mid-flight, as in a crash or power cut. */
  kill(): Promise<void>;
  /** Stops the server and deletes its database. */
  dispose(): Promise<void>;
  /** Everything the server printed, to explain a failure. */
  output(): string;
}

export interface StartServerOptions {
  /** More environment variables for the server. */
  env?: Record<string, string>;
  /** The built web apps to serve, when not E2E_DIST_DIR (benchmarks build their own). */
  distDir?: string;
}

/** Starts Circa on a free port with a new SQLite database. Needs `npm run build` to have run. */
export async function startServer(options: StartServerOptions = {}): Promise<CircaServer> {
  const distDir = options.distDir ?? E2E_DIST_DIR;
  if (!existsSync(join(distDir, 'index.html'))) {
    throw new Error('The web apps are not built: run `npm run build` (npm run test:e2e does).');
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'circa-e2e-'));
  const databasePath = join(dataDir, 'circa.sqlite');
  const port = await findFreePort();
  const url = `http://127.0.0.1:${port}`;
  let child: ChildProcess | null = null;
  let output = '';

  async function start(): Promise<void> {
    if (child) throw new Error('The Circa server is already running.');
    // node itself runs the server (npm would put a second process in between), so SIGTERM and
    // SIGKILL reach the server.
    const started = spawn(process.execPath, compiledServerArgs(), {
      cwd: REPO_ROOT,
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        DATABASE_URL: `sqlite:${databasePath}`,
        PASSWORD_COST: String(TEST_PASSWORD_COST),
        LOG_LEVEL: 'warn',
        DIST_DIR: distDir,
        ...options.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = started;
    started.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    started.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    started.once('exit', () => {
      if (child === started) child = null;
    });
    await waitForHealth(url, started, () => output);
  }

  async function signal(name: 'SIGTERM' | 'SIGKILL'): Promise<void> {
    const running = child;
    if (!running || running.exitCode !== null) return;
    const exited = new Promise<void>((resolveExit) => running.once('exit', () => resolveExit()));
    running.kill(name);
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolveTimeout) => {
      timer = setTimeout(() => resolveTimeout('timeout'), STOP_TIMEOUT_MS);
    });
    const outcome = await Promise.race([exited, timedOut]);
    clearTimeout(timer);
    if (outcome === 'timeout') {
      running.kill('SIGKILL');
      await exited;
      throw new Error(`The Circa server did not stop within ${STOP_TIMEOUT_MS} ms of ${name}.`);
    }
  }

  await start();
  return {
    url,
    port,
    databasePath,
    start,
    stop: () => signal('SIGTERM'),
    kill: () => signal('SIGKILL'),
    async dispose() {
      await signal('SIGTERM');
      rmSync(dataDir, { recursive: true, force: true });
    },
    output: () => output,
  };
}

async function waitForHealth(url: string, child: ChildProcess, output: () => string) {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`The Circa server exited while starting:\n${output()}`);
    }
    try {
      const response = await fetch(`${url}/api/health`);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolveWait) => setTimeout(resolveWait, HEALTH_POLL_INTERVAL_MS));
  }
  child.kill('SIGKILL');
  throw new Error(`The Circa server was not healthy within ${START_TIMEOUT_MS} ms:\n${output()}`);
}

/** A port nothing listens on now; kept for the server's whole life so restarts keep the origin. */
async function findFreePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      if (address === null || typeof address === 'string') {
        reject(new Error('Could not find a free port.'));
        return;
      }
      probe.close(() => resolvePort(address.port));
    });
  });
}
