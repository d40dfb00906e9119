// Properties of a title's queue that no order of placing, suspending or trapping may break.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { HoldStatus } from '../api/holds.ts';
import { nextHoldFor, type QueuedHold } from './holdQueue.ts';
import { queuePositions } from './holdRules.ts';

const TITLES = [1, 2];
const COPIES = [10, 11, 12];
const DAYS = ['2026-12-05', '2026-12-06', '2026-12-07', '2026-12-20'];
const STATUSES: HoldStatus[] = [
  'waiting',
  'waiting',
  'waiting',
  'in_transit',
  'on_shelf',
  'fulfilled',
  'cancelled',
  'expired',
];

const arbitraryHolds = fc
  .array(
    fc.record({
      titleId: fc.constantFrom(...TITLES),
      itemId: fc.option(fc.constantFrom(...COPIES), { nil: null }),
      placedAt: fc.integer({ min: 0, max: 50 }),
      status: fc.constantFrom(...STATUSES),
      suspendedUntil: fc.option(fc.constantFrom(...DAYS), { nil: null }),
    }),
    { maxLength: 30 },
  )
  .map((rows) =>
    rows.map((row, index): QueuedHold => ({
      ...row,
      id: index + 1,
      patronId: 100 + index,
      pickupBranchId: 1,
    })),
  );

const copy = fc.record({ id: fc.constantFrom(...COPIES), titleId: fc.constantFrom(...TITLES) });
const today = fc.constantFrom(...DAYS);

describe('the hold queue', () => {
  it('gives each title’s waiting holds the positions 1..n without gaps, others none', () => {
    fc.assert(
      fc.property(arbitraryHolds, (holds) => {
        const positions = queuePositions(holds);
        for (const titleId of TITLES) {
          const waiting = holds.filter((h) => h.titleId === titleId && h.status === 'waiting');
          const seen = waiting.map((h) => positions.get(h.id)).toSorted((a, b) => a! - b!);
          expect(seen).toEqual(waiting.map((_, i) => i + 1));
        }
        const notWaiting = holds.filter((h) => h.status !== 'waiting');
        expect(notWaiting.filter((h) => positions.has(h.id))).toEqual([]);
      }),
    );
  });

  it('keeps the positions when holds are suspended or resumed', () => {
    fc.assert(
      fc.property(
        arbitraryHolds,
        fc.array(fc.option(fc.constantFrom(...DAYS), { nil: null })),
        (holds, suspensions) => {
          const changed = holds.map((h, i) => ({
            ...h,
            suspendedUntil: suspensions[i] === undefined ? h.suspendedUntil : suspensions[i],
          }));
          expect(queuePositions(changed)).toEqual(queuePositions(holds));
        },
      ),
    );
  });

  it('keeps the positions whatever order the holds are read in', () => {
    fc.assert(
      fc.property(
        arbitraryHolds.chain((holds) =>
          fc.tuple(fc.constant(holds), fc.shuffledSubarray(holds, { minLength: holds.length })),
        ),
        ([holds, shuffled]) => {
          expect(queuePositions(shuffled)).toEqual(queuePositions(holds));
        },
      ),
    );
  });

  it('fills only a waiting, unsuspended hold on the copy’s title, for this copy or any copy', () => {
    fc.assert(
      fc.property(arbitraryHolds, copy, today, (holds, asked, day) => {
        const next = nextHoldFor(asked, holds, day);
        const fits =
          next === null ||
          (next.status === 'waiting' &&
            next.titleId === asked.titleId &&
            (next.suspendedUntil === null || next.suspendedUntil <= day) &&
            (next.itemId === null || next.itemId === asked.id));
        expect(fits).toBe(true);
      }),
    );
  });

  it('fills the one with the lowest position among those the copy could fill', () => {
    fc.assert(
      fc.property(arbitraryHolds, copy, today, (holds, asked, day) => {
        const next = nextHoldFor(asked, holds, day);
        const positions = queuePositions(holds);
        const eligible = holds.filter(
          (h) =>
            h.status === 'waiting' &&
            h.titleId === asked.titleId &&
            (h.itemId === null || h.itemId === asked.id) &&
            (h.suspendedUntil === null || h.suspendedUntil <= day),
        );
        const best =
          eligible.length === 0 ? null : Math.min(...eligible.map((h) => positions.get(h.id)!));
        expect(next === null ? null : positions.get(next.id)).toBe(best);
      }),
    );
  });
});
