// The journal's status as React state: re-rendered whenever a write works or fails.
import { useSyncExternalStore } from 'react';
import type { Journal, JournalStatus } from '../../browser/journal/journal.ts';

export function useJournalStatus(journal: Journal): JournalStatus {
  return useSyncExternalStore(journal.subscribe, journal.status);
}
