// docs/offline-uploads.md shows librarians the sending, the report and its lists: every link in it
// must lead somewhere, and every picture must exist and be taken by a browser test, so the guide
// cannot show a report layout no test reaches any more.
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { imagesOf, localLinks, screenshotProblems } from './testing/guideLinks.testing.ts';

const REPO_ROOT = resolve(import.meta.dirname, '..', '..');
const GUIDE = resolve(REPO_ROOT, 'docs', 'offline-uploads.md');

describe('docs/offline-uploads.md', () => {
  it('links only to files and headings that exist', () => {
    expect(localLinks(GUIDE).broken).toEqual([]);
  });

  it('shows only screenshots that exist and that a browser test takes', () => {
    const shown = imagesOf(GUIDE);
    expect(shown).toEqual(
      expect.arrayContaining(['offline-report-hold-shelf.png', 'offline-report-at-1280.png']),
    );
    expect(screenshotProblems(GUIDE)).toEqual({ missing: [], untaken: [] });
  });
});
