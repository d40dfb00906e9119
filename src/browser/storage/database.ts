// The offline client's IndexedDB database: the outbox, the per-workstation sequence counters, and
// a small key–value store for the snapshot, the installation record and the settings.
// Clearing the browser's cached files does not touch IndexedDB; only "site data" does.
import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction } from 'idb';
import type { OutboxEntry } from '../outbox/outbox.ts';

/** The database name. Never change it: a new name would strand every unsent transaction. */
export const OFFLINE_DB_NAME = 'circa-offline';
/**
 * Schema version. Raise it only with an upgrade step below that keeps every stored transaction.
 * 2: each counter also keeps its workstation's unsent tally.
 */
export const OFFLINE_DB_VERSION = 2;

/** A stored transaction: the entry plus the field its "unsent" index reads. */
export type StoredEntry = OutboxEntry & {
  /** IndexedDB cannot index null, so the send state is kept as text beside `sentAt`. */
  outboxState: 'unsent' | 'sent';
};

export interface SequenceCounter {
  workstation: string;
  lastSequence: number;
  /**
   * How many of this workstation's transactions wait to be sent, kept in the same transactions
   * that record and acknowledge them: counting the unsent index instead takes hundreds of
   * milliseconds once tens of thousands are stored, and would hold up the next scan.
   */
  unsent: number;
}

export interface OfflineDbSchema extends DBSchema {
  transactions: {
    key: string;
    value: StoredEntry;
    indexes: { byWorkstationSequence: [string, number]; byState: string };
  };
  counters: { key: string; value: SequenceCounter };
  keyval: { key: string; value: unknown };
}

export type OfflineDb = IDBPDatabase<OfflineDbSchema>;

/**
 * Opens the database. `onNewerVersion` runs when another tab needs a newer schema: the caller must
 * close this connection so the upgrade can proceed (the offline client reloads into the new
 * version; every transaction shown as recorded is already committed).
 */
export function openOfflineDb(
  name: string = OFFLINE_DB_NAME,
  onNewerVersion?: (event: IDBVersionChangeEvent) => void,
): Promise<OfflineDb> {
  return openDB<OfflineDbSchema>(name, OFFLINE_DB_VERSION, {
    async upgrade(db, oldVersion, _newVersion, transaction) {
      if (oldVersion < 1) {
        const transactions = db.createObjectStore('transactions', { keyPath: 'id' });
        // Unique: even a bug in the counter could never store two transactions under one number.
        transactions.createIndex('byWorkstationSequence', ['workstation', 'sequence'], {
          unique: true,
        });
        transactions.createIndex('byState', 'outboxState');
        db.createObjectStore('counters', { keyPath: 'workstation' });
        db.createObjectStore('keyval');
      }
      if (oldVersion >= 1 && oldVersion < 2) await tallyUnsent(transaction);
    },
    blocking(_currentVersion, _blockedVersion, event) {
      onNewerVersion?.(event);
    },
  });
}

/** Version 2: counts each workstation's unsent transactions once, into its counter. */
async function tallyUnsent(
  transaction: IDBPTransaction<
    OfflineDbSchema,
    ('transactions' | 'counters' | 'keyval')[],
    'versionchange'
  >,
): Promise<void> {
  const unsent = new Map<string, number>();
  let cursor = await transaction.objectStore('transactions').index('byState').openCursor('unsent');
  while (cursor) {
    const { workstation } = cursor.value;
    unsent.set(workstation, (unsent.get(workstation) ?? 0) + 1);
    cursor = await cursor.continue();
  }
  const counters = transaction.objectStore('counters');
  for (const counter of await counters.getAll()) {
    await counters.put({ ...counter, unsent: unsent.get(counter.workstation) ?? 0 });
  }
}
