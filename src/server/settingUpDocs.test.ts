// docs/setting-up.md walks a systems librarian through what e2e/libraryMovesIn.e2e.ts does: every
// link in it must lead somewhere, and every picture must be one that test takes (and the reverse),
// so the guide cannot show a screen the test no longer reaches, or point at a moved page.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const REPO_ROOT = resolve(import.meta.dirname, '..', '..');
const GUIDE = resolve(REPO_ROOT, 'docs', 'setting-up.md');
const TEST = resolve(REPO_ROOT, 'e2e', 'libraryMovesIn.e2e.ts');

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to dashes. */
const anchorOf = (heading: string) =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N} _-]/gu, '')
    .replace(/ /g, '-');

describe('docs/setting-up.md', () => {
  const text = readFileSync(GUIDE, 'utf8');
  const links = [...text.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]!);

  it('links only to files and headings that exist', () => {
    const local = links.filter((link) => !/^[a-z]+:/.test(link));
    expect(local.length).toBeGreaterThan(10);
    const broken = local.filter((link) => {
      const [path, anchor] = link.split('#');
      const file = resolve(dirname(GUIDE), path!);
      if (!existsSync(file)) return true;
      if (anchor === undefined) return false;
      const headings = [...readFileSync(file, 'utf8').matchAll(/^#+ (.+)$/gm)].map((m) =>
        anchorOf(m[1]!),
      );
      return !headings.includes(anchor);
    });
    expect(broken).toEqual([]);
  });

  it('shows exactly the screenshots e2e/libraryMovesIn.e2e.ts takes', () => {
    const shown = links
      .filter((link) => link.startsWith('images/'))
      .map((link) => link.slice('images/'.length))
      .toSorted();
    const taken = [...readFileSync(TEST, 'utf8').matchAll(/screenshot\(page, '([^']+\.png)'\)/g)]
      .map((m) => m[1]!)
      .toSorted();
    expect(taken.length).toBeGreaterThan(5);
    expect(shown).toEqual(taken);
  });
});
