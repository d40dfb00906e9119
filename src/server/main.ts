// Starts Circa: reads the configuration, brings the database up to date, and serves the API and
// the web apps until SIGINT or SIGTERM, then closes the server before the database.
import type { AddressInfo } from 'node:net';
import { buildApp } from './app.ts';
import { deleteExpiredSessions } from './auth/sessions.ts';
import { forgetOldSignInAttempts } from './auth/signInThrottle.ts';
import { startScheduledBackups, type ScheduledBackups } from './backup/scheduledBackups.ts';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { CREATE_ADMIN_COMMAND, hasAdministrator } from './db/administrators.ts';
import { connectDatabase } from './db/connect.ts';
import { migrateToLatest } from './db/migrate.ts';
import { DEMO_SIGN_INS } from './demo/library.ts';
import { seedDemoLibraryIfEmpty } from './demo/seed.ts';
import {
  recoverInterruptedImports,
  startImportRecoverySweep,
  type ImportRecoverySweep,
} from './imports/importRecovery.ts';
import { startDailyJob, type DailyJob } from './jobs/dailyJob.ts';
import { forgetOldLoanHistory } from './jobs/forgetOldLoanHistory.ts';
import type { ServerReadiness } from './observability/readiness.ts';
import { oneLinePerRunLogger, runLogger } from './observability/runLogs.ts';
import {
  startBackgroundOfflineProcessing,
  type BackgroundProcessing,
} from './offline/backgroundProcessing.ts';

/**
 * How often sessions past their expiry are deleted (they are refused on sight in any case), and
 * sign-in attempts too old to matter with them.
 */
export const SESSION_CLEANUP_INTERVAL_MS = 15 * 60 * 1000;

function readConfig(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}

async function main(): Promise<void> {
  const config = readConfig();
  const database = connectDatabase(config.databaseUrl);
  const { db, engine } = database;
  const readiness: ServerReadiness = { phase: 'starting' };
  const app = buildApp({
    db,
    config,
    logger: { level: config.logLevel },
    readiness,
  });
  // Listening before the migrations: while they run, /api/health/live answers 200 (the process is
  // fine: restarting it would only start them again) and every other route 503 "migrating", so a
  // proxy's readiness check and the offline client's heartbeat learn why, instead of meeting a
  // closed port.
  await app.listen({ port: config.port, host: config.host });
  readiness.phase = 'migrating';
  await migrateToLatest(db);
  readiness.phase = 'starting';
  // Before serving: an import the last run left half-stored was rolled back; say so, and let it be
  // confirmed again. Here rather than in the import routes, so an app whose database is down still
  // starts and answers its health check with 503. On PostgreSQL an import another live server is
  // reading or storing is left alone (imports/importRecovery.ts).
  const recovered = await recoverInterruptedImports(db, Date.now());
  if (recovered.applying.length + recovered.previewing.length > 0) {
    app.log.info(
      { job: 'import-recovery', recovered },
      'imports whose server stopped were recovered',
    );
  }
  // CIRCA_DEMO=false: an empty database stays empty, and nothing gets a password anyone knows.
  const { seeded } = config.demo
    ? await seedDemoLibraryIfEmpty(db, { passwordCost: config.passwordCost })
    : { seeded: false };
  const needsAdministrator = !(await hasAdministrator(db));

  const cleanup = setInterval(() => {
    deleteExpiredSessions(db, Date.now()).catch((error: unknown) =>
      app.log.error({ err: error }, 'could not delete expired sessions'),
    );
    forgetOldSignInAttempts(db, Date.now()).catch((error: unknown) =>
      app.log.error({ err: error }, 'could not forget old sign-in attempts'),
    );
  }, SESSION_CLEANUP_INTERVAL_MS);
  cleanup.unref();

  let offlineProcessing: BackgroundProcessing | null = null;
  let loanHistory: DailyJob | null = null;
  let backups: ScheduledBackups | null = null;
  let importRecovery: ImportRecoverySweep | null = null;
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) {
      console.error(`Received ${signal} again: stopping now.`);
      process.exit(1);
    }
    stopping = true;
    readiness.phase = 'stopping';
    console.log(`Received ${signal}: finishing open requests, then closing the database.`);
    clearInterval(cleanup);
    offlineProcessing?.stop();
    importRecovery?.stop();
    try {
      // A run under way finishes its batch before the database closes.
      await loanHistory?.stop();
      await backups?.stop();
      await app.close();
      await database.close();
      process.exit(0);
    } catch (error) {
      console.error('Circa did not shut down cleanly:', error);
      process.exit(1);
    }
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));

  readiness.phase = 'ready';
  const { port } = app.server.address() as AddressInfo;
  const shownHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  console.log(`\nCirca is running at http://${shownHost}:${port} (database: ${engine}).`);
  if (seeded) console.log(demoSignInsNotice());
  if (needsAdministrator) console.log(createAdministratorNotice());
  // After listening, so a long backlog left by a crash never delays serving the desk.
  offlineProcessing = startBackgroundOfflineProcessing({
    db,
    now: () => app.now(),
    log: oneLinePerRunLogger(app.log, 'offline-processing'),
  });
  // Several servers on one PostgreSQL: an import whose server died is found by the others within a
  // minute, not only when some server starts again.
  importRecovery = startImportRecoverySweep({
    db,
    now: () => app.now(),
    log: oneLinePerRunLogger(app.log, 'import-recovery'),
  });
  // Returned loans, ended holds and settled offline transactions past the library's loan history
  // setting lose their patron: now, then daily (docs/privacy.md).
  loanHistory = startDailyJob({
    run: async () => {
      const log = runLogger(app.log, 'loan-history');
      const forgotten = await forgetOldLoanHistory({ db, now: app.now() });
      if (forgotten.loans + forgotten.holds + forgotten.offlineTransactions > 0) {
        log.info({ forgotten }, 'loan history past the library setting forgotten');
      }
    },
    onError: (error) =>
      app.log.error({ err: error, job: 'loan-history' }, 'could not forget old loan history'),
  });
  // CIRCA_BACKUP_DIR: a backup a day at CIRCA_BACKUP_AT, old ones pruned (docs/operations.md).
  if (config.backups) {
    backups = startScheduledBackups({
      schedule: config.backups,
      databaseUrl: config.databaseUrl,
      engine,
      log: app.log,
    });
  }
}

/** Printed only on the start that created the demo library: its passwords are for trying Circa. */
function demoSignInsNotice(): string {
  const width = Math.max(...DEMO_SIGN_INS.map((s) => s.username.length));
  const lines = DEMO_SIGN_INS.map(
    (s) => `  ${s.username.padEnd(width)}  password ${s.password}  (${s.role})`,
  );
  return [
    'The database was empty, so the demo library was created (docs/demo.md lists patrons and items).',
    'Demo sign-ins:',
    ...lines,
    'These passwords are public: do not use the demo library for real patrons.',
  ].join('\n');
}

/** Printed on every start while nobody can sign in to set the library up. */
function createAdministratorNotice(): string {
  return [
    'This library has no administrator yet, so nobody can sign in. Create the first one:',
    `  ${CREATE_ADMIN_COMMAND}`,
    '(run it in this folder, with the same DATABASE_URL; `npx circa create-admin --help` shows the options).',
  ].join('\n');
}

main().catch((error: unknown) => {
  console.error('Circa could not start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
