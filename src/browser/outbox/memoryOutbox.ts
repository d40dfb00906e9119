// An outbox held in memory, with the same behaviour as the IndexedDB one, for unit tests of the
// screens' logic. `beforeWrite` lets a test make a write fail.
import { v7 } from 'uuid';
import {
  assertValidDraft,
  compareEntries,
  OutboxWriteError,
  type Outbox,
  type OutboxEntry,
} from './outbox.ts';

export interface MemoryOutboxOptions {
  /** Called before each write; throwing makes the write fail as a full disk would. */
  beforeWrite?: () => void;
  newId?: () => string;
}

export function createMemoryOutbox(options: MemoryOutboxOptions = {}): Outbox {
  const entries = new Map<string, OutboxEntry>();
  const lastSequence = new Map<string, number>();
  const newId = options.newId ?? v7;

  return {
    async record(draft) {
      assertValidDraft(draft);
      try {
        options.beforeWrite?.();
      } catch (error) {
        throw new OutboxWriteError('WRITE_FAILED', { cause: error });
      }
      const sequence = (lastSequence.get(draft.workstation) ?? 0) + 1;
      const entry = { ...draft, id: newId(), sequence, sentAt: null } as OutboxEntry;
      if (entries.has(entry.id)) throw new OutboxWriteError('WRITE_FAILED');
      lastSequence.set(draft.workstation, sequence);
      entries.set(entry.id, entry);
      return { ...entry };
    },
    async list() {
      return [...entries.values()].toSorted(compareEntries).map((e) => ({ ...e }));
    },
    async counts() {
      const recorded = [...lastSequence.values()].reduce((sum, n) => sum + n, 0);
      const unsent = [...entries.values()].filter((e) => e.sentAt === null).length;
      return { recorded, unsent, sent: recorded - unsent };
    },
    async unsent() {
      return [...entries.values()]
        .filter((e) => e.sentAt === null)
        .toSorted(compareEntries)
        .map((e) => ({ ...e }));
    },
    async markSent(ids, at) {
      for (const id of ids) {
        const entry = entries.get(id);
        if (entry && entry.sentAt === null) entry.sentAt = at;
      }
    },
    async countSentKept() {
      return [...entries.values()].filter((e) => e.sentAt !== null).length;
    },
    async deleteSent() {
      let removed = 0;
      for (const [id, entry] of entries) {
        if (entry.sentAt !== null) {
          entries.delete(id);
          removed += 1;
        }
      }
      return removed;
    },
    async markUnsent(ids) {
      let reopened = 0;
      for (const id of new Set(ids)) {
        const entry = entries.get(id);
        if (entry && entry.sentAt !== null) {
          entry.sentAt = null;
          reopened += 1;
        }
      }
      return reopened;
    },
  };
}
