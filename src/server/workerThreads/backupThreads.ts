// The daily backup on a thread of its own. SQLite's online backup copies every page in one step
// and then checks the copy (backup/sqliteBackup.ts): seconds of work on a large library that,
// on the event loop, would hold every desk's request until it was done.
import { Piscina } from 'piscina';
import type { BackupResult } from '../backup/backups.ts';
import { threadFile, THREAD_NODE_OPTIONS } from './threadFiles.ts';

/** makeBackup's props: the database to back up and the file to write. */
export interface BackupTask {
  databaseUrl: string;
  file: string;
}

/** Makes the backup on a new thread, which stops once the backup is made (one a day). */
export async function makeBackupOnThread(task: BackupTask): Promise<BackupResult> {
  const thread = new Piscina<BackupTask, BackupResult>({
    filename: threadFile('backupThread'),
    minThreads: 0,
    maxThreads: 1,
    ...THREAD_NODE_OPTIONS,
  });
  try {
    return await thread.run(task);
  } finally {
    await thread.close();
  }
}
