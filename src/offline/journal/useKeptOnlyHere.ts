// The end-of-day reminder's count: unsent transactions no journal and no backup file holds.
import { useEffect, useState } from 'react';
import { readLastBackupSavedAt } from '../../browser/backup/backupFile.ts';
import type { Outbox } from '../../browser/outbox/outbox.ts';
import type { OfflineDb } from '../../browser/storage/database.ts';
import { keptOnlyHereNow, readingOf, type KeptOnlyHereReading } from './keptOnlyHereTally.ts';

/**
 * How many unsent transactions were recorded after the last backup file, while no journal keeps
 * them (0 while the journal is on): followed from the unsent count, and read in full only when the
 * count alone cannot tell (see keptOnlyHereNow), never at each scan.
 */
export function useKeptOnlyHere(db: OfflineDb, outbox: Outbox, unsent: number, journalOn: boolean) {
  const [reading, setReading] = useState<KeptOnlyHereReading | null>(null);
  /** Epoch ms of the last backup file; null until read from the database. */
  const [lastBackupAt, setLastBackupAt] = useState<number | null>(null);
  useEffect(() => {
    void readLastBackupSavedAt(db).then(setLastBackupAt, () => setLastBackupAt(0));
  }, [db]);
  const watching = !journalOn && unsent > 0 && lastBackupAt !== null;
  const known = watching ? keptOnlyHereNow(reading, lastBackupAt, unsent) : 0;
  /** The unsent count a full reading is wanted at: read again if it changes before one arrives. */
  const readAt = watching && known === null ? unsent : null;
  useEffect(() => {
    if (readAt === null || lastBackupAt === null) return;
    let current = true;
    outbox.unsent().then(
      (entries) => {
        if (current) setReading(readingOf(entries, lastBackupAt));
      },
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [outbox, readAt, lastBackupAt]);
  // Never more than the header's count, which another tab's send may just have lowered.
  const count = Math.min(unsent, known ?? reading?.keptOnlyHere ?? 0);
  return { count: watching ? count : 0, backupSaved: setLastBackupAt };
}
