// One processing run at a time per database handle in this server: uploads arriving together share
// a run instead of queuing for the lock one after another. Each caller is answered by a run that
// started after its call, so its own transactions have been processed when it resolves.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { reportProcessingRun } from '../observability/databaseEvents.ts';
import { processPendingOfflineTransactions, type ProcessingRun } from './process.ts';

interface Runner {
  current: Promise<ProcessingRun> | null;
  next: Promise<ProcessingRun> | null;
}

const runners = new WeakMap<Kysely<Database>, Runner>();

export interface KickProcessingProps {
  db: Kysely<Database>;
  now: () => number;
}

/**
 * Processes every pending offline transaction. Call after storing an upload, and once when the
 * server starts (to finish what a crash or restart interrupted).
 */
export function kickOfflineProcessing(props: KickProcessingProps): Promise<ProcessingRun> {
  let runner = runners.get(props.db);
  if (!runner) {
    runner = { current: null, next: null };
    runners.set(props.db, runner);
  }
  const r = runner;
  const start = (): Promise<ProcessingRun> => {
    const run = processPendingOfflineTransactions({ db: props.db, now: props.now });
    r.current = run;
    const clear = () => {
      if (r.current === run) r.current = null;
    };
    run.then(clear, clear);
    run.then(
      (done) => reportProcessingRun(props.db, done),
      () => undefined,
    );
    return run;
  };
  if (!r.current) return start();
  // A run is under way and may have read its batch before our upload committed: queue one more,
  // shared by everyone who asks meanwhile.
  if (!r.next) {
    const after = r.current.then(
      () => undefined,
      () => undefined,
    );
    r.next = after.then(() => {
      r.next = null;
      return start();
    });
  }
  return r.next;
}
