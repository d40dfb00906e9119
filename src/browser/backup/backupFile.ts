// "Save backup file": every unsent transaction as a circa-offline file staff can carry to any
// computer and upload there. The file's text comes from the shared writer, the same one the server
// reads with.
import { writeOfflineFile } from '../../shared/offlineFile/index.ts';
import type { OutboxEntry } from '../outbox/outbox.ts';
import type { OfflineDb } from '../storage/database.ts';

/** keyval: epoch ms (workstation clock) when "Save backup file" last handed files to the browser. */
const LAST_BACKUP_KEY = 'lastBackupSavedAt';

export interface BackupFile {
  name: string;
  text: string;
  count: number;
}

/** e.g. circa-offline-DESK-1-2026-12-02T1605.jsonl (workstation, then the local time saved). */
const pad = (n: number) => String(n).padStart(2, '0');

export function backupFileName(workstation: string, at: Date): string {
  const stamp = `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T${pad(at.getHours())}${pad(at.getMinutes())}`;
  const safeWorkstation = workstation.replace(/[^A-Za-z0-9._-]+/g, '_');
  return `circa-offline-${safeWorkstation}-${stamp}.jsonl`;
}

/**
 * One file per workstation name: transactions recorded under an older name (before a reinstall)
 * get a file of their own, since a file holds one workstation. Empty when nothing is unsent.
 */
export function buildBackupFiles(props: {
  appVersion: string;
  unsent: readonly OutboxEntry[];
  now: number;
}): BackupFile[] {
  const byWorkstation = new Map<string, OutboxEntry[]>();
  for (const t of props.unsent) {
    byWorkstation.set(t.workstation, [...(byWorkstation.get(t.workstation) ?? []), t]);
  }
  return [...byWorkstation].map(([workstation, transactions]) => ({
    name: backupFileName(workstation, new Date(props.now)),
    text: writeOfflineFile({
      workstation,
      branchCode: transactions[0]?.branchCode ?? '',
      exportedAt: props.now,
      transactions,
      appVersion: props.appVersion,
    }),
    count: transactions.length,
  }));
}

/** Hands the file to the browser's download. */
export function downloadFile(file: BackupFile): void {
  const url = URL.createObjectURL(new Blob([file.text], { type: 'application/x-ndjson' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = file.name;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked later: some browsers start reading the blob after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Remembered for the end-of-day reminder: what was recorded after it is in no backup file. */
export async function recordBackupSaved(db: OfflineDb, at: number): Promise<void> {
  const tx = db.transaction('keyval', 'readwrite', { durability: 'strict' });
  await Promise.all([tx.store.put(at, LAST_BACKUP_KEY), tx.done]);
}

/** 0 when no backup file was ever saved in this browser. */
export async function readLastBackupSavedAt(db: OfflineDb): Promise<number> {
  const stored = await db.get('keyval', LAST_BACKUP_KEY);
  return typeof stored === 'number' && Number.isFinite(stored) ? stored : 0;
}

/** Unsent transactions recorded after the last backup file: kept only in this browser. */
export function unsentSinceBackup(unsent: readonly OutboxEntry[], lastBackupAt: number): number {
  return unsent.filter((entry) => entry.occurredAt > lastBackupAt).length;
}
