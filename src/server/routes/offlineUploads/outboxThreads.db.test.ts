// The offline client's outbox read and checked on upload threads (OFFLINE_UPLOAD_THREADS > 0):
// the same answers, byte for byte, as read on the event loop (OFFLINE_UPLOAD_THREADS=0), and the
// threads stop with the app.
import { once } from 'node:events';
import type { Piscina as RealPiscina } from 'piscina';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { MAX_UPLOAD_BYTES } from '../../../shared/api/offline.ts';
import { offlineWorkstation, OUTAGE_START_MS } from '../../offline/fixtures.testing.ts';
import { createTestClock, startTestApi } from '../../testing/apiHarness.ts';
import { describeEachEngine } from '../../testing/engines.ts';

/** Every pool of upload threads the apps of this file start, to see them work and stop. */
const startedPools = vi.hoisted(() => [] as RealPiscina[]);
/** While true, every task given to a pool fails, as a thread out of memory would. */
const threadsFail = vi.hoisted(() => ({ now: false }));
vi.mock('piscina', async (importOriginal) => {
  const real = await importOriginal<typeof import('piscina')>();
  class WatchedPiscina<T, R> extends real.Piscina<T, R> {
    constructor(...args: ConstructorParameters<typeof real.Piscina<T, R>>) {
      super(...args);
      startedPools.push(this);
    }
    override run(...args: Parameters<RealPiscina<T, R>['run']>): Promise<R> {
      if (threadsFail.now) return Promise.reject(new Error('The thread ran out of memory.'));
      return super.run(...args);
    }
  }
  return { ...real, Piscina: WatchedPiscina, default: WatchedPiscina };
});

const BACK_ONLINE_MS = OUTAGE_START_MS + 86_400_000;
const WORKSTATION = 'THREAD-DESK';
const JSON_TYPE = { 'content-type': 'application/json' };
const outbox = (...transactions: unknown[]) => JSON.stringify({ transactions });

/** An app whose desk is signed in at WORKSTATION; threads 0 reads outboxes on the event loop. */
async function startApp(engine: Parameters<typeof startTestApi>[0], threads: number) {
  const api = await startTestApi(engine, {
    clock: createTestClock(BACK_ONLINE_MS),
    config: { offlineUploadThreads: threads },
  });
  const desk = await api.signIn('thread-desk', 'circulation', { workstation: WORKSTATION });
  const send = (body: string | Uint8Array) =>
    desk.request({
      method: 'POST',
      url: '/api/offline/transactions',
      body: typeof body === 'string' ? body : Buffer.from(body),
      headers: JSON_TYPE,
    });
  return { api, send };
}

