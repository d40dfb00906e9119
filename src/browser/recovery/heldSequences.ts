// Which sequence numbers of a workstation this browser still stores, sent or not: the other half
// of noticing a wipe (the server's half is ReceivedSequences). Read from the outbox's unique
// (workstation, sequence) index, key by key, never loading the transactions themselves.
import type { SequenceRun } from '../../shared/offline/clientState.ts';
import type { OfflineDb } from '../storage/database.ts';

/** The whole numbering of a workstation: every sequence number there can be. */
const EVERY_SEQUENCE: SequenceRun = { from: 1, to: Number.MAX_SAFE_INTEGER };

/**
 * Every sequence number of `workstation` stored in this browser, lowest first; only those inside
 * `within` when given (the runs the server is missing: the numbers outside them the server has,
 * so whether this browser holds them too changes nothing, and a desk's tens of thousands of sent
 * transactions are never read).
 */
export async function heldSequences(
  db: OfflineDb,
  workstation: string,
  within: readonly SequenceRun[] = [EVERY_SEQUENCE],
): Promise<number[]> {
  const index = db.transaction('transactions').store.index('byWorkstationSequence');
  const held: number[] = [];
  for (const run of within) {
    const range = IDBKeyRange.bound([workstation, run.from], [workstation, run.to]);
    const size = run.to - run.from + 1;
    // The index is unique, so a count equal to the run's size means every number is here.
    const count = await index.count(range);
    if (count === 0) continue;
    if (count === size) {
      for (let n = run.from; n <= run.to; n += 1) held.push(n);
      continue;
    }
    for (let cursor = await index.openKeyCursor(range); cursor; cursor = await cursor.continue()) {
      held.push(cursor.key[1]);
    }
  }
  return held;
}
