// docs/offline-client.md walks the desk through an outage screen by screen: every link in it must
// lead somewhere, and every picture must exist and be taken by a browser test, so the guide cannot
// show a screen no test reaches any more.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { imagesOf, localLinks } from './testing/guideLinks.testing.ts';

const REPO_ROOT = resolve(import.meta.dirname, '..', '..');
const GUIDE = resolve(REPO_ROOT, 'docs', 'offline-client.md');
const E2E_DIR = resolve(REPO_ROOT, 'e2e');

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
    expect(
      shown.filter((image) => !existsSync(resolve(REPO_ROOT, 'docs', 'images', image))),
    ).toEqual([]);
    const tests = readdirSync(E2E_DIR)
      .filter((name) => name.endsWith('.e2e.ts'))
      .map((name) => readFileSync(resolve(E2E_DIR, name), 'utf8'))
      .join('\n');
    expect(shown.filter((image) => !tests.includes(`'${image}'`))).toEqual([]);
  });

  it('shows each screenshot once', () => {
    const shown = imagesOf(GUIDE);
    expect(shown.filter((image, i) => shown.indexOf(image) !== i)).toEqual([]);
  });
});
