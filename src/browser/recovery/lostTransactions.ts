// The transactions this workstation recorded that the server never received and this browser no
// longer holds, by the freshest word from the server: the answer to the last report, or the
// snapshot's when that is newer (a reinstall) or there was no report yet.
import type { ReceivedSequences } from '../../shared/offline/clientState.ts';
import {
  findLostTransactions,
  NOTHING_LOST,
  type LostTransactions,
} from '../../shared/offline/recovery.ts';
import type { OfflineSnapshot } from '../../shared/offline/snapshot.ts';
import type { OfflineDb } from '../storage/database.ts';
import type { Installation } from '../storage/localState.ts';
import { heldSequences } from './heldSequences.ts';
import { readReceivedSequences, type StoredReceivedSequences } from './receivedSequencesStore.ts';

/**
 * The server's freshest view of the snapshot's workstation: the stored report answer when it is
 * for that workstation and no older than the snapshot, else the snapshot's own; null if neither.
 */
export function freshestSequences(props: {
  stored: StoredReceivedSequences | null;
  snapshot: Pick<OfflineSnapshot, 'workstation' | 'sequences'>;
  installation: Pick<Installation, 'snapshotRefreshedAt'>;
}): ReceivedSequences | null {
  const { stored, snapshot, installation } = props;
  const answer = stored?.workstation === snapshot.workstation ? stored : null;
  if (answer && (!snapshot.sequences || answer.storedAt >= installation.snapshotRefreshedAt)) {
    return answer.sequences;
  }
  return snapshot.sequences ?? null;
}

/** What this browser's workstation lost, as far as this browser and the server can tell. */
export async function findLostHere(props: {
  db: OfflineDb;
  snapshot: Pick<OfflineSnapshot, 'workstation' | 'sequences'>;
  installation: Pick<Installation, 'snapshotRefreshedAt'>;
}): Promise<LostTransactions> {
  const { db, snapshot, installation } = props;
  const server = freshestSequences({
    stored: await readReceivedSequences(db),
    snapshot,
    installation,
  });
  return server === null ? NOTHING_LOST : lostOf(db, snapshot.workstation, server);
}

/** What of the server's missing numbers of `workstation` this browser does not hold either. */
export async function lostOf(
  db: OfflineDb,
  workstation: string,
  server: ReceivedSequences,
): Promise<LostTransactions> {
  if (server.missing.length === 0) return NOTHING_LOST;
  const heldHere = await heldSequences(db, workstation, server.missing);
  return findLostTransactions({ server, heldHere });
}
