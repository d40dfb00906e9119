import { describe, expect, it } from 'vitest';
import { DAILY_JOB_INTERVAL_MS, startDailyJob, type JobTimers } from './dailyJob.ts';

/** Timers that fire only when the test says a day has passed. */
function manualTimers() {
  const waiting = new Map<number, { run: () => void; ms: number }>();
  let next = 1;
  const timers: JobTimers = {
    set(run, ms) {
      const id = next++;
      waiting.set(id, { run, ms });
      return id;
    },
    clear(handle) {
      waiting.delete(handle as number);
    },
  };
  return {
    timers,
    waiting,
    /** Fires every timer set so far, as if their time had come. */
    fire() {
      const due = [...waiting.values()];
      waiting.clear();
      for (const t of due) t.run();
    },
  };
}

/** A run the test finishes when it chooses. */
function controlledRuns() {
  const finishers: (() => void)[] = [];
  let runs = 0;
  return {
    get runs() {
      return runs;
    },
    run: () =>
      new Promise<void>((resolve) => {
        runs++;
        finishers.push(resolve);
      }),
    async finishAll() {
      for (const finish of finishers.splice(0)) finish();
      await new Promise((resolve) => setImmediate(resolve));
    },
  };
}

describe('startDailyJob', () => {
  it('runs at start, then once a day after each run has finished', async () => {
    const clock = manualTimers();
    const work = controlledRuns();
    const job = startDailyJob({ run: work.run, onError: () => {}, timers: clock.timers });
    expect(work.runs).toBe(1);
    // Nothing is scheduled while the first run is still going: runs never overlap.
    expect(clock.waiting.size).toBe(0);
    await work.finishAll();
    expect([...clock.waiting.values()].map((t) => t.ms)).toEqual([DAILY_JOB_INTERVAL_MS]);
    clock.fire();
    expect(work.runs).toBe(2);
    await work.finishAll();
    expect(clock.waiting.size).toBe(1);
    await job.stop();
  });

  it('reports a failed run and still runs the next day', async () => {
    const clock = manualTimers();
    const errors: unknown[] = [];
    let runs = 0;
    const job = startDailyJob({
      run: () => {
        runs++;
        return Promise.reject(new Error('database away'));
      },
      onError: (error) => errors.push(error),
      timers: clock.timers,
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(errors).toHaveLength(1);
    expect(clock.waiting.size).toBe(1);
    clock.fire();
    await new Promise((resolve) => setImmediate(resolve));
    expect(runs).toBe(2);
    expect(errors).toHaveLength(2);
    await job.stop();
  });

  it('stops: waits for the run under way and schedules nothing more', async () => {
    const clock = manualTimers();
    const work = controlledRuns();
    const job = startDailyJob({ run: work.run, onError: () => {}, timers: clock.timers });
    let stopped = false;
    const stopping = job.stop().then(() => {
      stopped = true;
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(stopped).toBe(false);
    await work.finishAll();
    await stopping;
    expect(stopped).toBe(true);
    expect(clock.waiting.size).toBe(0);
    expect(work.runs).toBe(1);
  });

  it('stops between runs: the waiting day is cancelled', async () => {
    const clock = manualTimers();
    const work = controlledRuns();
    const job = startDailyJob({ run: work.run, onError: () => {}, timers: clock.timers });
    await work.finishAll();
    expect(clock.waiting.size).toBe(1);
    await job.stop();
    expect(clock.waiting.size).toBe(0);
    clock.fire();
    expect(work.runs).toBe(1);
  });
});
