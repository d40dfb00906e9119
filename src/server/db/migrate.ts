// Brings the schema up to date; runs on every start. Migrations are append-only.
import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import { circulation } from './migrations/0001_circulation.ts';
import { offline } from './migrations/0003_offline.ts';
import type { Database } from './schema.ts';

/** Every migration, in order. Never edit or reorder one that has shipped: add a new one. */
export const MIGRATIONS: Record<string, Migration> = {
  '0001_circulation': circulation,
  '0003_offline': offline,
};

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

export async function migrateToLatest(db: Kysely<Database>): Promise<void> {
  const { error, results } = await new Migrator({ db, provider }).migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    const name = failed ? ` (${failed.migrationName})` : '';
    throw new Error(`Database migration failed${name}: ${String(error)}`, { cause: error });
  }
}
