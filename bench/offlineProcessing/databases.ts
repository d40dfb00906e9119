// Fresh databases for the processing benchmark: a SQLite file in a temporary folder, or a database
// of its own on the PostgreSQL server, migrated and seeded with the demo library plus the shelf items
// the workload needs. Dropped afterwards. A database rather than a schema: processing takes an
// advisory lock, which PostgreSQL scopes to the database, and tests running meanwhile in the same
// database would make the benchmark wait for theirs.
import type { Engine } from '../../src/server/db/connect.ts';
import { openEmptyDatabase, type BenchDatabase } from '../support/emptyDatabase.ts';
import { migrateToLatest } from '../../src/server/db/migrate.ts';
import { seedDemoLibraryIfEmpty } from '../../src/server/demo/seed.ts';
import { addShelfItems, libraryPools, type LibraryPools } from './workload.ts';

/** The lowest scrypt cost the server accepts: nobody signs in to these databases by password. */
const BENCH_PASSWORD_COST = 1024;

export type { BenchDatabase };

export interface BenchLibrary extends BenchDatabase {
  /** What the workload lends from, read before the added items. */
  pools: LibraryPools;
}

export interface FreshLibraryOptions {
  engine: Engine;
  postgresUrl?: string | undefined;
  /** When the demo library is seeded (the same moment for every database of one run). */
  seededAt: number;
  /** Books added after the demo items. */
  addedItems: number;
  /** When the outage began: loans open before it may be checked in by offline transactions. */
  outageStartMs: number;
}

export async function openFreshLibrary(options: FreshLibraryOptions): Promise<BenchLibrary> {
  const database = await openEmptyDatabase(options.engine, options.postgresUrl, 'processing');
  try {
    await migrateToLatest(database.db);
    await seedDemoLibraryIfEmpty(database.db, {
      passwordCost: BENCH_PASSWORD_COST,
      now: options.seededAt,
    });
    const pools = await libraryPools(database.db, options.outageStartMs);
    await addShelfItems(database.db, options.addedItems);
    return { ...database, pools };
  } catch (error) {
    await database.dispose();
    throw error;
  }
}
