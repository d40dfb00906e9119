// The end-of-day reminder's count: unsent transactions no journal and no backup file holds.
import { useEffect, useState } from 'react';
import { readLastBackupSavedAt, unsentSinceBackup } from '../../browser/backup/backupFile.ts';
import type { Outbox } from '../../browser/outbox/outbox.ts';
import type { OfflineDb } from '../../browser/storage/database.ts';

/**
 * How many unsent transactions were recorded after the last backup file, while no journal keeps
 * them (0 while the journal is on): read again whenever the unsent count changes.
 */
export function useKeptOnlyHere(db: OfflineDb, outbox: Outbox, unsent: number, journalOn: boolean) {
  const [count, setCount] = useState(0);
  /** Epoch ms of the last backup file; null until read from the database. */
  const [lastBackupAt, setLastBackupAt] = useState<number | null>(null);
  useEffect(() => {
    void readLastBackupSavedAt(db).then(setLastBackupAt, () => setLastBackupAt(0));
  }, [db]);
  const watching = !journalOn && unsent > 0 && lastBackupAt !== null;
  useEffect(() => {
    if (!watching) return;
    let current = true;
    outbox.unsent().then(
      (entries) => {
        // Never more than the header's count, which another tab's send may just have lowered.
        if (current) setCount(Math.min(unsent, unsentSinceBackup(entries, lastBackupAt)));
      },
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [outbox, unsent, watching, lastBackupAt]);
  return { count: watching ? count : 0, backupSaved: setLastBackupAt };
}
