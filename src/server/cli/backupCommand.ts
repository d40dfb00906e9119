// `circa backup FILE`: a consistent backup of the server's database while Circa runs (SQLite's
// online backup API, or pg_dump for PostgreSQL), checked before it gets its name.
import { Command } from 'commander';
import { describeBackup, makeBackup } from '../backup/backups.ts';
import { loadConfig } from '../config.ts';

const BACKUP_HELP = `
Examples:
  $ npx circa backup /srv/backups/circa-before-upgrade.sqlite
  $ DATABASE_URL=postgres://circa@db/circa npx circa backup circa.pgdump

The server may keep running: the backup is a consistent snapshot of the moment it started
(SQLite: the online backup API, then integrity_check; PostgreSQL: pg_dump --format=custom of
Circa's schema, then read back whole by pg_restore). It is written to FILE.partial and renamed
to FILE only once complete. docs/operations.md describes backups, the daily schedule and restores.
`;

export function backupCommand(): Command {
  return new Command('backup')
    .description('Back up the database to a file, while Circa runs.')
    .argument('<file>', 'the backup file to write (replaced if it exists)')
    .addHelpText('after', BACKUP_HELP)
    .action(async (file: string) => {
      const config = loadConfig();
      console.log(describeBackup(await makeBackup({ databaseUrl: config.databaseUrl, file })));
    });
}
