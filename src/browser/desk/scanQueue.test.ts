import { describe, expect, it } from 'vitest';
import { ScanQueue } from './scanQueue.ts';

const later = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('ScanQueue', () => {
  it('runs tasks one at a time in the order entered, however long each takes', async () => {
    const queue = new ScanQueue();
    const log: string[] = [];
    const task = (name: string, ms: number) => async () => {
      log.push(`start ${name}`);
      await later(ms);
      log.push(`end ${name}`);
      return name;
    };
    const results = await Promise.all([
      queue.run(task('a', 20)),
      queue.run(task('b', 1)),
      queue.run(() => 'c'),
    ]);
    expect(results).toEqual(['a', 'b', 'c']);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b']);
  });

  it('starts a task at once when nothing is in flight', () => {
    const queue = new ScanQueue();
    let started = false;
    void queue.run(() => {
      started = true;
    });
    expect(started).toBe(true);
  });

  it('keeps going after a task fails, and the failure reaches only its caller', async () => {
    const queue = new ScanQueue();
    const failed = queue.run(() => Promise.reject(new Error('disk full')));
    const next = queue.run(() => 'stored');
    await expect(failed).rejects.toThrow('disk full');
    expect(await next).toBe('stored');
    expect(queue.busy).toBe(false);
  });

  it('is busy until the last task entered has finished', async () => {
    const queue = new ScanQueue();
    const first = queue.run(() => later(5));
    expect(queue.busy).toBe(true);
    await first;
    expect(queue.busy).toBe(false);
  });
});
