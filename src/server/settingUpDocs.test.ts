// docs/setting-up.md walks a systems librarian through what e2e/libraryMovesIn.e2e.ts does: every
// link in it must lead somewhere, and every picture must be one that test takes (and the reverse),
// so the guide cannot show a screen the test no longer reaches, or point at a moved page.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { imagesOf, localLinks } from './testing/guideLinks.testing.ts';

const REPO_ROOT = resolve(import.meta.dirname, '..', '..');
const GUIDE = resolve(REPO_ROOT, 'docs', 'setting-up.md');
const TEST = resolve(REPO_ROOT, 'e2e', 'libraryMovesIn.e2e.ts');

describe('docs/setting-up.md', () => {
  it('links only to files and headings that exist', () => {
    const { local, broken } = localLinks(GUIDE);
    expect(local.length).toBeGreaterThan(10);
    expect(broken).toEqual([]);
  });

  it('shows exactly the screenshots e2e/libraryMovesIn.e2e.ts takes', () => {
    const shown = imagesOf(GUIDE).toSorted();
    const taken = [...readFileSync(TEST, 'utf8').matchAll(/screenshot\(page, '([^']+\.png)'\)/g)]
      .map((m) => m[1]!)
      .toSorted();
    expect(taken.length).toBeGreaterThan(5);
    expect(shown).toEqual(taken);
  });
});
