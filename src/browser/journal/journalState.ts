// Whether this browser keeps a journal file on this computer, as the client reports it and the
// screens show it. The journal itself (folder handle, writing, rotation) lives beside this file;
// this is only its state, kept in the offline database's key-value store.
import { JournalState } from '../../shared/offline/clientState.ts';
import type { OfflineDb } from '../storage/database.ts';

const KEY = 'journalState';

/** Whether the browser has the File System Access API's folder picker (Chromium, Edge). */
export function canKeepJournal(): boolean {
  return typeof window !== 'undefined' && 'showDirectoryPicker' in window;
}

/** 'unsupported' without the API; otherwise what the journal last recorded ('off' by default). */
export async function readJournalState(db: OfflineDb): Promise<JournalState> {
  if (!canKeepJournal()) return 'unsupported';
  const parsed = JournalState.safeParse(await db.get('keyval', KEY));
  return parsed.success ? parsed.data : 'off';
}

export async function writeJournalState(db: OfflineDb, state: JournalState): Promise<void> {
  const tx = db.transaction('keyval', 'readwrite', { durability: 'strict' });
  await Promise.all([tx.store.put(JournalState.parse(state), KEY), tx.done]);
}
