// docs/offline-client.md walks the desk through an outage screen by screen: every link in it must
// lead somewhere, and every picture must exist and be taken by a browser test, so the guide cannot
// show a screen no test reaches any more.
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { imagesOf, localLinks, screenshotProblems } from './testing/guideLinks.testing.ts';

const REPO_ROOT = resolve(import.meta.dirname, '..', '..');
const GUIDE = resolve(REPO_ROOT, 'docs', 'offline-client.md');

describe('docs/offline-client.md', () => {
  it('links only to files and headings that exist', () => {
    expect(localLinks(GUIDE).broken).toEqual([]);
  });

  it('shows only screenshots that exist and that a browser test takes', () => {
    const shown = imagesOf(GUIDE);
    expect(shown).toEqual(
      expect.arrayContaining([
        'offline-check-in.png',
        'offline-renew.png',
        'offline-in-house-use.png',
        'offline-register-patron.png',
        'offline-lend-anyway.png',
        'offline-day-report.png',
      ]),
    );
    expect(screenshotProblems(GUIDE)).toEqual({ missing: [], untaken: [] });
  });

  it('shows each screenshot once', () => {
    const shown = imagesOf(GUIDE);
    expect(shown.filter((image, i) => shown.indexOf(image) !== i)).toEqual([]);
  });
});
