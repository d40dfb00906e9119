// The end-of-day reminder's count without reading every unsent transaction at each scan: reading
// them all takes a readonly IndexedDB transaction over the whole outbox (hundreds of milliseconds
// at 50,000 stored), which the next scan's write would wait for. One full reading is followed by
// the unsent tally the counters keep: only recording raises it, and a loan recorded now is always
// recorded after the last backup file.
import { unsentSinceBackup } from '../../browser/backup/backupFile.ts';
import type { OutboxEntry } from '../../browser/outbox/outbox.ts';

/** A full reading: of `unsent` unsent transactions, `keptOnlyHere` came after the backup file. */
export interface KeptOnlyHereReading {
  /** Epoch ms of the backup file the reading compared against (0: none ever saved). */
  lastBackupAt: number;
  unsent: number;
  keptOnlyHere: number;
}

/** Reads a full reading from the unsent transactions themselves. */
export function readingOf(
  unsent: readonly OutboxEntry[],
  lastBackupAt: number,
): KeptOnlyHereReading {
  // The tally is the entries' own count, so the counters' later tallies compare exactly.
  return {
    lastBackupAt,
    unsent: unsent.length,
    keptOnlyHere: unsentSinceBackup(unsent, lastBackupAt),
  };
}

/**
 * How many unsent transactions no backup file holds, now that `unsent` wait to be sent; null when
 * only a full reading can tell: none yet, a backup file saved since, or fewer unsent than at the
 * reading (a send or a removal, which may have taken any of them).
 */
export function keptOnlyHereNow(
  reading: KeptOnlyHereReading | null,
  lastBackupAt: number,
  unsent: number,
): number | null {
  // No backup file was ever saved: every unsent transaction is kept only here.
  if (lastBackupAt === 0) return unsent;
  if (reading === null || reading.lastBackupAt !== lastBackupAt || unsent < reading.unsent) {
    return null;
  }
  return reading.keptOnlyHere + (unsent - reading.unsent);
}
