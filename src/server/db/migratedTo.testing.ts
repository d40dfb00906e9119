// A test database migrated only up to a named migration, as a library still running that version
// has it: upgrade tests put data in, then run migrateToLatest and check what carried across.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Migrator } from 'kysely';
import { createPostgresTestDatabase } from '../testing/engines.ts';
import { connectDatabase, type DatabaseHandle, type Engine } from './connect.ts';
import { MIGRATIONS } from './migrate.ts';

export interface UpgradableDatabase extends DatabaseHandle {
  /** Closes the connections and deletes the database. */
  dispose(): Promise<void>;
}

/** A new database on `engine` with every migration up to and including `lastMigration`. */
export async function openDatabaseMigratedTo(
  engine: Engine,
  lastMigration: keyof typeof MIGRATIONS,
): Promise<UpgradableDatabase> {
  let handle: DatabaseHandle;
  let remove: () => Promise<void>;
  if (engine === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'circa-test-'));
    handle = connectDatabase(`sqlite:${join(dir, 'circa.sqlite')}`);
    remove = async () => rmSync(dir, { recursive: true, force: true });
  } else {
    const database = await createPostgresTestDatabase();
    handle = connectDatabase(database.url);
    remove = database.drop;
  }
  const migrator = new Migrator({
    db: handle.db,
    provider: { getMigrations: async () => MIGRATIONS },
  });
  const { error } = await migrator.migrateTo(lastMigration);
  if (error)
    throw new Error(`Could not migrate the test database to ${lastMigration}.`, { cause: error });
  return {
    ...handle,
    async dispose() {
      await handle.close();
      await remove();
    },
  };
}
