// A workstation's numbering continues after every number the server knows it used. After a wipe
// (site data cleared, another browser) this browser's counter starts again from nothing; numbering
// from 1 again would give new transactions the numbers of ones the server already holds, and the
// gap report would then call them clashes between two workstations. A journal folder chosen again
// after a wipe raises it too: the journal may hold numbers the server never heard of.
import type { ReceivedSequences } from '../../shared/offline/clientState.ts';
import type { OfflineDb } from '../storage/database.ts';

/**
 * Raises the workstation's counter to the highest number the server received or was told was
 * recorded, never lowering it; the unsent tally is kept. Resolves to the counter's last number.
 */
export function raiseSequenceCounter(
  db: OfflineDb,
  workstation: string,
  sequences: ReceivedSequences,
): Promise<number> {
  return raiseSequenceCounterTo(
    db,
    workstation,
    Math.max(sequences.highestReceived, sequences.highestReported),
  );
}

/**
 * Raises the workstation's counter to `floor` (a number known used elsewhere: by the server, or in
 * a journal file), never lowering it; the unsent tally is kept. Resolves to the counter's last number.
 */
export async function raiseSequenceCounterTo(
  db: OfflineDb,
  workstation: string,
  floor: number,
): Promise<number> {
  const tx = db.transaction('counters', 'readwrite', { durability: 'strict' });
  const counter = await tx.store.get(workstation);
  const current = counter?.lastSequence ?? 0;
  if (floor > current) {
    await tx.store.put({ workstation, lastSequence: floor, unsent: counter?.unsent ?? 0 });
  }
  await tx.done;
  return Math.max(floor, current);
}
