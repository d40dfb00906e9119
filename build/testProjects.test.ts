// The unit and database tests share one module cache per worker (vitest.config.ts), which is safe
// only while every file that replaces a module with vi.mock runs in an isolated project instead. A
// new vi.mock anywhere else fails here rather than leaking its fake into another file's imports.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { MOCKING_MODULES } from '../vitest.config.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Unit and database tests (the benchmarks' smoke tests keep a module cache per file anyway). */
function testFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.test\.tsx?$/.test(entry.name))
    .map((entry) => relative(ROOT, join(entry.parentPath, entry.name)))
    .filter((file) => !file.endsWith('.smoke.test.ts'));
}

it('runs every test that calls vi.mock in an isolated project, and only those', () => {
  const mocking = ['src', 'build', 'bench', 'deploy']
    .flatMap(testFiles)
    .filter((file) => /\bvi\.mock\(/.test(readFileSync(join(ROOT, file), 'utf8')))
    .toSorted();
  expect(mocking.some((file) => file.endsWith('.db.test.ts'))).toBe(true);
  expect(mocking).toEqual(MOCKING_MODULES.toSorted());
});
