import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbitraryTransaction } from '../offlineFile/arbitraries.testing.ts';
import {
  compareCodePoints,
  compareForProcessing,
  correctedTime,
  describeSequenceGap,
  findSequenceGaps,
} from './index.ts';

const base = {
  id: '0192f3a0-0000-7000-8000-000000000001',
  sequence: 1,
  occurredAt: 1_000_000,
  clockOffsetMs: 0,
  workstation: 'DESK-1',
};

describe('correctedTime', () => {
  it('adds the clock offset recorded by the workstation', () => {
    expect(correctedTime({ occurredAt: 1_000_000, clockOffsetMs: -2_500 })).toBe(997_500);
  });

  it('stays within the range of a Date, so a far-future instant never breaks a calendar', () => {
    const last = 8_640_000_000_000_000;
    const corrected = correctedTime({ occurredAt: last - 1, clockOffsetMs: 31_536_000_000 });
    expect(corrected).toBe(last);
    expect(new Date(corrected).toISOString()).toBe('+275760-09-13T00:00:00.000Z');
  });
});

describe('compareForProcessing', () => {
  it('orders by corrected time, then workstation, then sequence, then id', () => {
    const late = { ...base, occurredAt: 900_000, clockOffsetMs: 200_000 };
    const early = { ...base, workstation: 'DESK-9', occurredAt: 1_050_000, clockOffsetMs: -60_000 };
    const desk2 = { ...base, workstation: 'DESK-2' };
    const second = { ...base, sequence: 2 };
    const otherId = { ...base, id: '0192f3a0-0000-7000-8000-000000000002' };
    const sorted = [desk2, late, otherId, second, early, base].toSorted(compareForProcessing);
    expect(sorted).toEqual([early, base, otherId, second, desk2, late]);
  });

  it('compares workstations by code point, as the database does', () => {
    // UTF-16 order would put the emoji (a surrogate pair, 0xD83D…) before U+FFFD.
    expect(compareCodePoints('DESK-\u{1F600}', 'DESK-\uFFFD')).toBe(1);
    expect(compareCodePoints('DESK', 'DESK-1')).toBe(-1);
    expect(compareCodePoints('same', 'same')).toBe(0);
  });

  const transactions = fc.array(arbitraryTransaction({ realisticTimes: true }), { maxLength: 25 });

  it('is a total order: antisymmetric, transitive, and zero only for the same key', () => {
    const t = arbitraryTransaction({ realisticTimes: true });
    fc.assert(
      fc.property(t, t, t, (a, b, c) => {
        expect(Math.sign(compareForProcessing(a, b))).toBe(-Math.sign(compareForProcessing(b, a)));
        const sameKey =
          correctedTime(a) === correctedTime(b) &&
          a.workstation === b.workstation &&
          a.sequence === b.sequence &&
          a.id === b.id;
        expect(compareForProcessing(a, b) === 0).toBe(sameKey);
        const [x, y, z] = [a, b, c].toSorted(compareForProcessing) as [
          typeof a,
          typeof a,
          typeof a,
        ];
        expect(compareForProcessing(x, y)).toBeLessThanOrEqual(0);
        expect(compareForProcessing(y, z)).toBeLessThanOrEqual(0);
        expect(compareForProcessing(x, z)).toBeLessThanOrEqual(0);
      }),
      { numRuns: 500 },
    );
  });

  it('sorts any arrival order of the same transactions the same way', () => {
    fc.assert(
      fc.property(
        transactions.chain((list) =>
          fc.tuple(fc.constant(list), fc.shuffledSubarray(list, { minLength: list.length })),
        ),
        ([list, shuffled]) => {
          expect(shuffled.toSorted(compareForProcessing)).toEqual(
            list.toSorted(compareForProcessing),
          );
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('findSequenceGaps', () => {
  it('finds each missing run, including before the first number received', () => {
    expect(findSequenceGaps([5, 1, 2, 9, 6, 6])).toEqual([
      { from: 3, to: 4 },
      { from: 7, to: 8 },
    ]);
    expect(findSequenceGaps([3])).toEqual([{ from: 1, to: 2 }]);
    expect(findSequenceGaps([])).toEqual([]);
    expect(findSequenceGaps([40, 44], { firstExpected: 40 })).toEqual([{ from: 41, to: 43 }]);
  });

  it('refuses numbers that cannot be sequence numbers', () => {
    expect(() => findSequenceGaps([1, 0])).toThrow(/0 is not a sequence number/);
    expect(() => findSequenceGaps([1.5])).toThrow(/1.5 is not a sequence number/);
  });

  it('says which transactions have not arrived', () => {
    expect(describeSequenceGap('DESK-2', { from: 41, to: 43 })).toBe(
      'transactions 41–43 from workstation DESK-2 have not arrived',
    );
    expect(describeSequenceGap('DESK-2', { from: 7, to: 7 })).toBe(
      'transaction 7 from workstation DESK-2 has not arrived',
    );
  });

  it('reports exactly the missing numbers, in maximal runs', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 60 }), { maxLength: 40 }), (sequences) => {
        const gaps = findSequenceGaps(sequences);
        const present = new Set(sequences);
        const highest = Math.max(0, ...sequences);
        const missing = Array.from({ length: highest }, (_, i) => i + 1).filter(
          (n) => !present.has(n),
        );
        const reported = gaps.flatMap((g) =>
          Array.from({ length: g.to - g.from + 1 }, (_, i) => g.from + i),
        );
        expect(reported).toEqual(missing);
        for (let i = 1; i < gaps.length; i++) {
          expect((gaps[i]?.from ?? 0) - (gaps[i - 1]?.to ?? 0)).toBeGreaterThan(1);
        }
      }),
      { numRuns: 500 },
    );
  });
});
