// "Save backup file": every unsent transaction as a circa-offline file staff can carry to any
// computer and upload there. The file's text comes from the shared writer, the same one the server
// reads with.
import { writeOfflineFile } from '../../shared/offlineFile/index.ts';
import type { OutboxEntry } from '../outbox/outbox.ts';

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
