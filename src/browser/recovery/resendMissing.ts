// The browser's half of a failover that loses nothing (docs/failover.md): after each report, sent
// transactions the server now says it lacks are made unsent again, so the normal sending sends
// them once more; and a sent transaction may be deleted only once an answer the database's
// standbys had caught up with (a confirmation) says the server received it.
import { z } from 'zod';
import { ReceivedSequences, type SequenceRun } from '../../shared/offline/clientState.ts';
import {
  isConfirmed,
  transactionsToResend,
  type Confirmation,
} from '../../shared/offline/resend.ts';
import { createIndexedDbOutbox } from '../outbox/indexedDbOutbox.ts';
import type { OfflineDb, StoredEntry } from '../storage/database.ts';

const CONFIRMATION_KEY = 'confirmedSequences';

const StoredConfirmation = z.object({
  workstation: z.string().min(1),
  sequences: ReceivedSequences,
});

/** The latest confirmation; null when there is none or it does not read (then nothing is deletable). */
export async function readConfirmation(db: OfflineDb): Promise<Confirmation | null> {
  const parsed = StoredConfirmation.safeParse(await db.get('keyval', CONFIRMATION_KEY));
  return parsed.success ? parsed.data : null;
}

export async function writeConfirmation(db: OfflineDb, value: Confirmation): Promise<void> {
  const tx = db.transaction('keyval', 'readwrite', { durability: 'strict' });
  await Promise.all([tx.store.put(StoredConfirmation.parse(value), CONFIRMATION_KEY), tx.done]);
}

/** The stored transactions of `workstation` whose numbers fall in `runs`, read run by run. */
async function storedWithin(
  db: OfflineDb,
  workstation: string,
  runs: readonly SequenceRun[],
): Promise<StoredEntry[]> {
  const index = db.transaction('transactions').store.index('byWorkstationSequence');
  const found: StoredEntry[] = [];
  for (const run of runs) {
    found.push(
      ...(await index.getAll(IDBKeyRange.bound([workstation, run.from], [workstation, run.to]))),
    );
  }
  return found;
}

/**
 * Makes unsent again every transaction of `workstation` this browser holds as sent whose number
 * the server's answer lists as missing; resolves to how many. Their ids make the resend idempotent.
 */
export async function reopenMissing(
  db: OfflineDb,
  workstation: string,
  server: ReceivedSequences,
): Promise<number> {
  if (server.missing.length === 0) return 0;
  const held = await storedWithin(db, workstation, server.missing);
  const ids = transactionsToResend({ workstation, server, held });
  return ids.length === 0 ? 0 : createIndexedDbOutbox(db).markUnsent(ids);
}

/** Sent transactions the latest confirmation covers: what "Delete offline transactions" may remove. */
export async function countConfirmedSent(db: OfflineDb): Promise<number> {
  const confirmation = await readConfirmation(db);
  if (confirmation === null) return 0;
  const sent = await db.getAllFromIndex('transactions', 'byState', 'sent');
  return sent.filter((entry) => isConfirmed(entry, confirmation)).length;
}

/**
 * Deletes the sent transactions the latest confirmation covers, never an unsent or unconfirmed
 * one; resolves to how many were removed.
 */
export async function deleteConfirmedSent(db: OfflineDb): Promise<number> {
  const confirmation = await readConfirmation(db);
  if (confirmation === null) return 0;
  const tx = db.transaction('transactions', 'readwrite', { durability: 'strict' });
  let removed = 0;
  let cursor = await tx.objectStore('transactions').index('byState').openCursor('sent');
  while (cursor) {
    if (cursor.value.outboxState === 'sent' && isConfirmed(cursor.value, confirmation)) {
      await cursor.delete();
      removed += 1;
    }
    cursor = await cursor.continue();
  }
  await tx.done;
  return removed;
}
