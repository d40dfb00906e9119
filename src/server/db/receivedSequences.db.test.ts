import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { findSequenceGaps } from '../../shared/processing/gaps.ts';
import { describeEachEngine, openTestDatabase, type TestDatabase } from '../testing/engines.ts';
import { buildStaffUser, buildWorkstation } from '../testing/factories.ts';
import { saveOfflineClientReport } from './offlineClientReports.ts';
import {
  receivedSequences,
  receivedSequencesOfWorkstations,
  sequenceGapsOf,
} from './receivedSequences.ts';
import { recordNumbered } from './receivedSequences.testing.ts';

describeEachEngine('received sequence numbers', (engine) => {
  let test: TestDatabase;
  beforeAll(async () => {
    test = await openTestDatabase(engine);
  });
  afterAll(() => test.dispose());

  async function report(workstationId: number, lastSequence: number) {
    const staff = await buildStaffUser(test.db);
    await saveOfflineClientReport(test.db, {
      workstationId,
      staffUserId: staff.id,
      at: Date.UTC(2026, 11, 2),
      report: {
        installed: true,
        appVersion: '1.0.0',
        snapshotTakenAt: null,
        lastSequence,
        unsent: 0,
        journal: 'unsupported',
      },
    });
  }

  it('knows nothing of a workstation that never sent or reported', async () => {
    expect(await receivedSequences(test.db, 'NEVER-SEEN')).toEqual({
      received: 0,
      highestReceived: 0,
      highestReported: 0,
      missing: [],
      missingCount: 0,
    });
  });

  it('counts each number once, by the exact stored name, leaving .koc imports out', async () => {
    await recordNumbered(test.db, 'EXACT-1', [1, 2, 3, 6]);
    await recordNumbered(test.db, 'EXACT-1', [3, 6]);
    await recordNumbered(test.db, 'EXACT-1', [1, 2, 3, 4, 5, 6, 7, 8, 9], 'koc');
    await recordNumbered(test.db, 'exact-1', [7, 8]);
    expect(await receivedSequences(test.db, 'EXACT-1')).toEqual({
      received: 4,
      highestReceived: 6,
      highestReported: 0,
      missing: [{ from: 4, to: 5 }],
      missingCount: 2,
    });
  });

  it('adds the numbers the offline client reported recording beyond those received', async () => {
    const workstation = await buildWorkstation(test.db, { name: 'TAIL-1' });
    await recordNumbered(test.db, 'TAIL-1', [1, 2, 3]);
    await report(workstation.id, 7);
    expect(await receivedSequences(test.db, 'TAIL-1')).toEqual({
      received: 3,
      highestReceived: 3,
      highestReported: 7,
      missing: [{ from: 4, to: 7 }],
      missingCount: 4,
    });
  });

  it('finds in SQL the same gaps as findSequenceGaps', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.integer({ min: 1, max: 60 }), { maxLength: 40 }),
        async (sequences) => {
          run += 1;
          const name = `GAPS-${run}`;
          await recordNumbered(test.db, name, sequences);
          const found = await sequenceGapsOf(test.db, [name]);
          expect(found.get(name) ?? []).toEqual(findSequenceGaps(sequences));
        },
      ),
      { numRuns: 15 },
    );
  });

  it('lists the first runs only, but counts every missing number', async () => {
    const everyOther = Array.from({ length: 20 }, (_, i) => 2 * (i + 1));
    await recordNumbered(test.db, 'EVERY-OTHER', everyOther);
    const firstThree = await sequenceGapsOf(test.db, ['EVERY-OTHER'], 3);
    expect(firstThree.get('EVERY-OTHER')).toEqual([
      { from: 1, to: 1 },
      { from: 3, to: 3 },
      { from: 5, to: 5 },
    ]);
    expect((await receivedSequences(test.db, 'EVERY-OTHER')).missingCount).toBe(20);
  });

  it('answers for every workstation of the library at once, as it does one by one', async () => {
    const quiet = await buildWorkstation(test.db, { name: 'LIST-QUIET' });
    const busy = await buildWorkstation(test.db, { name: 'LIST-BUSY' });
    await recordNumbered(test.db, 'LIST-BUSY', [1, 2, 4]);
    await report(quiet.id, 5);
    await report(busy.id, 2);
    // Uploaded under a name that is not one of the library's workstations: not in this list.
    await recordNumbered(test.db, 'KOC-LIST', [1, 5]);

    const all = await receivedSequencesOfWorkstations(test.db);
    expect(all.get('LIST-QUIET')).toEqual(await receivedSequences(test.db, 'LIST-QUIET'));
    expect(all.get('LIST-QUIET')).toMatchObject({ received: 0, missing: [{ from: 1, to: 5 }] });
    expect(all.get('LIST-BUSY')).toEqual(await receivedSequences(test.db, 'LIST-BUSY'));
    expect(all.get('LIST-BUSY')).toMatchObject({ received: 3, missing: [{ from: 3, to: 3 }] });
    expect(all.has('KOC-LIST')).toBe(false);
  });
});
