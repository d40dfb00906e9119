// A per-test scene for offline database tests: a new database holding the test library, a desk of
// its branch, and send-then-process as the server does it.
import type { Kysely } from 'kysely';
import { afterEach, beforeEach } from 'vitest';
import type { OfflineTransaction } from '../../shared/offline/transaction.ts';
import type { Engine } from '../db/connect.ts';
import type { Database } from '../db/schema.ts';
import { openTestDatabase, type TestDatabase } from '../testing/engines.ts';
import {
  buildOfflineLibrary,
  offlineWorkstation,
  type OfflineLibrary,
} from './fixtures.testing.ts';
import { processPendingOfflineTransactions } from './process.ts';
import { receiveOfflineUpload, type ReceivedUpload } from './receive.ts';

/** The test library in a database of its own, rebuilt for each test. */
export interface OfflineScene {
  readonly db: Kysely<Database>;
  readonly library: OfflineLibrary;
  /** A workstation of the library's branch, recording as the library's staff member. */
  desk(name: string): ReturnType<typeof offlineWorkstation>;
  /**
   * Stores transactions as the staff member sent them (as a file when one is named) at the
   * scene's receivedAt, then processes them a minute later, as the server does after answering.
   */
  sendAndProcess(transactions: OfflineTransaction[], fileName?: string): Promise<ReceivedUpload>;
}

/** Registers hooks that give each test a new database on `engine` holding the test library. */
export function offlineScenePerTest(engine: Engine, options: { receivedAt: number }): OfflineScene {
  let test: TestDatabase | undefined;
  let library: OfflineLibrary | undefined;
  beforeEach(async () => {
    test = await openTestDatabase(engine);
    library = await buildOfflineLibrary(test.db);
  });
  afterEach(() => test?.dispose());
  const current = () => {
    if (!test || !library) throw new Error('The offline scene is only there inside a test.');
    return { db: test.db, library };
  };
  return {
    get db() {
      return current().db;
    },
    get library() {
      return current().library;
    },
    desk: (name) =>
      offlineWorkstation({
        name,
        branchCode: current().library.branch.code,
        staffUsername: current().library.staff.username,
      }),
    async sendAndProcess(transactions, fileName) {
      const { db, library: lib } = current();
      const received = await receiveOfflineUpload({
        db,
        actor: { user: { id: lib.staff.id } },
        source: fileName ? 'file' : 'client',
        fileName: fileName ?? null,
        transactions,
        now: options.receivedAt,
      });
      await processPendingOfflineTransactions({ db, now: () => options.receivedAt + 60_000 });
      return received;
    },
  };
}
