import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SequenceRun } from './clientState.ts';
import {
  countOf,
  describeRuns,
  findLostTransactions,
  intersectRuns,
  runsOf,
  subtractRuns,
} from './recovery.ts';
import { serverView } from './recovery.testing.ts';

/** Every number the runs cover, as a set: the model the run arithmetic must agree with. */
function numbersOf(runs: readonly SequenceRun[]): Set<number> {
  const numbers = new Set<number>();
  for (const run of runs) for (let n = run.from; n <= run.to; n += 1) numbers.add(n);
  return numbers;
}

/** Runs as runsOf gives them: sorted, merged, each from ≤ to. */
function isCanonical(runs: readonly SequenceRun[]): boolean {
  return runs.every(
    (run, i) => run.from >= 1 && run.from <= run.to && (i === 0 || runs[i - 1]!.to + 1 < run.from),
  );
}

const sequenceNumbers = fc.array(fc.integer({ min: 1, max: 60 }), { maxLength: 40 });

describe('runsOf', () => {
  it('merges neighbours and repeats into sorted runs', () => {
    expect(runsOf([5, 3, 4, 4, 9, 1, 10, 11])).toEqual([
      { from: 1, to: 1 },
      { from: 3, to: 5 },
      { from: 9, to: 11 },
    ]);
  });

  it('leaves out what is not a sequence number', () => {
    expect(runsOf([0, -2, 1.5, Number.NaN, 2])).toEqual([{ from: 2, to: 2 }]);
    expect(runsOf([])).toEqual([]);
  });

  it('covers exactly the numbers given, in canonical runs', () => {
    fc.assert(
      fc.property(sequenceNumbers, (numbers) => {
        const runs = runsOf(numbers);
        expect(isCanonical(runs)).toBe(true);
        expect(numbersOf(runs)).toEqual(new Set(numbers));
        expect(countOf(runs)).toBe(new Set(numbers).size);
      }),
    );
  });
});

describe('subtractRuns and intersectRuns', () => {
  it('cuts held runs out of the middle, the ends and the whole', () => {
    const runs = [
      { from: 1, to: 10 },
      { from: 20, to: 25 },
    ];
    expect(
      subtractRuns(runs, [
        { from: 3, to: 4 },
        { from: 10, to: 21 },
      ]),
    ).toEqual([
      { from: 1, to: 2 },
      { from: 5, to: 9 },
      { from: 22, to: 25 },
    ]);
    expect(subtractRuns(runs, [{ from: 1, to: 30 }])).toEqual([]);
    expect(subtractRuns(runs, [])).toEqual(runs);
    expect(intersectRuns(runs, [{ from: 8, to: 22 }])).toEqual([
      { from: 8, to: 10 },
      { from: 20, to: 22 },
    ]);
  });

  it('agree with set difference and intersection', () => {
    fc.assert(
      fc.property(sequenceNumbers, sequenceNumbers, (a, b) => {
        const runs = runsOf(a);
        const held = runsOf(b);
        const difference = subtractRuns(runs, held);
        const intersection = intersectRuns(runs, held);
        expect(isCanonical(difference)).toBe(true);
        expect(isCanonical(intersection)).toBe(true);
        expect(numbersOf(difference)).toEqual(new Set(a.filter((n) => !b.includes(n))));
        expect(numbersOf(intersection)).toEqual(new Set(a.filter((n) => b.includes(n))));
      }),
    );
  });
});

describe('findLostTransactions', () => {
  const server = serverView(
    60,
    Array.from({ length: 40 }, (_, i) => i + 1),
  );

  it('finds every missing number lost when this browser holds nothing', () => {
    expect(findLostTransactions({ server, heldHere: [] })).toEqual({
      runs: [{ from: 41, to: 60 }],
      count: 20,
    });
  });

  it('finds nothing lost when this browser holds every missing number', () => {
    const heldHere = Array.from({ length: 25 }, (_, i) => i + 41);
    expect(findLostTransactions({ server, heldHere })).toEqual({ runs: [], count: 0 });
  });

  it('counts only the numbers this browser no longer holds', () => {
    expect(findLostTransactions({ server, heldHere: [45, 46, 47, 60] })).toEqual({
      runs: [
        { from: 41, to: 44 },
        { from: 48, to: 59 },
      ],
      count: 16,
    });
  });

  it('numbers recorded here above everything the server knows are never called lost', () => {
    // The browser recorded 61–70 after its last report: unsent, not lost.
    const heldHere = [...Array.from({ length: 20 }, (_, i) => i + 41), 61, 62, 70];
    expect(findLostTransactions({ server, heldHere }).count).toBe(0);
    expect(findLostTransactions({ server: serverView(0, []), heldHere: [1, 2, 3] }).count).toBe(0);
  });

  it('calls lost exactly the numbers recorded, not received and not held', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 60 }),
        sequenceNumbers,
        sequenceNumbers,
        (highest, received, held) => {
          const inRange = received.filter((n) => n <= highest);
          const lost = findLostTransactions({
            server: serverView(highest, inRange),
            heldHere: held,
          });
          const expected = new Set<number>();
          for (let n = 1; n <= highest; n += 1) {
            if (!inRange.includes(n) && !held.includes(n)) expected.add(n);
          }
          expect(numbersOf(lost.runs)).toEqual(expected);
          expect(lost.count).toBe(expected.size);
        },
      ),
    );
  });
});

describe('describeRuns', () => {
  it('writes single numbers and ranges with an en dash', () => {
    expect(describeRuns([{ from: 41, to: 60 }])).toBe('41–60');
    expect(describeRuns([{ from: 41, to: 41 }])).toBe('41');
    expect(
      describeRuns([
        { from: 3, to: 3 },
        { from: 7, to: 9 },
      ]),
    ).toBe('3, 7–9');
    expect(describeRuns([])).toBe('');
  });

  it('names the first runs and how many more numbers there are', () => {
    const runs = [1, 3, 5, 7, 9, 11, 13].map((n) => ({ from: n, to: n }));
    runs.push({ from: 20, to: 29 });
    expect(describeRuns(runs)).toBe('1, 3, 5, 7, 9 and 12 more');
    expect(describeRuns(runs, 7)).toBe('1, 3, 5, 7, 9, 11, 13 and 10 more');
  });
});
