// Fault trials (`npm run test:faults`): the real server SIGKILLed, disks full or read-only, the
// browser killed mid-scan, PostgreSQL restarted. Long-running, so kept out of the normal projects.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'faults',
    // The trials start the compiled server (see testing/compiledServer.ts): compile it first.
    globalSetup: ['./src/server/testing/compileServer.globalSetup.ts'],
    include: ['faults/**/*.faults.ts', 'faults/**/*.test.ts'],
    environment: 'node',
    testTimeout: 300_000,
    hookTimeout: 120_000,
    // Each file starts servers, browsers or a database cluster of its own: one at a time.
    fileParallelism: false,
  },
});
