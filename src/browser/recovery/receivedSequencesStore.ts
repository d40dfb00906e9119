// The server's latest word on what it received from this workstation (the answer to the offline
// client's report), kept in the offline database's key-value store so that the client, at start,
// compares its storage with the freshest view it ever had, even with the server down.
import { z } from 'zod';
import { ReceivedSequences } from '../../shared/offline/clientState.ts';
import type { OfflineDb } from '../storage/database.ts';

const KEY = 'receivedSequences';

export const StoredReceivedSequences = z.object({
  /** The workstation the server answered for (the session's). */
  workstation: z.string().min(1),
  sequences: ReceivedSequences,
  /** Epoch ms, this workstation's clock, like Installation.snapshotRefreshedAt. */
  storedAt: z.number().int(),
});
export type StoredReceivedSequences = z.infer<typeof StoredReceivedSequences>;

/** The stored answer; null when there is none or it does not read (then the snapshot's serves). */
export async function readReceivedSequences(
  db: OfflineDb,
): Promise<StoredReceivedSequences | null> {
  const parsed = StoredReceivedSequences.safeParse(await db.get('keyval', KEY));
  return parsed.success ? parsed.data : null;
}

export async function writeReceivedSequences(
  db: OfflineDb,
  value: StoredReceivedSequences,
): Promise<void> {
  const tx = db.transaction('keyval', 'readwrite', { durability: 'strict' });
  await Promise.all([tx.store.put(StoredReceivedSequences.parse(value), KEY), tx.done]);
}
