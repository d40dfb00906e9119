// Where a worker thread's file is, however the server runs: the one seam every thread shares.
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

/**
 * The seam between the three ways the server runs, declared here. Production runs the compiled
 * JavaScript under plain node: a thread loads dist/server/workerThreads/<name>.js, which
 * tsconfig.server.json builds by name (nothing imports a thread's file). Tests (vitest) and
 * `npm run dev:server` (tsx) run this TypeScript source, and a worker thread starts as a fresh
 * plain node that cannot load TypeScript (Node 20 has no type stripping): there the thread starts
 * with tsx's loader (a devDependency, never needed in production).
 */
const RUNS_AS_TYPESCRIPT = import.meta.url.endsWith('.ts');

/** Options every thread starts with: tsx's loader when running from source, else none. */
export const THREAD_NODE_OPTIONS: { execArgv?: string[] } = RUNS_AS_TYPESCRIPT
  ? { execArgv: ['--import', pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href] }
  : {};

/** The file URL of the thread `name` in this folder (uploadThread, backupThread). */
export function threadFile(name: 'uploadThread' | 'backupThread'): string {
  return new URL(`./${name}.${RUNS_AS_TYPESCRIPT ? 'ts' : 'js'}`, import.meta.url).href;
}
