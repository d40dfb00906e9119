// `circa`: the command line for running a library on Circa (set-up, migrations, imports). Each
// command lives in its own module beside this one and is registered here; `circa --help` lists
// them. The database is the server's: DATABASE_URL, or the embedded SQLite file by default.
import { Command, CommanderError } from 'commander';
import { importCommand } from './importCommand.ts';
import { migrateCommand } from './migrateCommand.ts';

export function circaProgram(): Command {
  return new Command('circa')
    .description('Set up and look after a Circa library from the command line.')
    .showHelpAfterError('(run circa --help for the commands and their options)')
    .addCommand(migrateCommand())
    .addCommand(importCommand());
}

/** Runs the command line; the exit code is 0 on success, 1 on any error (already explained). */
export async function runCirca(argv: readonly string[]): Promise<number> {
  const program = circaProgram().exitOverride();
  try {
    await program.parseAsync(argv as string[], { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    console.error(error instanceof Error ? error.message : String(error));
    return 1;
  }
}
