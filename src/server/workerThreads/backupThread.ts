// What the daily backup's thread runs (workerThreads/backupThreads.ts starts it): the backup made
// off the event loop. Not imported by the server itself, so tsconfig.server.json names it.
export { makeBackup as default } from '../backup/backups.ts';
