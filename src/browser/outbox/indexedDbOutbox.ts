// The outbox in IndexedDB. Each record() is one readwrite transaction with strict durability that
// reads the workstation's counter, writes counter + 1 (and its unsent tally + 1) and adds the
// transaction: IndexedDB runs overlapping readwrite transactions one at a time, so two tabs can
// never take the same number, and if any part fails the whole write is rolled back. Nothing but
// IndexedDB requests is awaited inside a transaction, which would otherwise commit early.
import { v7 } from 'uuid';
import type { OfflineDb, StoredEntry } from '../storage/database.ts';
import {
  assertValidDraft,
  compareEntries,
  OutboxWriteError,
  type Outbox,
  type OutboxEntry,
} from './outbox.ts';

const STRICT = { durability: 'strict' } as const;

function toEntry(stored: StoredEntry): OutboxEntry {
  const { outboxState: _state, ...entry } = stored;
  return entry as OutboxEntry;
}

/** The typed reason for a failed IndexedDB write. */
export function toOutboxWriteError(error: unknown): OutboxWriteError {
  if (error instanceof OutboxWriteError) return error;
  const name = error instanceof DOMException || error instanceof Error ? error.name : '';
  return new OutboxWriteError(name === 'QuotaExceededError' ? 'STORAGE_FULL' : 'WRITE_FAILED', {
    cause: error,
  });
}

export interface IndexedDbOutboxOptions {
  newId?: () => string;
}

export function createIndexedDbOutbox(db: OfflineDb, options: IndexedDbOutboxOptions = {}): Outbox {
  const newId = options.newId ?? v7;

  return {
    async record(draft) {
      assertValidDraft(draft);
      // Generated before the transaction opens: nothing but IndexedDB work may happen inside it.
      const id = newId();
      const tx = db.transaction(['counters', 'transactions'], 'readwrite', STRICT);
      try {
        const counters = tx.objectStore('counters');
        const counter = await counters.get(draft.workstation);
        const sequence = (counter?.lastSequence ?? 0) + 1;
        const stored = {
          ...draft,
          id,
          sequence,
          sentAt: null,
          outboxState: 'unsent',
        } as StoredEntry;
        await Promise.all([
          counters.put({
            workstation: draft.workstation,
            lastSequence: sequence,
            unsent: (counter?.unsent ?? 0) + 1,
          }),
          tx.objectStore('transactions').add(stored),
          tx.done,
        ]);
        return toEntry(stored);
      } catch (error) {
        // Normally already aborted by the failed request; made certain so that no counter
        // increment can ever commit without its transaction.
        try {
          tx.abort();
        } catch {
          // Already finished (aborted): nothing was stored.
        }
        throw toOutboxWriteError(error);
      }
    },

    async list() {
      const all = await db.getAllFromIndex('transactions', 'byWorkstationSequence');
      return all.map(toEntry);
    },

    async counts() {
      // The counters alone: a few records, however many transactions are stored.
      const counters = await db.getAll('counters');
      const recorded = counters.reduce((sum, c) => sum + c.lastSequence, 0);
      const unsent = counters.reduce((sum, c) => sum + c.unsent, 0);
      return { recorded, unsent, sent: recorded - unsent };
    },

    async unsent() {
      const stored = await db.getAllFromIndex('transactions', 'byState', 'unsent');
      return stored.map(toEntry).toSorted(compareEntries);
    },

    async markSent(ids, at) {
      const tx = db.transaction(['counters', 'transactions'], 'readwrite', STRICT);
      const store = tx.objectStore('transactions');
      const counters = tx.objectStore('counters');
      // Each workstation's unsent tally goes down with its transactions, in the same write.
      const acknowledged = new Map<string, number>();
      const acknowledge = async () => {
        await Promise.all(
          [...new Set(ids)].map(async (id) => {
            const stored = await store.get(id);
            if (stored && stored.outboxState === 'unsent') {
              const { workstation } = stored;
              acknowledged.set(workstation, (acknowledged.get(workstation) ?? 0) + 1);
              await store.put({ ...stored, sentAt: at, outboxState: 'sent' });
            }
          }),
        );
        await Promise.all(
          [...acknowledged].map(async ([workstation, count]) => {
            const counter = await counters.get(workstation);
            if (counter) await counters.put({ ...counter, unsent: counter.unsent - count });
          }),
        );
      };
      await Promise.all([acknowledge(), tx.done]);
    },

    async countSentKept() {
      return db.countFromIndex('transactions', 'byState', 'sent');
    },

    async deleteSent() {
      const tx = db.transaction('transactions', 'readwrite', STRICT);
      let removed = 0;
      let cursor = await tx.objectStore('transactions').index('byState').openCursor('sent');
      while (cursor) {
        // Checked again on the record itself: only an acknowledged transaction may go.
        if (cursor.value.outboxState === 'sent' && cursor.value.sentAt !== null) {
          await cursor.delete();
          removed += 1;
        }
        cursor = await cursor.continue();
      }
      await tx.done;
      return removed;
    },

    async markUnsent(ids) {
      const tx = db.transaction(['counters', 'transactions'], 'readwrite', STRICT);
      const store = tx.objectStore('transactions');
      const counters = tx.objectStore('counters');
      // Each workstation's unsent tally goes up with its transactions, in the same write.
      const reopened = new Map<string, number>();
      const reopen = async () => {
        await Promise.all(
          [...new Set(ids)].map(async (id) => {
            const stored = await store.get(id);
            if (stored && stored.outboxState === 'sent') {
              const { workstation } = stored;
              reopened.set(workstation, (reopened.get(workstation) ?? 0) + 1);
              await store.put({ ...stored, sentAt: null, outboxState: 'unsent' });
            }
          }),
        );
        await Promise.all(
          [...reopened].map(async ([workstation, count]) => {
            const counter = await counters.get(workstation);
            if (counter) await counters.put({ ...counter, unsent: counter.unsent + count });
          }),
        );
      };
      await Promise.all([reopen(), tx.done]);
      return [...reopened.values()].reduce((sum, n) => sum + n, 0);
    },
  };
}
