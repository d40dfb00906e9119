// Gap detection: each workstation numbers its transactions 1, 2, 3, … with no gaps, so a missing
// number means a transaction has not reached the server (a file left behind on a computer).

/** A run of missing sequence numbers, both ends included. */
export interface SequenceGap {
  from: number;
  to: number;
}

/**
 * The missing runs in the sequence numbers received, counting from `firstExpected` (1 unless the
 * server has purged older ones). Order and repeats in the input do not matter.
 */
export function findSequenceGaps(
  sequences: readonly number[],
  { firstExpected = 1 }: { firstExpected?: number } = {},
): SequenceGap[] {
  for (const sequence of sequences) {
    if (!Number.isSafeInteger(sequence) || sequence < 1) {
      throw new RangeError(`findSequenceGaps: ${sequence} is not a sequence number`);
    }
  }
  const gaps: SequenceGap[] = [];
  let expected = firstExpected;
  for (const sequence of sequences.toSorted((a, b) => a - b)) {
    if (sequence > expected) gaps.push({ from: expected, to: sequence - 1 });
    if (sequence >= expected) expected = sequence + 1;
  }
  return gaps;
}

/** "transactions 41–43 from workstation DESK-2 have not arrived" */
export function describeSequenceGap(workstation: string, gap: SequenceGap): string {
  return gap.from === gap.to
    ? `transaction ${gap.from} from workstation ${workstation} has not arrived`
    : `transactions ${gap.from}–${gap.to} from workstation ${workstation} have not arrived`;
}
