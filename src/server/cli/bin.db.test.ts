// The `circa` bin from a checkout: `npx circa` finds it through package.json, and a checkout that
// has never been built builds its server code once, on the first run.
import { cpSync, existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, runCommandLine } from '../testing/circaCommandLine.testing.ts';

/** tsc compiles the whole server on a first run: slow on a busy two-core machine. */
const FIRST_BUILD_TIMEOUT_MS = 180_000;

describe('the circa command', () => {
  it('answers npx circa --help from the checkout with its commands and examples', async () => {
    const run = await runCommandLine(['--help'], {
      command: { file: 'npx', args: ['--no-install', 'circa'] },
    });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Usage: circa \[options\] \[command\]/);
    expect(run.stdout).toMatch(/create-admin \[options\]\s+Create an administrator account/);
    expect(run.stdout).toMatch(/migrate\s+Bring the database up to date/);
    expect(run.stdout).toContain('Examples:');
  });

  it('shows each command’s options and examples', async () => {
    const run = await runCommandLine(['help', 'create-admin']);
    expect(run.code).toBe(0);
    for (const option of [
      '--username',
      '--name',
      '--branch-code',
      '--branch-name',
      '--time-zone',
    ]) {
      expect(run.stdout).toContain(option);
    }
    expect(run.stdout).toContain('$ npx circa create-admin --username ada');
  });

  it('explains an unknown command or a missing option, and fails', async () => {
    const unknown = await runCommandLine(['create-admn']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/unknown command 'create-admn'/);
    expect(unknown.stderr).toContain('(run circa --help for the commands and their options)');
    const missing = await runCommandLine(['create-admin']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/required option '-u, --username <username>' not specified/);
  });

  describe('in a checkout that has not been built', () => {
    const dir = mkdtempSync(join(tmpdir(), 'circa-unbuilt-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it(
      'builds the server code on the first run only',
      async () => {
        for (const part of [
          'bin',
          'src',
          'package.json',
          'tsconfig.json',
          'tsconfig.server.json',
        ]) {
          cpSync(join(REPO_ROOT, part), join(dir, part), { recursive: true });
        }
        symlinkSync(join(REPO_ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
        const command = { file: process.execPath, args: [join(dir, 'bin', 'circa.js')] };

        const first = await runCommandLine(['--help'], { command, cwd: dir });
        expect(first.stderr).toContain('Building Circa’s server code first (once)…');
        expect(first.code).toBe(0);
        expect(first.stdout).toContain('create-admin');
        expect(existsSync(join(dir, 'dist', 'server', 'cli', 'circa.js'))).toBe(true);

        const second = await runCommandLine(['--help'], { command, cwd: dir });
        expect(second.stderr).toBe('');
        expect(second.stdout).toBe(first.stdout);
      },
      FIRST_BUILD_TIMEOUT_MS,
    );
  });
});
