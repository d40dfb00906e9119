// The staff app's view of this browser's offline outbox: how many transactions the offline client
// holds unsent and from which days, and sending them. The staff app and the offline client share
// the origin, so they share the IndexedDB database; it is opened only for each read or sending and
// closed again, so it never holds up the offline client when that needs to upgrade it. After a send
// that reached the server, the offline client's state is reported.
import { isOfflineClientInstalled } from '../install/installOfflineClient.ts';
import { createIndexedDbOutbox } from '../outbox/indexedDbOutbox.ts';
import { reportAfterSend } from '../recovery/clientReporting.ts';
import { SendFailure } from './sendFailure.ts';
import { sendOfflineTransactions, sentNothing, type SendResult } from './sendOutbox.ts';
import { describeDays } from './sendWords.ts';
import { openOfflineDb, type OfflineDb } from '../storage/database.ts';
import { readSnapshot } from '../storage/localState.ts';
import { createStore } from '../store.ts';

export interface OfflineSendState {
  /** Unsent transactions in this browser; null until read (or when the browser cannot say). */
  unsent: number | null;
  /** The days they were recorded on, e.g. "27–28 Nov". */
  days: string;
  phase: 'idle' | 'sending' | 'finished';
  progress: { sent: number; total: number } | null;
  /** The last sending's result, while phase is 'finished'. */
  result: SendResult | null;
}

const store = createStore<OfflineSendState>({
  unsent: null,
  days: '',
  phase: 'idle',
  progress: null,
  result: null,
});
const { getState, set } = store;

async function withOfflineDb<T>(use: (db: OfflineDb) => Promise<T>): Promise<T> {
  // Another tab upgrading the database closes this connection; a sending then stops safely.
  const db = await openOfflineDb(undefined, (event) => (event.target as IDBDatabase).close());
  try {
    return await use(db);
  } finally {
    db.close();
  }
}

/** Counts unsent transactions and names their days in the branch's time zone. */
async function readUnsent(db: OfflineDb): Promise<Pick<OfflineSendState, 'unsent' | 'days'>> {
  const outbox = createIndexedDbOutbox(db);
  const { unsent } = await outbox.counts();
  if (unsent === 0) return { unsent, days: '' };
  const [entries, snapshot] = await Promise.all([outbox.unsent(), readSnapshot(db)]);
  const timeZone = snapshot?.branch.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  return {
    unsent,
    days: describeDays(
      entries.map((e) => e.occurredAt),
      timeZone,
    ),
  };
}

/**
 * After a send that reached the server, this browser's offline client reports how it stands (the
 * supervisors' workstation list shows the unsent count of the last report). Never rejects.
 */
async function reportStaffAppSend(): Promise<void> {
  const installed = await isOfflineClientInstalled().catch(() => false);
  await reportAfterSend({ installed });
}

export const offlineSendStore = {
  getState,
  subscribe: store.subscribe,

  /** Reads the outbox again (on opening the app, and when the tab regains the focus). */
  async refresh(): Promise<void> {
    if (getState().phase === 'sending' || typeof indexedDB === 'undefined') return;
    try {
      set(await withOfflineDb(readUnsent));
    } catch {
      // The browser refused to open its storage: nothing to offer, and nothing is lost.
    }
  },

  async send(): Promise<void> {
    if (getState().phase === 'sending') return;
    set({ phase: 'sending', progress: null, result: null });
    let result: SendResult;
    try {
      result = await withOfflineDb((db) =>
        sendOfflineTransactions({
          outbox: createIndexedDbOutbox(db),
          now: Date.now,
          onProgress: (progress) => set({ progress }),
        }),
      );
    } catch (error) {
      // The browser would not open its storage at all: say so rather than quietly offering
      // "Send now" again. Nothing was marked sent, so nothing is lost.
      const failure = new SendFailure(
        'STORAGE',
        'This browser could not open its offline transactions. Reload the page and try again; they stay safe until the server confirms them.',
        null,
        { cause: error },
      );
      set({
        phase: 'finished',
        progress: null,
        result: sentNothing('failed', failure, getState().unsent ?? 0),
      });
      return;
    }
    set({
      phase: result.status === 'nothing-to-send' ? 'idle' : 'finished',
      progress: null,
      result,
    });
    if (result.sent > 0) void reportStaffAppSend();
    try {
      set(await withOfflineDb(readUnsent));
    } catch {
      // The count is read again next time the tab gets the focus.
    }
  },

  dismiss(): void {
    set({ phase: 'idle', result: null });
  },
};
