// Print Options for a screen that holds no database handle of its own (the staff app): each call
// opens the workstation's database, reads or writes, and closes it. The offline client, which keeps
// its handle open, calls readPrintOptions/writePrintOptions directly; both read the same record,
// so a workstation's choice holds in both apps.
import { openOfflineDb, type OfflineDb } from './database.ts';
import { readPrintOptions, writePrintOptions, type PrintOptions } from './localState.ts';

async function withDb<T>(dbName: string | undefined, use: (db: OfflineDb) => Promise<T>) {
  // Another tab upgrading the database closes this connection; the next call opens a new one.
  const db = await openOfflineDb(dbName, (event) => (event.target as IDBDatabase).close());
  try {
    return await use(db);
  } finally {
    db.close();
  }
}

/** This workstation's Print Options, or the defaults (no receipt) when none are saved. */
export function loadPrintOptions(dbName?: string): Promise<PrintOptions> {
  return withDb(dbName, readPrintOptions);
}

export function savePrintOptions(options: PrintOptions, dbName?: string): Promise<void> {
  return withDb(dbName, (db) => writePrintOptions(db, options));
}
