// Test fixture: the server's view of one workstation's numbers, built from what it received.
import type { ReceivedSequences } from './clientState.ts';
import { countOf, runsOf } from './recovery.ts';

/** What the server says of a workstation that recorded up to `highest` and received `received`. */
export function serverView(highest: number, received: readonly number[]): ReceivedSequences {
  const got = new Set(received);
  const missing = runsOf(
    Array.from({ length: highest }, (_, i) => i + 1).filter((n) => !got.has(n)),
  );
  return {
    received: got.size,
    highestReceived: Math.max(0, ...got),
    highestReported: highest,
    missing,
    missingCount: countOf(missing),
  };
}
