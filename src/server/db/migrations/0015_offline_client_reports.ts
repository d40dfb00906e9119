// Installed everywhere (issue 14): each workstation's offline client reports its state (installed,
// snapshot age, version, unsent count, highest sequence number, journal) at each staff sign-in and
// after each send, and the library chooses whether staff sign-in installs the client silently.
import { sql, type Kysely, type Migration } from 'kysely';

export const offlineClientReports: Migration = {
  async up(db: Kysely<unknown>) {
    // One row per workstation: the latest report, except highest_sequence_reported, which only
    // grows (a wiped browser reporting 0 must not hide what an earlier report said was recorded).
    await db.schema
      .createTable('offline_client_reports')
      .addColumn('workstation_id', 'integer', (c) => c.primaryKey().references('workstations.id'))
      .addColumn('installed', 'integer', (c) => c.notNull().check(sql`installed in (0, 1)`))
      .addColumn('app_version', 'text')
      .addColumn('snapshot_taken_at', 'bigint')
      .addColumn('last_sequence', 'bigint', (c) => c.notNull().check(sql`last_sequence >= 0`))
      .addColumn('highest_sequence_reported', 'bigint', (c) =>
        c.notNull().check(sql`highest_sequence_reported >= last_sequence`),
      )
      .addColumn('unsent', 'bigint', (c) =>
        c.notNull().check(sql`unsent >= 0 and unsent <= last_sequence`),
      )
      .addColumn('journal', 'text', (c) =>
        c.notNull().check(sql`journal in ('on', 'off', 'unwritable', 'unsupported')`),
      )
      .addColumn('reported_at', 'bigint', (c) => c.notNull())
      .addColumn('reported_by', 'integer', (c) => c.references('staff_users.id'))
      .execute();

    // On for a new library; a library already lending when it upgrades keeps today's behaviour
    // until an administrator turns it on (docs/offline-client.md says why it should).
    await db.schema
      .alterTable('library_settings')
      .addColumn('install_offline_client_at_sign_in', 'integer', (c) =>
        c
          .notNull()
          .defaultTo(1)
          .check(sql`install_offline_client_at_sign_in in (0, 1)`),
      )
      .execute();
    await sql`update library_settings set install_offline_client_at_sign_in = 0
      where exists (select 1 from workstations)`.execute(db);
  },
};
