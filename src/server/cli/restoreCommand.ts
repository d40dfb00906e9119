// `circa restore FILE`: puts a backup made by `circa backup` (or the daily schedule) back, into a
// database that holds no library; --force replaces one that does.
import { Command } from 'commander';
import { describeRestore, restoreBackup } from '../backup/backups.ts';
import { loadConfig } from '../config.ts';

const RESTORE_HELP = `
Examples:
  $ npx circa restore /srv/backups/circa-2026-03-02-0230.sqlite
  $ npx circa restore circa.pgdump --force

Stop the server first. The backup is checked before anything is changed: a damaged file, one
that is no Circa backup, or one for the other database engine is refused. A database that holds
a library is refused too unless --force is given. A backup from an older version of Circa is
brought up to date, as the server does on start. See docs/operations.md.
`;

export function restoreCommand(): Command {
  return new Command('restore')
    .description('Restore the database from a backup file (into an empty database unless --force).')
    .argument('<file>', 'the backup file (.sqlite or .pgdump)')
    .option('--force', 'replace a database that already holds a library')
    .addHelpText('after', RESTORE_HELP)
    .action(async (file: string, flags: { force?: boolean }) => {
      const config = loadConfig();
      const result = await restoreBackup({
        databaseUrl: config.databaseUrl,
        file,
        force: flags.force === true,
      });
      console.log(describeRestore(result));
    });
}
