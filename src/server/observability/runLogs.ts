// Log lines of background work (offline processing sweeps, the daily job) carry the job's name and
// a run id, as a request's lines carry its request id, so one run's lines can be found together.
import { randomUUID } from 'node:crypto';

/** The part of a pino logger background jobs use. */
export interface JobLogger {
  info(details: object, message: string): void;
  error(details: object, message: string): void;
  child(bindings: Record<string, unknown>): JobLogger;
}

/** A logger for one run of `job`: every line it writes carries `job` and a new `runId`. */
export function runLogger(log: JobLogger, job: string): JobLogger {
  return log.child({ job, runId: randomUUID() });
}

/**
 * For a job that writes one line per run through a plain info/error logger (the offline processing
 * sweep): each line is its run's, so each gets a new run id.
 */
export function oneLinePerRunLogger(
  log: JobLogger,
  job: string,
): Pick<JobLogger, 'info' | 'error'> {
  return {
    info: (details, message) => runLogger(log, job).info(details, message),
    error: (details, message) => runLogger(log, job).error(details, message),
  };
}
