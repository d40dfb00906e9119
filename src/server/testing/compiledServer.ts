// The compiled server (dist/server/main.js, from `npm run build:server`) that tests, benchmarks and
// fault trials start, so they run what `npm start` and a production install run, under plain node.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

const REPO_ROOT = resolve(import.meta.dirname, '..', '..', '..');

/** What tsc writes for src/server/main.ts (tsconfig.server.json mirrors src/ into dist/). */
export const COMPILED_SERVER_MAIN = join(REPO_ROOT, 'dist', 'server', 'main.js');

/**
 * Compiles the server. Incremental (`tsc -p` with a build-info file, which compares every source
 * file's content, not only the root's time stamp as `tsc -b` did: that left a stale server behind
 * after a merge), so a few seconds when nothing changed; the test projects that start the server
 * call it once before any test file runs (vitest's globalSetup).
 */
export function buildServer(): void {
  execFileSync('npm', ['run', '--silent', 'build:server'], { cwd: REPO_ROOT, stdio: 'inherit' });
}

/** node's arguments to run the compiled server, after any options of node's own. */
export function compiledServerArgs(nodeOptions: string[] = []): string[] {
  if (!existsSync(COMPILED_SERVER_MAIN)) {
    throw new Error(
      `The server is not compiled (no ${COMPILED_SERVER_MAIN}): run \`npm run build:server\`.`,
    );
  }
  return [...nodeOptions, COMPILED_SERVER_MAIN];
}
