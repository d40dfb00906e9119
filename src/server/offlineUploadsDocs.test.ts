// docs/offline-uploads.md shows librarians the sending, the report and its lists: every link in it
// must lead somewhere, and every picture must exist and be taken by a browser test, so the guide
// cannot show a report layout no test reaches any more.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { imagesOf, localLinks } from './testing/guideLinks.testing.ts';

const REPO_ROOT = resolve(import.meta.dirname, '..', '..');
const GUIDE = resolve(REPO_ROOT, 'docs', 'offline-uploads.md');
const E2E_DIR = resolve(REPO_ROOT, 'e2e');

describe('docs/offline-uploads.md', () => {
  it('links only to files and headings that exist', () => {
    expect(localLinks(GUIDE).broken).toEqual([]);
  });

  it('shows only screenshots that exist and that a browser test takes', () => {
    const shown = imagesOf(GUIDE);
    expect(shown).toEqual(
      expect.arrayContaining(['offline-report-hold-shelf.png', 'offline-report-at-1280.png']),
    );
    expect(
      shown.filter((image) => !existsSync(resolve(REPO_ROOT, 'docs', 'images', image))),
    ).toEqual([]);
    const tests = readdirSync(E2E_DIR)
      .filter((name) => name.endsWith('.e2e.ts'))
      .map((name) => readFileSync(resolve(E2E_DIR, name), 'utf8'))
      .join('\n');
    expect(shown.filter((image) => !tests.includes(`'${image}'`))).toEqual([]);
  });
});
