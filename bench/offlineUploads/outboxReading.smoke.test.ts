// Smoke run of the outbox-reading benchmark (tiny sizes), so it cannot rot: every upload is read
// and checked whole on both sides, with figures of the right shape. Timings are not judged.
import { expect, it } from 'vitest';
import { describeMachine } from '../support/machine.ts';
import { outboxReading } from './outboxReading.ts';

const SMOKE_TIMEOUT_MS = 120_000;

it(
  'outbox-reading watches the event loop while outboxes are checked on it and on a thread',
  async () => {
    const results = await outboxReading.run({
      smoke: true,
      engines: ['sqlite'],
      machine: describeMachine(),
    });
    expect(results).toHaveLength(1);
    const [{ name, figures, baseline, ratios, goal }] = results as [(typeof results)[number]];
    expect(name).toBe('outbox-reading');
    // Three uploads sent at once, each refused by the desk check after its every transaction
    // passed: checked whole, on both sides.
    expect(figures.uploads).toBe(3);
    expect(baseline.figures.uploads).toBe(3);
    expect(figures.eventLoopDelayMaxMs).toBeGreaterThan(0);
    expect(baseline.figures.allCheckedMs).toBeGreaterThan(0);
    expect(figures.deskRequests).toBeGreaterThan(0);
    expect(Object.keys(ratios)).toEqual([
      'deskP99Ms',
      'eventLoopDelayP99Ms',
      'eventLoopDelayMaxMs',
      'eventLoopBusyMs',
      'allCheckedMs',
    ]);
    expect(typeof goal?.met).toBe('boolean');
  },
  SMOKE_TIMEOUT_MS,
);
