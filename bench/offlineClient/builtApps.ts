// The build the offline client benchmarks serve. `npm run bench` builds the current source into a
// temporary folder of its own (about 3 s), so the figures are never those of a stale dist/ and the
// shared dist/ is never written; a test that has already built passes `distDir` and the build is
// copied instead. The copy also gets the baseline page: a blank page that a service worker of its
// own serves from Cache Storage, for the start benchmark to compare against.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

const REPO_ROOT = resolve(import.meta.dirname, '..', '..');

/** Where the blank baseline page and its service worker live in the build copy. */
export const BLANK_PAGE_URL = '/bench-blank/';
export const BLANK_WORKER_URL = '/bench-blank/sw.js';
const BLANK_CACHE = 'circa-bench-blank';

/** A blank page: one paragraph, no script, no stylesheet. */
const BLANK_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Blank</title></head>
<body><p id="ready">Blank baseline page</p></body></html>
`;

/**
 * Cache-first from the moment it is installed, as the offline client's precache is: the page is
 * stored at install and every navigation in scope is answered from Cache Storage.
 */
const BLANK_WORKER = `self.addEventListener('install', (event) => {
  event.waitUntil(
    caches.open('${BLANK_CACHE}').then((cache) => cache.add('${BLANK_PAGE_URL}index.html')).then(() => self.skipWaiting()),
  );
});
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));
self.addEventListener('fetch', (event) => {
  if (event.request.mode !== 'navigate') return;
  event.respondWith(caches.open('${BLANK_CACHE}').then((cache) => cache.match('${BLANK_PAGE_URL}index.html')));
});
`;

export interface BuiltApps {
  /** The folder the server serves. */
  dir: string;
  /** Deletes the folder. */
  dispose(): void;
}

/** Builds (or copies `distDir`) into a new temporary folder and adds the baseline page. */
export function prepareBuiltApps(options: { distDir?: string } = {}): BuiltApps {
  const dir = mkdtempSync(join(tmpdir(), 'circa-bench-dist-'));
  if (options.distDir === undefined) {
    execFileSync(
      process.execPath,
      [
        join(REPO_ROOT, 'node_modules', 'vite', 'bin', 'vite.js'),
        'build',
        '--outDir',
        dir,
        '--emptyOutDir',
        '--logLevel',
        'warn',
      ],
      { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'inherit'] },
    );
  } else {
    cpSync(options.distDir, dir, { recursive: true });
  }
  mkdirSync(join(dir, 'bench-blank'));
  writeFileSync(join(dir, 'bench-blank', 'index.html'), BLANK_PAGE);
  writeFileSync(join(dir, 'bench-blank', 'sw.js'), BLANK_WORKER);
  return { dir, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface AppSize {
  /** Every script the entry page loads (its module script and the chunks it preloads). */
  scripts: string[];
  scriptBytes: number;
  scriptGzipBytes: number;
}

/**
 * The JavaScript an app's entry page loads, read from the built HTML: Vite writes the entry script
 * and a modulepreload link for every chunk it imports statically, i.e. all a first load needs.
 */
export function appScriptSize(distDir: string, entryHtml: string): AppSize {
  const html = readFileSync(join(distDir, entryHtml), 'utf8');
  const scripts = [
    ...html.matchAll(/<script[^>]*\bsrc="([^"]+\.js)"/g),
    ...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+\.js)"/g),
  ].map((match) => match[1]!);
  const files = [...new Set(scripts)].map((url) => readFileSync(join(distDir, `.${url}`)));
  return {
    scripts: [...new Set(scripts)],
    scriptBytes: files.reduce((sum, file) => sum + file.length, 0),
    scriptGzipBytes: files.reduce((sum, file) => sum + gzipSync(file, { level: 9 }).length, 0),
  };
}
