import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { Database } from '../db/schema.ts';
import { MAX_CONCURRENT_RECEIVES, withReceiveSlot } from './receiveSlots.ts';

/** Only its identity matters: slots are counted per database handle. */
const fakeDb = () => ({}) as Kysely<Database>;

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('withReceiveSlot', () => {
  it('lets MAX_CONCURRENT_RECEIVES uploads store at once and the rest follow in arrival order', async () => {
    const db = fakeDb();
    const gates = Array.from({ length: 6 }, deferred);
    const started: number[] = [];
    let running = 0;
    let mostAtOnce = 0;
    const all = gates.map((gate, i) =>
      withReceiveSlot(db, async () => {
        started.push(i);
        running += 1;
        mostAtOnce = Math.max(mostAtOnce, running);
        await gate.promise;
        running -= 1;
        return i;
      }),
    );
    await new Promise((r) => setImmediate(r));
    expect(started).toEqual(Array.from({ length: MAX_CONCURRENT_RECEIVES }, (_, i) => i));
    for (const gate of gates) {
      gate.resolve();
      await new Promise((r) => setImmediate(r));
    }
    expect(await Promise.all(all)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(started).toEqual([0, 1, 2, 3, 4, 5]);
    expect(mostAtOnce).toBe(MAX_CONCURRENT_RECEIVES);
  });

  it('gives the slot back when storing fails, and counts each database on its own', async () => {
    const db = fakeDb();
    const failures = Array.from({ length: MAX_CONCURRENT_RECEIVES + 1 }, () =>
      withReceiveSlot(db, async () => {
        throw new Error('disk full');
      }),
    );
    for (const f of failures) await expect(f).rejects.toThrow('disk full');
    await expect(withReceiveSlot(db, async () => 'stored')).resolves.toBe('stored');

    const busy = deferred();
    const holding = Array.from({ length: MAX_CONCURRENT_RECEIVES }, () =>
      withReceiveSlot(db, () => busy.promise),
    );
    await expect(withReceiveSlot(fakeDb(), async () => 'other database')).resolves.toBe(
      'other database',
    );
    busy.resolve();
    await Promise.all(holding);
  });
});
