// A job the server runs once at start and then every day (main.ts starts it; stop() on close waits
// for a run under way, so the database is never closed beneath it). Runs never overlap: a run still
// going when the next is due makes that one wait for the following day.
/** How often a daily job runs. */
export const DAILY_JOB_INTERVAL_MS = 24 * 60 * 60 * 1000;

/** setTimeout and clearTimeout, injectable so tests run a day in no time. */
export interface JobTimers {
  set(run: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

/** The real clock's timers; a waiting job never keeps the process alive on its own. */
export const REAL_JOB_TIMERS: JobTimers = {
  set(run, ms) {
    const handle = setTimeout(run, ms);
    // A waiting job never keeps the process alive on its own.
    handle.unref();
    return handle;
  },
  clear(handle) {
    clearTimeout(handle as ReturnType<typeof setTimeout>);
  },
};

export interface DailyJobProps {
  /** The work; its failure is logged and the next run comes a day later as usual. */
  run(): Promise<void>;
  /** Called with what a run threw. */
  onError(error: unknown): void;
  intervalMs?: number;
  timers?: JobTimers;
}

export interface DailyJob {
  /** No more runs; resolves once a run under way has finished. */
  stop(): Promise<void>;
}

export function startDailyJob(props: DailyJobProps): DailyJob {
  const timers = props.timers ?? REAL_JOB_TIMERS;
  const intervalMs = props.intervalMs ?? DAILY_JOB_INTERVAL_MS;
  let stopped = false;
  let handle: unknown = null;
  let running: Promise<void> = Promise.resolve();

  const runOnce = () => {
    handle = null;
    running = props
      .run()
      .catch((error: unknown) => props.onError(error))
      .finally(() => {
        if (!stopped) handle = timers.set(runOnce, intervalMs);
      });
  };
  runOnce();

  return {
    async stop() {
      stopped = true;
      if (handle !== null) timers.clear(handle);
      handle = null;
      await running;
    },
  };
}
