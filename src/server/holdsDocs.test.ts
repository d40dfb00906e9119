// docs/holds-and-renewals.md shows librarians the desk's holds and renewals: every link in it must
// lead somewhere, and every picture must exist and be taken by a browser test, so the guide cannot
// show a screen no test reaches any more, or point at a moved page.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const REPO_ROOT = resolve(import.meta.dirname, '..', '..');
const GUIDE = resolve(REPO_ROOT, 'docs', 'holds-and-renewals.md');
const E2E_DIR = resolve(REPO_ROOT, 'e2e');

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to dashes. */
const anchorOf = (heading: string) =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N} _-]/gu, '')
    .replace(/ /g, '-');

describe('docs/holds-and-renewals.md', () => {
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

  it('shows only screenshots that a browser test takes', () => {
    const shown = links
      .filter((link) => link.startsWith('images/'))
      .map((link) => link.slice('images/'.length));
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
