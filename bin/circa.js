#!/usr/bin/env node
// The `circa` command (package.json "bin", so `npx circa …` works from the checkout). It runs the
// compiled command line in dist/, building the server first when this checkout has not been built.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const compiled = join(root, 'dist', 'server', 'cli', 'circa.js');
if (!existsSync(compiled)) {
  console.error('Building Circa’s server code first (once)…');
  execFileSync(
    process.execPath,
    [
      join(root, 'node_modules', 'typescript', 'bin', 'tsc'),
      '-p',
      join(root, 'tsconfig.server.json'),
    ],
    {
      stdio: 'inherit',
    },
  );
}
const { runCirca } = await import(pathToFileURL(compiled).href);
process.exitCode = await runCirca(process.argv.slice(2));
