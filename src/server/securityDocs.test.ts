// docs/security.md and docs/privacy.md point at the tests that prove each defence: every file they
// name must exist, so a renamed or deleted test cannot leave the threat model pointing at nothing.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const REPO_ROOT = resolve(import.meta.dirname, '..', '..');

describe.each([
  { doc: 'docs/security.md', atLeast: 20 },
  { doc: 'docs/privacy.md', atLeast: 1 },
])('$doc', ({ doc, atLeast }) => {
  it('names only files that exist', () => {
    const text = readFileSync(resolve(REPO_ROOT, doc), 'utf8');
    const named = [...text.matchAll(/`((?:src|e2e)\/[^`\s]+\.tsx?)`/g)]
      .map((m) => m[1] ?? '')
      .filter((path) => !path.includes('*'));

    const missing = named.filter((path) => !existsSync(resolve(REPO_ROOT, path)));
    expect(missing).toEqual([]);
    expect(named.length).toBeGreaterThanOrEqual(atLeast);
  });
});
