// Brings the schema up to date; runs on every start. Migrations are append-only.
import { Migrator, sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import { isPostgres } from './migrations/columns.ts';
import { circulation } from './migrations/0001_circulation.ts';
import { librarySettings } from './migrations/0002_library_settings.ts';
import { offline } from './migrations/0003_offline.ts';
import { loansDueByPatron } from './migrations/0004_loans_due_by_patron.ts';
import { signInThrottles } from './migrations/0005_sign_in_throttles.ts';
import { offlineClaims } from './migrations/0006_offline_claims.ts';
import { libraryRecords } from './migrations/0007_library_records.ts';
import { workstationHistory } from './migrations/0008_workstation_history.ts';
import { recordSearch } from './migrations/0009_record_search.ts';
import { imports } from './migrations/0010_imports.ts';
import { holds } from './migrations/0011_holds.ts';
import { holdUniqueness } from './migrations/0012_hold_uniqueness.ts';
import { loanHistory } from './migrations/0013_loan_history.ts';
import { offlineDesk } from './migrations/0014_offline_desk.ts';
import { offlineClientReports } from './migrations/0015_offline_client_reports.ts';
import { leanOfflineQueue } from './migrations/0016_lean_offline_queue.ts';
import type { Database } from './schema.ts';

/** Every migration, in order. Never edit or reorder one that has shipped: add a new one. */
export const MIGRATIONS: Record<string, Migration> = {
  '0001_circulation': circulation,
  '0002_library_settings': librarySettings,
  '0003_offline': offline,
  '0004_loans_due_by_patron': loansDueByPatron,
  '0005_sign_in_throttles': signInThrottles,
  '0006_offline_claims': offlineClaims,
  '0007_library_records': libraryRecords,
  '0008_workstation_history': workstationHistory,
  '0009_record_search': recordSearch,
  '0010_imports': imports,
  '0011_holds': holds,
  '0012_hold_uniqueness': holdUniqueness,
  '0013_loan_history': loanHistory,
  '0014_offline_desk': offlineDesk,
  '0015_offline_client_reports': offlineClientReports,
  '0016_lean_offline_queue': leanOfflineQueue,
};

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

export async function migrateToLatest(db: Kysely<Database>): Promise<void> {
  // On PostgreSQL, name the schema in use: otherwise Kysely mistakes its bookkeeping tables in any
  // other schema of the database (another test run, another app) for ours and never creates them.
  const migrationTableSchema = isPostgres(db as Kysely<unknown>)
    ? (await sql<{ name: string }>`select current_schema() as name`.execute(db)).rows[0]?.name
    : undefined;
  const migrator = new Migrator({
    db,
    provider,
    ...(migrationTableSchema ? { migrationTableSchema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    const name = failed ? ` (${failed.migrationName})` : '';
    throw new Error(`Database migration failed${name}: ${String(error)}`, { cause: error });
  }
}
