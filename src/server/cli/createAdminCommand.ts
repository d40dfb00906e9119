// `circa create-admin`: makes an administrator account from the server's command line — the first
// one in a library started empty (CIRCA_DEMO=false), with its first branch, or another one when
// nobody can sign in to make it in the staff app. The password is typed at a prompt that shows
// nothing, or piped in as one line; a weak one is refused with the reason and nothing is stored.
import { Command } from 'commander';
import { loadConfig } from '../config.ts';
import { connectDatabase } from '../db/connect.ts';
import { migrateToLatest } from '../db/migrate.ts';
import {
  createAdministrator,
  machineTimeZone,
  planAdministrator,
  type AdministratorPlan,
} from '../commands/createAdministrator.ts';
import { readNewPassword, type PasswordStreams } from './readPassword.ts';

interface CreateAdminOptions {
  username: string;
  name?: string;
  branchCode?: string;
  branchName?: string;
  timeZone?: string;
  libraryName?: string;
}

const EXAMPLES = `
Examples:
  The first administrator of an empty library, with its first branch:
    $ npx circa create-admin --username ada --name "Ada Lovelace" \\
        --branch-code MAIN --branch-name "Main Library" --time-zone Europe/London \\
        --library-name "Riverside Public Library"

  Another administrator at an existing branch:
    $ npx circa create-admin --username grace --name "Grace Hopper" --branch-code MAIN

  From a script, the password as one line on standard input:
    $ printf '%s\\n' "$ADMIN_PASSWORD" | npx circa create-admin --username ada --branch-code MAIN

The password is asked twice at the terminal and never shown. It needs at least 12 characters and
must not be a common password or contain the username; a few words together work well.
The database is the server's: set DATABASE_URL as the server has it (default sqlite:data/circa.sqlite).
`;

function whatWillBeCreated(plan: AdministratorPlan): string {
  const branch =
    'create' in plan.branch
      ? `a new branch ${plan.branch.create.code} (${plan.branch.create.name}, time zone ${plan.branch.create.timeZone})`
      : `branch ${plan.branch.existing.code} (${plan.branch.existing.name})`;
  return `Creating the administrator ${plan.username} (${plan.displayName}) at ${branch}.`;
}

export function createAdminCommand(
  streams: PasswordStreams = { input: process.stdin, output: process.stderr },
): Command {
  return new Command('create-admin')
    .description(
      'Create an administrator account (the first one of an empty library, with its first branch).',
    )
    .requiredOption('-u, --username <username>', 'the username to sign in with, e.g. ada')
    .option('-n, --name <name>', 'the name staff see, e.g. "Ada Lovelace" (default: the username)')
    .option(
      '--branch-code <code>',
      'the home branch: an existing branch, or the code of the first branch to create, e.g. MAIN',
    )
    .option('--branch-name <name>', 'the first branch’s name, when the library has no branch yet')
    .option(
      '--time-zone <zone>',
      `the first branch’s IANA time zone, e.g. Europe/London (default: this machine’s, ${machineTimeZone()})`,
    )
    .option('--library-name <name>', 'the library’s name, as the staff app and receipts show it')
    .addHelpText('after', EXAMPLES)
    .action(async (options: CreateAdminOptions) => {
      const config = loadConfig();
      const database = connectDatabase(config.databaseUrl);
      try {
        await migrateToLatest(database.db);
        const plan = await planAdministrator(database.db, {
          username: options.username,
          displayName: options.name,
          branchCode: options.branchCode,
          branchName: options.branchName,
          timeZone: options.timeZone,
          libraryName: options.libraryName,
        });
        streams.output.write(`${whatWillBeCreated(plan)}\n`);
        const password = await readNewPassword(plan.username, streams);
        const created = await createAdministrator({
          db: database.db,
          plan,
          password,
          passwordCost: config.passwordCost,
          now: Date.now(),
        });
        console.log(
          `Created the administrator ${created.username} at branch ${created.branch.code}` +
            `${created.branchCreated ? ' (a new branch)' : ''}. ` +
            'Sign in to the staff app with this username and password.',
        );
      } finally {
        await database.close();
      }
    });
}
