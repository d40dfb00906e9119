// A production install as README describes it: dist/ with package.json and the lock file, in a
// folder away from the source, `npm ci --omit=dev` there, and the compiled server started with
// plain node. Only better-sqlite3's compile step is skipped: its addon, built by this checkout's
// install of the same locked version, is copied in instead (compiling it takes minutes).
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { packagesImportedFrom } from '../src/server/testing/compiledImports.ts';
import { E2E_DIST_DIR } from './support/server.ts';

const REPO_ROOT = resolve(import.meta.dirname, '..');
/** The first start migrates and seeds the demo library at the production password cost. */
const START_TIMEOUT_MS = 90_000;

/** The one production dependency whose install compiles something; anything new must be handled. */
const NATIVE_ADDON = {
  packagePath: 'node_modules/better-sqlite3',
  file: join('node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'),
};

const packageJson = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

describe('a production install', () => {
  it('loads no package that is missing from the production dependencies', () => {
    const notProduction = packagesImportedFrom().filter(
      (p) => !Object.hasOwn(packageJson.dependencies, p.packageName),
    );
    expect(notProduction).toEqual([]);
  });

  describe('from dist/ with production dependencies only', () => {
    let dir = '';
    afterAll(() => {
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    it('starts with plain node, serves the API and the staff app, and stops on SIGTERM', async () => {
      dir = mkdtempSync(join(tmpdir(), 'circa-production-'));
      for (const file of ['package.json', 'package-lock.json']) {
        cpSync(join(REPO_ROOT, file), join(dir, file));
      }
      for (const part of ['server', 'shared']) {
        cpSync(join(REPO_ROOT, 'dist', part), join(dir, 'dist', part), { recursive: true });
      }
      cpSync(E2E_DIST_DIR, join(dir, 'dist', 'web'), { recursive: true });
      execFileSync(
        'npm',
        ['ci', '--omit=dev', '--ignore-scripts', '--prefer-offline', '--no-audit', '--no-fund'],
        { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'] },
      );
      expect(packagesWithInstallScripts()).toEqual([NATIVE_ADDON.packagePath]);
      cpSync(join(REPO_ROOT, NATIVE_ADDON.file), join(dir, NATIVE_ADDON.file));
      const devOnlyLeft = Object.keys(packageJson.devDependencies).filter((name) =>
        existsSync(join(dir, 'node_modules', name)),
      );
      expect(devOnlyLeft).toEqual([]);

      // README's production start, from the install folder: the database (data/circa.sqlite) and
      // the web apps (dist/web) are found by their defaults, relative to it.
      const env: NodeJS.ProcessEnv = { ...process.env, PORT: '0', LOG_LEVEL: 'warn' };
      for (const name of ['DATABASE_URL', 'DIST_DIR', 'HOST', 'NODE_OPTIONS', 'NODE_PATH']) {
        delete env[name];
      }
      const server = spawn(process.execPath, ['dist/server/main.js'], {
        cwd: dir,
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      server.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      server.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      const exited = new Promise<number | null>((done) => server.once('exit', done));
      try {
        const url = await startedAt(
          () => output,
          () => server.exitCode,
        );
        expect(existsSync(join(dir, 'data', 'circa.sqlite'))).toBe(true);

        const health = await fetch(`${url}/api/health`);
        expect(await health.json()).toEqual({ status: 'ok', database: 'ok' });
        const staffApp = await fetch(`${url}/`);
        expect(staffApp.status).toBe(200);
        expect(await staffApp.text()).toBe(readFileSync(join(E2E_DIST_DIR, 'index.html'), 'utf8'));

        server.kill('SIGTERM');
        expect(await exited).toBe(0);
      } finally {
        server.kill('SIGKILL');
      }
    });
  });
});

/** The production packages whose install runs a script (which --ignore-scripts skipped). */
function packagesWithInstallScripts(): string[] {
  const lock = JSON.parse(readFileSync(join(REPO_ROOT, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { dev?: boolean; hasInstallScript?: boolean }>;
  };
  return Object.entries(lock.packages)
    .filter(([, entry]) => entry.hasInstallScript && !entry.dev)
    .map(([path]) => path);
}

/** main.ts prints its address once it listens (PORT=0 lets the system choose a free port). */
async function startedAt(output: () => string, exitCode: () => number | null): Promise<string> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const match = /Circa is running at (http:\/\/\S+) \(/.exec(output());
    if (match?.[1]) return match[1];
    if (exitCode() !== null) throw new Error(`The production server exited:\n${output()}`);
    await new Promise((done) => setTimeout(done, 100));
  }
  throw new Error(
    `The production server did not start within ${START_TIMEOUT_MS} ms:\n${output()}`,
  );
}
