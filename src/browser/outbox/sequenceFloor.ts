// A workstation's numbering continues after every number the server knows it used. After a wipe
// (site data cleared, another browser) this browser's counter starts again from nothing; numbering
// from 1 again would give new transactions the numbers of ones the server already holds, and the
// gap report would then call them clashes between two workstations.
import type { ReceivedSequences } from '../../shared/offline/clientState.ts';
import type { OfflineDb } from '../storage/database.ts';

/**
 * Raises the workstation's counter to the highest number the server received or was told was
 * recorded, never lowering it; the unsent tally is kept. Resolves to the counter's last number.
 */
export async function raiseSequenceCounter(
  db: OfflineDb,
  workstation: string,
  sequences: ReceivedSequences,
): Promise<number> {
  const floor = Math.max(sequences.highestReceived, sequences.highestReported);
  const tx = db.transaction('counters', 'readwrite', { durability: 'strict' });
  const counter = await tx.store.get(workstation);
  const current = counter?.lastSequence ?? 0;
  if (floor > current) {
    await tx.store.put({ workstation, lastSequence: floor, unsent: counter?.unsent ?? 0 });
  }
  await tx.done;
  return Math.max(floor, current);
}
