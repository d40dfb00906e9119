// The folder staff chose for the journal: picked once with the browser's folder picker, its handle
// remembered in the offline database (handles survive a structured clone), and the permission to
// write there, which Chromium may ask for again after a restart.
import type { OfflineDb } from '../storage/database.ts';
import type { JournalFolderHandle, JournalPermission } from './fileSystemAccess.ts';

const FOLDER_KEY = 'journalFolder';
/** The picker opens where it was last used for the journal, not in Downloads. */
const PICKER_ID = 'circa-journal';

/** The picked folder, or null when staff closed the picker without choosing. */
export async function chooseJournalFolder(): Promise<JournalFolderHandle | null> {
  const picker = window.showDirectoryPicker;
  if (!picker) return null;
  try {
    return await picker({ id: PICKER_ID, mode: 'readwrite' });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') return null;
    throw error;
  }
}

export async function loadJournalFolder(db: OfflineDb): Promise<JournalFolderHandle | null> {
  const stored = await db.get('keyval', FOLDER_KEY);
  return isFolderHandle(stored) ? stored : null;
}

export async function rememberJournalFolder(
  db: OfflineDb,
  folder: JournalFolderHandle | null,
): Promise<void> {
  const tx = db.transaction('keyval', 'readwrite', { durability: 'strict' });
  await Promise.all([
    folder === null ? tx.store.delete(FOLDER_KEY) : tx.store.put(folder, FOLDER_KEY),
    tx.done,
  ]);
}

/** 'prompt' means Chromium wants a click before Circa writes there again. */
export async function folderPermission(folder: JournalFolderHandle): Promise<JournalPermission> {
  try {
    return await folder.queryPermission({ mode: 'readwrite' });
  } catch {
    return 'denied';
  }
}

/** Asks the browser again; only works from a click (a user gesture). */
export async function askFolderPermission(folder: JournalFolderHandle): Promise<JournalPermission> {
  try {
    return await folder.requestPermission({ mode: 'readwrite' });
  } catch {
    return 'denied';
  }
}

function isFolderHandle(value: unknown): value is JournalFolderHandle {
  return (
    typeof value === 'object' &&
    value !== null &&
    'kind' in value &&
    value.kind === 'directory' &&
    'getFileHandle' in value
  );
}
