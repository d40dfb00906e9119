import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from './testing/apiHarness.ts';
import { describeEachEngine } from './testing/engines.ts';

const IMMUTABLE = 'public, max-age=31536000, immutable';

/** A dist/ folder shaped like vite's output: the staff app, its assets, and the offline client. */
function fakeDist(): string {
  const parent = mkdtempSync(join(tmpdir(), 'circa-dist-'));
  // A file beside dist/ that no URL may reach.
  writeFileSync(join(parent, 'secret.txt'), 'not for the web');
  const dir = join(parent, 'dist');
  const files: Record<string, string> = {
    'index.html': '<!doctype html><title>Circa staff app</title>',
    'assets/index-3f2a1b.js': 'console.log("staff app")',
    'sw.js': 'self.addEventListener("fetch", () => {})',
    'registerSW.js': 'navigator.serviceWorker.register("/sw.js")',
    'manifest.webmanifest': '{"name":"Circa"}',
    'favicon.svg': '<svg xmlns="http://www.w3.org/2000/svg"/>',
    'offline/index.html': '<!doctype html><title>Circa offline</title>',
    'offline/sw.js': 'self.addEventListener("fetch", () => {})',
    'offline/assets/offline-9c8d7e.js': 'console.log("offline")',
  };
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

describeEachEngine('the web apps', (engine) => {
  describe('when built', () => {
    let api: TestApi;
    let dist: string;
    beforeAll(async () => {
      dist = fakeDist();
      api = await startTestApi(engine, { config: { distDir: dist } });
    });
    afterAll(async () => {
      await api.dispose();
      rmSync(dirname(dist), { recursive: true, force: true });
    });
    const get = (url: string) => api.anonymous().get(url);

    it('serve the staff app at / and at every app path, revalidated on each load', async () => {
      for (const url of ['/', '/checkout', '/checkin', '/patrons/21234000012345', '/items/3?x=1']) {
        const response = await get(url);
        expect(response.statusCode).toBe(200);
        expect(response.body).toContain('Circa staff app');
        expect(response.headers['cache-control']).toBe('no-cache');
        expect(response.headers['content-type']).toContain('text/html');
        expect(response.headers['content-security-policy']).toContain("script-src 'self'");
      }
    });

    it('serve hashed assets as immutable for a year', async () => {
      const staff = await get('/assets/index-3f2a1b.js');
      expect(staff.statusCode).toBe(200);
      expect(staff.body).toBe('console.log("staff app")');
      expect(staff.headers['cache-control']).toBe(IMMUTABLE);
      const offline = await get('/offline/assets/offline-9c8d7e.js');
      expect(offline.headers['cache-control']).toBe(IMMUTABLE);
    });

    it('serve service workers, their registration and the manifest with no-cache', async () => {
      for (const url of ['/sw.js', '/offline/sw.js', '/registerSW.js', '/manifest.webmanifest']) {
        const response = await get(url);
        expect(response.statusCode).toBe(200);
        expect(response.headers['cache-control']).toBe('no-cache');
      }
    });

    it('serve the offline client under /offline/, with its own fallback', async () => {
      for (const url of ['/offline', '/offline/', '/offline/checkout']) {
        const response = await get(url);
        expect(response.statusCode).toBe(200);
        expect(response.body).toContain('Circa offline');
      }
    });

    it('answer 404 for a missing file instead of the app page', async () => {
      expect((await get('/assets/gone-123.js')).statusCode).toBe(404);
      expect((await get('/offline/assets/gone.js')).statusCode).toBe(404);
    });

    it('never serve a file outside dist/', async () => {
      for (const url of [
        '/../secret.txt',
        '/%2e%2e/secret.txt',
        '/assets/..%2f..%2fsecret.txt',
        '/offline/%2e%2e/%2e%2e/secret.txt',
        '/..%5csecret.txt',
      ]) {
        const response = await get(url);
        expect(response.body).not.toContain('not for the web');
      }
      // The same content is served from inside dist/: the refusals above are the guard at work.
      writeFileSync(join(dist, 'inside.txt'), 'not for the web');
      expect((await get('/inside.txt')).body).toBe('not for the web');
    });

    it('answer unknown /api paths with JSON 404, not the app page', async () => {
      const response = await get('/api/does-not-exist');
      expect(response.statusCode).toBe(404);
      expect(response.json().error.code).toBe('NOT_FOUND');
    });
  });

  describe('when not built', () => {
    let api: TestApi;
    beforeAll(async () => {
      api = await startTestApi(engine, {
        config: { distDir: join(tmpdir(), 'circa-no-dist-here') },
      });
    });
    afterAll(() => api.dispose());

    it('answer / with a 503 page that says to run npm run build, and keep the API up', async () => {
      const response = await api.anonymous().get('/');
      expect(response.statusCode).toBe(503);
      expect(response.headers['content-type']).toContain('text/html');
      expect(response.body).toContain('npm run build');
      expect((await api.anonymous().get('/api/health')).statusCode).toBe(200);
    });
  });
});
