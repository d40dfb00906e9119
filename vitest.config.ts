// Test projects: pure units (no I/O), database tests (run once per engine), each with the files
// that replace a module kept apart; the benchmarks at smoke size (so they cannot rot); browser tests.
import { defineConfig, type ViteUserConfig } from 'vitest/config';

/** The projects that start the real server compile it first (see testing/compiledServer.ts). */
const COMPILE_SERVER = './src/server/testing/compileServer.globalSetup.ts';

const UNIT_TESTS = [
  'src/**/*.test.{ts,tsx}',
  'build/**/*.test.ts',
  'bench/**/*.test.ts',
  'deploy/**/*.test.ts',
];
const NOT_UNIT_TESTS = ['src/**/*.db.test.ts', 'bench/**/*.smoke.test.ts', 'node_modules/**'];
/**
 * The unit and database tests that call vi.mock (build/testProjects.test.ts keeps this list
 * whole): they keep a module cache of their own, so a replacement cannot reach another file's
 * imports, where every other file shares its worker's.
 */
export const MOCKING_MODULES = [
  'src/web/components/EditRecordForm.test.tsx',
  'src/web/admin/useAdminList.test.tsx',
  'src/browser/install/installStore.test.ts',
  'src/server/routes/offlineUploads/outboxThreads.db.test.ts',
];
const DATABASE_TESTS = 'src/**/*.db.test.ts';
/**
 * Pure tests wait on nothing but the processor, so a timeout only ever says the machine was busy:
 * npm test runs them beside the type check and lint, and on CI's two cores a property test that
 * takes 1.3 s alone took over vitest's default 5 s (another, 1.6 s alone, took 9.9 s here). The
 * assertions judge them, never the clock.
 */
const UNIT_TEST_TIMEOUT_MS = 60_000;

const DATABASE_PROJECT = {
  globalSetup: COMPILE_SERVER,
  environment: 'node',
  testTimeout: 30_000,
  hookTimeout: 60_000,
  // Two files at a time: each test has a PostgreSQL database of its own (engines.ts), and much of
  // a database test waits on a child process, a socket or the disk.
  maxWorkers: 2,
} satisfies ViteUserConfig['test'];

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: UNIT_TESTS,
          exclude: [...NOT_UNIT_TESTS, ...MOCKING_MODULES],
          environment: 'node',
          testTimeout: UNIT_TEST_TIMEOUT_MS,
          // One module cache per worker, not per file: these tests share no state, and loading
          // the modules again for each of 150 files took three quarters of the time (117 s to 33 s).
          isolate: false,
        },
      },
      {
        test: {
          name: 'unit-isolated',
          include: MOCKING_MODULES,
          exclude: NOT_UNIT_TESTS,
          environment: 'node',
          testTimeout: UNIT_TEST_TIMEOUT_MS,
        },
      },
      {
        test: {
          ...DATABASE_PROJECT,
          name: 'db',
          include: [DATABASE_TESTS],
          exclude: MOCKING_MODULES,
          // Each worker loads the server's modules once, not once per file (import took 132 s
          // of a run's 610 s of tests).
          isolate: false,
        },
      },
      {
        test: {
          ...DATABASE_PROJECT,
          name: 'db-isolated',
          include: MOCKING_MODULES.filter((file) => file.endsWith('.db.test.ts')),
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
          // Two files at a time: each benchmark makes PostgreSQL databases of its own (the import
          // benchmark a schema, alone in its database while the db tests are not running), and
          // smoke runs judge counts, never timings.
          maxWorkers: 2,
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
