// The folder decides the renderer, so the lint rule that keeps src/web, src/offline and src/browser
// apart must never quietly stop working: this runs oxlint, with the project's own .oxlintrc.json,
// on small files laid out as in src/, and expects the rule to fire on each forbidden import and
// on nothing else.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OXLINT = join(ROOT, 'node_modules', '.bin', 'oxlint');

/** Each file's imports, by where the file sits. */
const FILES: Record<string, string[]> = {
  'src/web/screens/Probe.tsx': [
    '../../offline/app/App.tsx',
    '../../browser/sending/sendStore.ts',
    '../../shared/offline/transaction.ts',
    'react',
  ],
  'src/web/Probe.tsx': ['../offline/main.tsx'],
  'src/offline/app/Probe.tsx': [
    '../../web/api/client.ts',
    '../../browser/outbox/outbox.ts',
    'react',
  ],
  'src/browser/sending/probe.ts': [
    '../../web/api/client.ts',
    '../../offline/app/App.tsx',
    'react',
    'react-dom/client',
    'preact',
    'preact/hooks',
    '../outbox/outbox.ts',
    '../../shared/offline/transaction.ts',
    'zod',
  ],
};

interface Diagnostic {
  code: string;
  filename: string;
  message: string;
}

let workDir = '';
let restricted: string[] = [];

beforeAll(() => {
  workDir = mkdtempSync(join(tmpdir(), 'circa-folder-rules-'));
  copyFileSync(join(ROOT, '.oxlintrc.json'), join(workDir, '.oxlintrc.json'));
  for (const [file, imports] of Object.entries(FILES)) {
    mkdirSync(join(workDir, dirname(file)), { recursive: true });
    const lines = imports.map((from, i) => `import * as m${i} from '${from}';`);
    lines.push(`export const all = [${imports.map((_, i) => `m${i}`).join(', ')}];`);
    writeFileSync(join(workDir, file), `${lines.join('\n')}\n`);
  }
  const run = spawnSync(OXLINT, ['--format', 'json', 'src'], { cwd: workDir, encoding: 'utf8' });
  const { diagnostics } = JSON.parse(run.stdout) as { diagnostics: Diagnostic[] };
  restricted = diagnostics
    .filter((d) => d.code === 'eslint(no-restricted-imports)')
    .map((d) => `${d.filename}: ${/'([^']+)'/.exec(d.message)?.[1]}`)
    .toSorted();
});

afterAll(() => {
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

describe('the folder import rule in .oxlintrc.json', () => {
  it('forbids each app importing the other, and src/browser importing either app or a renderer', () => {
    expect(restricted).toEqual(
      [
        'src/browser/sending/probe.ts: ../../offline/app/App.tsx',
        'src/browser/sending/probe.ts: ../../web/api/client.ts',
        'src/browser/sending/probe.ts: preact',
        'src/browser/sending/probe.ts: preact/hooks',
        'src/browser/sending/probe.ts: react',
        'src/browser/sending/probe.ts: react-dom/client',
        'src/offline/app/Probe.tsx: ../../web/api/client.ts',
        'src/web/Probe.tsx: ../offline/main.tsx',
        'src/web/screens/Probe.tsx: ../../offline/app/App.tsx',
      ].toSorted(),
    );
  });
});
