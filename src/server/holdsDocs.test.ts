// docs/holds-and-renewals.md shows librarians the desk's holds and renewals: every link in it must
// lead somewhere, and every picture must exist and be taken by a browser test, so the guide cannot
// show a screen no test reaches any more, or point at a moved page.
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { imagesOf, localLinks } from './testing/guideLinks.testing.ts';

const REPO_ROOT = resolve(import.meta.dirname, '..', '..');
const GUIDE = resolve(REPO_ROOT, 'docs', 'holds-and-renewals.md');
const E2E_DIR = resolve(REPO_ROOT, 'e2e');

describe('docs/holds-and-renewals.md', () => {
  it('links only to files and headings that exist', () => {
    const { local, broken } = localLinks(GUIDE);
    expect(local.length).toBeGreaterThan(10);
    expect(broken).toEqual([]);
  });

  it('shows only screenshots that a browser test takes', () => {
    const shown = imagesOf(GUIDE);
    expect(shown.length).toBeGreaterThan(5);
    const tests = readdirSync(E2E_DIR)
      .filter((name) => name.endsWith('.e2e.ts'))
      .map((name) => readFileSync(resolve(E2E_DIR, name), 'utf8'))
      .join('\n');
    const untaken = shown.filter((image) => !tests.includes(`'${image}'`));
    expect(untaken).toEqual([]);
  });

  it('is linked from the README and the architecture page', () => {
    for (const page of ['README.md', 'docs/architecture.md']) {
      expect(readFileSync(resolve(REPO_ROOT, page), 'utf8')).toContain('holds-and-renewals.md');
    }
  });
});
