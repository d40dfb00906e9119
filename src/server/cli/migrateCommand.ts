// `circa migrate`: brings the database's schema up to date (the server also does this on start).
import { Command } from 'commander';
import { loadConfig } from '../config.ts';
import { connectDatabase } from '../db/connect.ts';
import { migrateToLatest } from '../db/migrate.ts';

export function migrateCommand(): Command {
  return new Command('migrate')
    .description('Bring the database up to date with this version of Circa.')
    .action(async () => {
      const config = loadConfig();
      const database = connectDatabase(config.databaseUrl);
      try {
        await migrateToLatest(database.db);
        console.log(`The ${database.engine} database is up to date.`);
      } finally {
        await database.close();
      }
    });
}
