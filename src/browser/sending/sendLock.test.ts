import { describe, expect, it } from 'vitest';
import { fakeServer, NOW, outboxWith } from './fakeServer.testing.ts';
import { SEND_LOCK_NAME, withSendLock, type SendLocks } from './sendLock.ts';
import { sendOfflineTransactions } from './sendOutbox.ts';

/** Web Locks as the browser keeps them: one holder per name; ifAvailable gets null otherwise. */
function fakeLocks(): SendLocks & { held: Set<string> } {
  const held = new Set<string>();
  return {
    held,
    async request(name, _options, callback) {
      if (held.has(name)) return callback(null);
      held.add(name);
      try {
        return await callback({ name });
      } finally {
        held.delete(name);
      }
    },
  };
}

describe('one sender at a time', () => {
  it('holds the lock named circa-offline-send while sending', async () => {
    const locks = fakeLocks();
    const seen: boolean[] = [];
    await withSendLock(async () => seen.push(locks.held.has(SEND_LOCK_NAME)), locks);
    expect(seen).toEqual([true]);
    expect(locks.held.size).toBe(0);
  });

  it('answers busy when another tab holds the lock, and sends nothing', async () => {
    const locks = fakeLocks();
    const outbox = await outboxWith(3);
    const server = fakeServer();
    let release!: () => void;
    const otherTab = locks.request(SEND_LOCK_NAME, { ifAvailable: true }, async () => {
      await new Promise<void>((r) => (release = r));
    });
    const result = await sendOfflineTransactions({
      outbox,
      transport: server.transport,
      now: () => NOW,
      locks,
    });
    expect(result.status).toBe('busy');
    expect(server.requests).toHaveLength(0);
    release();
    await otherTab;
    const after = await sendOfflineTransactions({
      outbox,
      transport: server.transport,
      now: () => NOW,
      locks,
    });
    expect(after).toMatchObject({ status: 'sent', sent: 3 });
  });

  it('without Web Locks, still refuses a second sending in the same page', async () => {
    let release!: () => void;
    const first = withSendLock(
      () => new Promise<string>((r) => (release = () => r('done'))),
      undefined,
    );
    expect(await withSendLock(async () => 'second', undefined)).toBe('busy');
    release();
    expect(await first).toBe('done');
    expect(await withSendLock(async () => 'third', undefined)).toBe('third');
  });
});