describeEachEngine('the offline client’s outbox on upload threads', (engine) => {
  let onThreads: Awaited<ReturnType<typeof startApp>>;
  let onEventLoop: Awaited<ReturnType<typeof startApp>>;
  beforeAll(async () => {
    onThreads = await startApp(engine, 1);
    onEventLoop = await startApp(engine, 0);
  });
  afterAll(async () => {
    await onThreads?.api.dispose();
    await onEventLoop?.api.dispose();
  });

  const ws = offlineWorkstation({ name: WORKSTATION, branchCode: 'MAIN', staffUsername: 'x' });
  const checkOut = (minute: number) =>
    ws.checkOut({
      patronBarcode: `P-${minute}`,
      itemBarcode: `I-${minute}`,
      occurredAt: OUTAGE_START_MS + minute * 60_000,
    });
  it('stores a valid outbox read on a thread, answering as the event loop does', async () => {
    const poolsBefore = startedPools.length;
    const body = outbox(checkOut(1), checkOut(2));
    const threaded = await onThreads.send(body);
    expect(threaded.statusCode).toBe(200);
    expect(threaded.json()).toMatchObject({ received: 2, stored: 2, duplicates: 0 });
    expect(threaded.body).toBe((await onEventLoop.send(body)).body);
    // Read on the thread pool, which the app started for this upload; the other app has none.
    expect(startedPools.length).toBe(poolsBefore + 1);
    expect(startedPools.at(-1)?.completed).toBe(1);
  });

  it('refuses every kind of bad outbox word for word as the event loop does', async () => {
    const valid = checkOut(3);
    const validText = outbox(valid);
    const notUtf8 = new TextEncoder().encode(outbox({ ...valid, itemBarcode: 'I-\u00ff' }));
    notUtf8.set([0xc3, 0x28], notUtf8.indexOf(0xc3));
    const bodies: Array<string | Uint8Array> = [
      // Transactions that are not valid: named by index and field.
      outbox(checkOut(4), { ...checkOut(5), itemBarcode: 42 }, { ...checkOut(6), id: 'x' }),
      outbox(...Array.from({ length: 60 }, () => ({ type: 'check_out' }))),
      // Not a transaction the desk may send from here.
      outbox({ ...checkOut(7), workstation: 'ANOTHER-DESK' }),
      // Not JSON, or not { transactions: [...] }.
      validText.slice(0, -3),
      '',
      '[]',
      '{"transactions":[]}',
      '{"transactions":"all of them"}',
      '{"outbox":[]}',
      // Prototype poisoning, at the top and inside a transaction.
      '{"transactions":[],"__proto__":{"polluted":true}}',
      validText.replace('{"id"', '{"constructor":{"prototype":{}},"id"'),
      // A NUL character.
      outbox({ ...checkOut(8), itemBarcode: 'I\u00008' }),
      // Bytes that are not UTF-8 (decoded to U+FFFD as Fastify does), and a byte-order mark.
      notUtf8,
      `\ufeff${outbox(checkOut(9))}`,
      // Over the limit.
      Buffer.alloc(MAX_UPLOAD_BYTES + 1, 0x20),
    ];
    const poolReadsBefore = startedPools.at(-1)?.completed ?? 0;
    for (const body of bodies) {
      const threaded = await onThreads.send(body);
      const inLoop = await onEventLoop.send(body);
      const sent = typeof body === 'string' ? body.slice(0, 80) : `${body.length} bytes`;
      expect({ sent, status: threaded.statusCode, body: threaded.body }).toEqual({
        sent,
        status: inLoop.statusCode,
        body: inLoop.body,
      });
      expect(threaded.headers['content-type']).toBe(inLoop.headers['content-type']);
    }
    // Every body but the empty one and the one over the limit went to the thread.
    expect((startedPools.at(-1)?.completed ?? 0) - poolReadsBefore).toBe(bodies.length - 2);
  });
});

describeEachEngine('upload threads and the app', (engine) => {
  it('store an outbox a thread failed to read, read on the event loop instead', async () => {
    const { api, send } = await startApp(engine, 1);
    try {
      const ws = offlineWorkstation({ name: WORKSTATION, branchCode: 'MAIN', staffUsername: 'x' });
      const transactions = [ws.checkIn({ itemBarcode: 'I-2', occurredAt: OUTAGE_START_MS })];
      threadsFail.now = true;
      const answer = await send(JSON.stringify({ transactions }));
      expect(answer.statusCode).toBe(200);
      expect(answer.json()).toMatchObject({ received: 1, stored: 1 });
    } finally {
      threadsFail.now = false;
      await api.dispose();
    }
  });

  it('stop when the app closes', async () => {
    const { api, send } = await startApp(engine, 1);
    const ws = offlineWorkstation({ name: WORKSTATION, branchCode: 'MAIN', staffUsername: 'x' });
    const body = JSON.stringify({
      transactions: [ws.checkIn({ itemBarcode: 'I-1', occurredAt: OUTAGE_START_MS })],
    });
    expect((await send(body)).statusCode).toBe(200);
    const pool = startedPools.at(-1);
    const threads = pool?.threads ?? [];
    expect(threads).toHaveLength(1);
    const exited = Promise.all(threads.map((thread) => once(thread, 'exit')));
    await api.dispose();
    await exited;
    expect(pool?.threads).toEqual([]);
  });
});
