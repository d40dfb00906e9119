// What the guides' tests check about a Markdown page: the links it holds, and those that lead
// nowhere (a missing file, or a heading that is not there).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to dashes. */
export const anchorOf = (heading: string) =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N} _-]/gu, '')
    .replace(/ /g, '-');

/** Every link target of the page, in order. */
export function linksOf(guide: string): string[] {
  return [...readFileSync(guide, 'utf8').matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]!);
}

/** The page's links to this repository (no scheme), and of those the ones that lead nowhere. */
export function localLinks(guide: string): { local: string[]; broken: string[] } {
  const local = linksOf(guide).filter((link) => !/^[a-z]+:/.test(link));
  const broken = local.filter((link) => {
    const [path, anchor] = link.split('#');
    // "#heading" alone leads within the page itself.
    const file = path === '' ? guide : resolve(dirname(guide), path!);
    if (!existsSync(file)) return true;
    if (anchor === undefined) return false;
    const headings = [...readFileSync(file, 'utf8').matchAll(/^#+ (.+)$/gm)].map((m) =>
      anchorOf(m[1]!),
    );
    return !headings.includes(anchor);
  });
  return { local, broken };
}

/** The screenshots the page shows, by file name under docs/images. */
export function imagesOf(guide: string): string[] {
  return linksOf(guide)
    .filter((link) => link.startsWith('images/'))
    .map((link) => link.slice('images/'.length));
}

const REPO_ROOT = resolve(import.meta.dirname, '..', '..', '..');

/**
 * The page's screenshots that are missing from docs/images, or that no browser test takes (names
 * its file in quotes): a guide must not show a screen no test reaches any more.
 */
export function screenshotProblems(guide: string): { missing: string[]; untaken: string[] } {
  const shown = imagesOf(guide);
  const e2eDir = resolve(REPO_ROOT, 'e2e');
  const tests = readdirSync(e2eDir)
    .filter((name) => name.endsWith('.e2e.ts'))
    .map((name) => readFileSync(resolve(e2eDir, name), 'utf8'))
    .join('\n');
  return {
    missing: shown.filter((image) => !existsSync(resolve(REPO_ROOT, 'docs', 'images', image))),
    untaken: shown.filter((image) => !tests.includes(`'${image}'`)),
  };
}
