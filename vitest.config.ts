// Four test projects: pure units (no I/O), database tests (run once per engine), the benchmarks at
// smoke size (so they cannot rot), and browser tests.
import { defineConfig } from 'vitest/config';

/** The projects that start the real server compile it first (see testing/compiledServer.ts). */
const COMPILE_SERVER = './src/server/testing/compileServer.globalSetup.ts';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.test.{ts,tsx}', 'build/**/*.test.ts', 'bench/**/*.test.ts'],
          exclude: ['src/**/*.db.test.ts', 'bench/**/*.smoke.test.ts', 'node_modules/**'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'db',
          globalSetup: [COMPILE_SERVER],
          include: ['src/**/*.db.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 60_000,
          // PostgreSQL tests share one database: run files one after another.
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'bench',
          globalSetup: [COMPILE_SERVER],
          include: ['bench/**/*.smoke.test.ts'],
          environment: 'node',
          testTimeout: 180_000,
          hookTimeout: 60_000,
          // Like the db tests: one PostgreSQL server, and timings are not judged but load is shared.
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'e2e',
          globalSetup: [COMPILE_SERVER],
          include: ['e2e/**/*.e2e.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // Each file has its own server (port, SQLite file) and browser profile, and much of a
          // browser test is waiting (polls, the offline client's heartbeat): two files at a time
          // take about half the time on two cores (169 tests: 5 min against 9.5 min one by one).
          maxWorkers: 2,
        },
      },
    ],
  },
});
