// Recording through the journal: the outbox writes the transaction to IndexedDB first (strict
// durability), then the journal writes it to the folder, and only then does record() resolve, so a
// row shows as recorded once it is in both. The journal never fails a record: a folder problem
// shows in the journal's status, and the transaction stays recorded in IndexedDB.
import type { Outbox } from '../outbox/outbox.ts';
import type { Journal } from './journal.ts';

export function createJournaledOutbox(
  inner: Outbox,
  journal: Pick<Journal, 'afterRecord'>,
): Outbox {
  return {
    async record(draft) {
      const entry = await inner.record(draft);
      await journal.afterRecord(entry.workstation);
      return entry;
    },
    list: () => inner.list(),
    counts: () => inner.counts(),
    unsent: () => inner.unsent(),
    markSent: (ids, at) => inner.markSent(ids, at),
    countSentKept: () => inner.countSentKept(),
    deleteSent: () => inner.deleteSent(),
    markUnsent: (ids) => inner.markUnsent(ids),
  };
}
