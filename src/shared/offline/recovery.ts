// After a wipe (site data cleared, a new browser profile, a broken IndexedDB): which transactions
// this workstation once recorded, the server never received, and this browser no longer holds.
// Pure: the server's sequence numbers (ReceivedSequences) and the numbers a browser or a journal
// folder still holds go in, the runs that are lost (or only in the journal) come out.
import type { ReceivedSequences, SequenceRun } from './clientState.ts';

export interface LostTransactions {
  /** Runs of sequence numbers, lowest first. */
  runs: SequenceRun[];
  /** How many numbers the runs cover. */
  count: number;
}

export const NOTHING_LOST: LostTransactions = { runs: [], count: 0 };

/** Sorted, merged runs covering exactly the given sequence numbers. */
export function runsOf(sequences: Iterable<number>): SequenceRun[] {
  const sorted = [...new Set(sequences)].filter((n) => Number.isSafeInteger(n) && n >= 1);
  sorted.sort((a, b) => a - b);
  const runs: SequenceRun[] = [];
  for (const n of sorted) {
    const last = runs.at(-1);
    if (last && n === last.to + 1) last.to = n;
    else runs.push({ from: n, to: n });
  }
  return runs;
}

export function countOf(runs: readonly SequenceRun[]): number {
  return runs.reduce((sum, run) => sum + (run.to - run.from + 1), 0);
}

/** The parts of `runs` not covered by `held`. Both sorted and non-overlapping (as runsOf gives). */
export function subtractRuns(
  runs: readonly SequenceRun[],
  held: readonly SequenceRun[],
): SequenceRun[] {
  const result: SequenceRun[] = [];
  let h = 0;
  for (const run of runs) {
    let from = run.from;
    while (h < held.length && held[h]!.to < from) h += 1;
    let k = h;
    while (from <= run.to) {
      const next = held[k];
      if (!next || next.from > run.to) {
        result.push({ from, to: run.to });
        break;
      }
      if (next.from > from) result.push({ from, to: next.from - 1 });
      from = Math.max(from, next.to + 1);
      k += 1;
    }
  }
  return result;
}

/** The parts of `runs` that `held` covers. */
export function intersectRuns(
  runs: readonly SequenceRun[],
  held: readonly SequenceRun[],
): SequenceRun[] {
  return subtractRuns(runs, subtractRuns(runs, held));
}

/**
 * The numbers the server is missing (never received, up to the highest it received or was told
 * was recorded) that the browser does not hold either: lost unless a journal or a backup file has
 * them. `heldHere` is every number of this workstation the browser still stores, sent or not.
 */
export function findLostTransactions(props: {
  server: ReceivedSequences;
  heldHere: Iterable<number>;
}): LostTransactions {
  const runs = subtractRuns(props.server.missing, runsOf(props.heldHere));
  return { runs, count: countOf(runs) };
}

/**
 * "41–60" or "41" or "3, 7–9"; past `max` runs, how many more numbers ("1, 3, 5, 7, 9 and 12
 * more"): staff count transactions, not runs.
 */
export function describeRuns(runs: readonly SequenceRun[], max = 5): string {
  const shown = runs
    .slice(0, max)
    .map((r) => (r.from === r.to ? `${r.from}` : `${r.from}–${r.to}`));
  return runs.length > max
    ? `${shown.join(', ')} and ${countOf(runs.slice(max))} more`
    : shown.join(', ');
}
