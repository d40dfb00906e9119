// Offline transactions left pending are picked up without anyone uploading again: once when the
// server starts (a crash or restart may have interrupted a run) and then on a steady sweep (a run
// that failed because the database was briefly away is retried). Uploads still kick processing
// themselves; the sweep only finds work when something went wrong or another server stopped.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { ProcessingRun } from './process.ts';
import { kickOfflineProcessing } from './processor.ts';

/** How often pending offline transactions are looked for between uploads. */
export const OFFLINE_PROCESSING_SWEEP_MS = 60_000;

export interface ProcessingLog {
  info(details: object, message: string): void;
  error(details: object, message: string): void;
}

export interface BackgroundProcessingProps {
  db: Kysely<Database>;
  now: () => number;
  log: ProcessingLog;
  sweepMs?: number;
}

export interface BackgroundProcessing {
  /** The run started at once; resolves with null when it failed (the failure is logged). */
  readonly firstRun: Promise<ProcessingRun | null>;
  /** Stops the sweep; a run under way finishes on its own. */
  stop(): void;
}

export function startBackgroundOfflineProcessing(
  props: BackgroundProcessingProps,
): BackgroundProcessing {
  const sweep = (reason: 'start' | 'sweep'): Promise<ProcessingRun | null> =>
    kickOfflineProcessing({ db: props.db, now: props.now }).then(
      (run) => {
        if (run.processed > 0) {
          props.log.info(
            { reason, processed: run.processed, exceptions: run.exceptions },
            'processed pending offline transactions',
          );
        }
        return run;
      },
      (error: unknown) => {
        props.log.error(
          { err: error, reason },
          'could not process pending offline transactions; they stay pending and are retried',
        );
        return null;
      },
    );

  const firstRun = sweep('start');
  const timer = setInterval(
    () => void sweep('sweep'),
    props.sweepMs ?? OFFLINE_PROCESSING_SWEEP_MS,
  );
  timer.unref();
  return { firstRun, stop: () => clearInterval(timer) };
}
