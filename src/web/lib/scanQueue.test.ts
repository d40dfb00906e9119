import { describe, expect, it } from 'vitest';
import { createScanQueue } from './scanQueue.ts';

/** A promise the test settles by hand, to play a slow server. */
function deferred() {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('createScanQueue', () => {
  it('handles scans one at a time, in the order scanned, even when they arrive together', async () => {
    const started: string[] = [];
    const finished: string[] = [];
    const gates = new Map([
      ['31', deferred()],
      ['32', deferred()],
    ]);
    const queue = createScanQueue<string>(async (barcode) => {
      started.push(barcode);
      await gates.get(barcode)!.promise;
      finished.push(barcode);
    });

    const first = queue.enqueue('31');
    const second = queue.enqueue('32');
    expect(queue.size).toBe(2);
    await Promise.resolve();
    expect(started).toEqual(['31']);

    gates.get('32')!.resolve();
    await Promise.resolve();
    expect(started).toEqual(['31']);

    gates.get('31')!.resolve();
    await Promise.all([first, second]);
    expect(started).toEqual(['31', '32']);
    expect(finished).toEqual(['31', '32']);
    expect(queue.size).toBe(0);
  });

  it('keeps going after a scan fails unexpectedly, and reports which scan it was', async () => {
    const handled: string[] = [];
    const failures: Array<[string, string]> = [];
    const queue = createScanQueue<string>(
      async (barcode) => {
        if (barcode === 'bad') throw new Error('boom');
        handled.push(barcode);
      },
      (error, barcode) => failures.push([barcode, (error as Error).message]),
    );
    await Promise.all([queue.enqueue('31'), queue.enqueue('bad'), queue.enqueue('33')]);
    expect(handled).toEqual(['31', '33']);
    expect(failures).toEqual([['bad', 'boom']]);
  });

  it('handles each scan exactly once', async () => {
    const handled: number[] = [];
    const queue = createScanQueue<number>(async (n) => {
      await new Promise((resolve) => setTimeout(resolve, n % 3));
      handled.push(n);
    });
    const scans = Array.from({ length: 50 }, (_, i) => i);
    await Promise.all(scans.map((n) => queue.enqueue(n)));
    expect(handled).toEqual(scans);
  });
});
