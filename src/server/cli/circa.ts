// `circa`: the command line for running a library on Circa (set-up, migrations, imports,
// backups). Each command lives in its own module beside this one and is registered here; `circa
// --help` lists them. The database is the server's: DATABASE_URL, or the embedded SQLite file by default.
import { Command, CommanderError } from 'commander';
import { ConfigError } from '../config.ts';
import { backupCommand } from './backupCommand.ts';
import { createAdminCommand } from './createAdminCommand.ts';
import { importCommand } from './importCommand.ts';
import { migrateCommand } from './migrateCommand.ts';
import { restoreCommand } from './restoreCommand.ts';

const PROGRAM_HELP = `
Examples:
  $ npx circa create-admin --username ada --branch-code MAIN --branch-name "Main Library"
  $ npx circa migrate
  $ npx circa import patrons patrons.csv
  $ npx circa import items holdings.mrc --format marc --barcode-tag 952 --barcode-subfield p
  $ npx circa backup /srv/backups/circa-before-upgrade.sqlite
  $ npx circa restore /srv/backups/circa-2026-03-02-0230.sqlite
  $ npx circa help create-admin

Every command works on the server's database: DATABASE_URL as the server has it (postgres://… for
PostgreSQL), or the embedded SQLite file data/circa.sqlite in this folder when it is not set.
docs/setting-up.md walks through setting up a library from an empty database; docs/operations.md
through backing it up and restoring it.
`;

export function circaProgram(): Command {
  return new Command('circa')
    .description('Set up and look after a Circa library from the command line.')
    .showHelpAfterError('(run circa --help for the commands and their options)')
    .addHelpText('after', PROGRAM_HELP)
    .addCommand(createAdminCommand())
    .addCommand(migrateCommand())
    .addCommand(importCommand())
    .addCommand(backupCommand())
    .addCommand(restoreCommand());
}

/** Runs the command line; the exit code is 0 on success, 1 on any error (already explained). */
export async function runCirca(argv: readonly string[]): Promise<number> {
  const program = circaProgram().exitOverride();
  // Commands added with addCommand keep their own settings: give them the program's, so a wrong
  // option in a command is reported here too instead of ending the process.
  for (const command of program.commands) command.copyInheritedSettings(program);
  try {
    await program.parseAsync(argv as string[], { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    if (error instanceof ConfigError) {
      console.error(`Nothing was done: ${error.problems.join(' ')}`);
      return 1;
    }
    console.error(error instanceof Error ? error.message : String(error));
    return 1;
  }
}
