import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_LISTED_GAPS } from '../offline/clientState.ts';
import { countOf, runsOf } from '../offline/recovery.ts';
import { findSequenceGaps } from './gaps.ts';
import { missingSequences } from './missingSequences.ts';

/** What the server would say of these numbers received and that highest report. */
function fromNumbers(received: number[], highestReported: number) {
  const distinct = [...new Set(received)];
  return missingSequences({
    received: distinct.length,
    highestReceived: Math.max(0, ...distinct),
    highestReported,
    gaps: findSequenceGaps(distinct),
  });
}

describe('missingSequences', () => {
  it('has nothing missing when every number up to the highest arrived and none was reported beyond', () => {
    expect(fromNumbers([1, 2, 3], 3)).toEqual({
      received: 3,
      highestReceived: 3,
      highestReported: 3,
      missing: [],
      missingCount: 0,
    });
  });

  it('adds the numbers reported recorded beyond the highest received as a tail run', () => {
    expect(fromNumbers([1, 2, 4], 9)).toMatchObject({
      missing: [
        { from: 3, to: 3 },
        { from: 5, to: 9 },
      ],
      missingCount: 6,
    });
  });

  it('counts everything reported as missing when nothing was received', () => {
    expect(fromNumbers([], 40)).toMatchObject({
      received: 0,
      highestReceived: 0,
      missing: [{ from: 1, to: 40 }],
      missingCount: 40,
    });
  });

  it('ignores a report lower than what arrived (an older report, or a wiped browser)', () => {
    expect(fromNumbers([1, 2, 3, 4], 2)).toMatchObject({ missing: [], missingCount: 0 });
  });

  it('cuts the list to MAX_LISTED_GAPS runs but counts every missing number', () => {
    const everyOther = Array.from({ length: MAX_LISTED_GAPS + 10 }, (_, i) => 2 * (i + 1));
    const answer = fromNumbers(everyOther, 0);
    expect(answer.missing).toHaveLength(MAX_LISTED_GAPS);
    expect(answer.missingCount).toBe(MAX_LISTED_GAPS + 10);
  });

  it('lists exactly the numbers from 1 to the highest known that did not arrive', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 200 }), { maxLength: 80 }),
        fc.integer({ min: 0, max: 250 }),
        (received, highestReported) => {
          const answer = fromNumbers(received, highestReported);
          const top = Math.max(highestReported, ...received, 0);
          const arrived = new Set(received);
          const expected = Array.from({ length: top }, (_, i) => i + 1).filter(
            (n) => !arrived.has(n),
          );
          expect(answer.missing).toEqual(runsOf(expected));
          expect(answer.missingCount).toBe(expected.length);
          expect(countOf(answer.missing)).toBe(answer.missingCount);
        },
      ),
    );
  });
});
