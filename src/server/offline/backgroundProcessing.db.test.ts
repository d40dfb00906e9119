import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine, openTestDatabase, type TestDatabase } from '../testing/engines.ts';
import { startBackgroundOfflineProcessing, type ProcessingLog } from './backgroundProcessing.ts';
import { buildOfflineLibrary, offlineWorkstation, OUTAGE_START_MS } from './fixtures.testing.ts';
import { receiveOfflineUpload } from './receive.ts';

const now = () => OUTAGE_START_MS;

function recordingLog() {
  const lines: { level: 'info' | 'error'; message: string; details: object }[] = [];
  const log: ProcessingLog = {
    info: (details, message) => lines.push({ level: 'info', message, details }),
    error: (details, message) => lines.push({ level: 'error', message, details }),
  };
  return { log, lines };
}

describeEachEngine('startBackgroundOfflineProcessing', (engine) => {
  let test: TestDatabase;
  beforeAll(async () => {
    test = await openTestDatabase(engine);
  });
  afterAll(() => test.dispose());

  const pendingCount = async () =>
    (
      await test.db
        .selectFrom('offline_transactions')
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .where('status', '=', 'pending')
        .executeTakeFirstOrThrow()
    ).n;

  it('processes what a previous server left pending as soon as it starts', async () => {
    const library = await buildOfflineLibrary(test.db);
    const ws = offlineWorkstation({
      name: 'RESUME-1',
      branchCode: library.branch.code,
      staffUsername: library.staff.username,
    });
    // Stored but never processed: the server that received it died before its run.
    await receiveOfflineUpload({
      db: test.db,
      actor: { user: { id: library.staff.id } },
      source: 'client',
      transactions: Array.from({ length: 25 }, (_, i) =>
        ws.checkIn({ itemBarcode: `GONE-${i}`, occurredAt: OUTAGE_START_MS + i }),
      ),
      now: OUTAGE_START_MS,
    });
    expect(Number(await pendingCount())).toBe(25);

    const { log, lines } = recordingLog();
    const background = startBackgroundOfflineProcessing({ db: test.db, now, log });
    try {
      const run = await background.firstRun;
      expect(run?.processed).toBe(25);
      expect(Number(await pendingCount())).toBe(0);
      expect(lines).toEqual([
        expect.objectContaining({
          level: 'info',
          message: 'processed pending offline transactions',
        }),
      ]);
    } finally {
      background.stop();
    }
  });

  it('logs a failed run instead of crashing the server, and the sweep tries again', async () => {
    const { log, lines } = recordingLog();
    let runsStarted = 0;
    // A database handle whose first run fails, as when the database restarts under the server.
    const flaky = new Proxy(test.db, {
      get(target, property, receiver) {
        if (property === 'transaction') {
          runsStarted += 1;
          if (runsStarted === 1) {
            return () => {
              throw new Error('connection terminated');
            };
          }
        }
        const value = Reflect.get(target, property, receiver) as unknown;
        // Kysely keeps private fields: its methods must run on the real handle.
        return typeof value === 'function' ? (value as () => unknown).bind(target) : value;
      },
    });
    const background = startBackgroundOfflineProcessing({ db: flaky, now, log, sweepMs: 20 });
    try {
      expect(await background.firstRun).toBeNull();
      expect(lines).toEqual([
        expect.objectContaining({
          level: 'error',
          details: expect.objectContaining({ reason: 'start' }),
        }),
      ]);
      await expect.poll(() => runsStarted).toBeGreaterThanOrEqual(3);
      expect(lines.filter((l) => l.level === 'error')).toHaveLength(1);
    } finally {
      background.stop();
    }
  });
});
