// oxlint-disable-next-line import/no-unassigned-import -- it installs the IndexedDB globals idb uses
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { OfflineUploadResult } from '../../shared/api/offline.ts';
import { createIndexedDbOutbox } from '../outbox/indexedDbOutbox.ts';
import { createMemoryOutbox } from '../outbox/memoryOutbox.ts';
import type { Outbox } from '../outbox/outbox.ts';
import { buildCheckOutDraft } from '../outbox/testDrafts.testing.ts';
import { openOfflineDb } from '../storage/database.ts';
import {
  createFetchTransport,
  SEND_LOCK_NAME,
  sendOfflineTransactions,
  sendOutbox,
  withSendLock,
  type SendLocks,
  type SendProgress,
} from './sendOutbox.ts';

const NOW = 1_800_000_000_000;
const CSRF = 'csrf-token-of-this-session';

/** GET /api/session for a signed-in desk: where the sender finds its CSRF token. */
const sessionInfo = (expiresAt: number) => ({
  user: {
    id: 1,
    username: 'desk',
    displayName: 'Desk',
    role: 'circulation',
    branch: { id: 1, code: 'MAIN', name: 'Main', timeZone: 'UTC' },
  },
  actions: ['session.read', 'offline.upload'],
  workstation: null,
  csrfToken: CSRF,
  expiresAt,
});

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/**
 * A server behind a fake fetch: stores each transaction once by id, as the real one does, and can
 * be told to answer a given request with an error or no answer at all.
 */
function fakeServer() {
  const stored = new Map<string, unknown>();
  const requests: { url: string; init: RequestInit | undefined }[] = [];
  let nextUploadId = 1;
  /** By POST number (1-based): what to do instead of storing. */
  const failures = new Map<number, 'network' | 'network-after-storing' | number>();
  let session: 'signed-in' | 'signed-out' = 'signed-in';
  let posts = 0;

  const fetchImpl: typeof fetch = async (input, init) => {
    const url = String(input);
    requests.push({ url, init });
    if (url === '/api/session') {
      if (session === 'signed-out') {
        return json(401, { error: { code: 'UNAUTHENTICATED', message: 'Sign in to continue.' } });
      }
      return json(200, sessionInfo(NOW + 3_600_000));
    }
    posts += 1;
    const headers = init?.headers as Record<string, string>;
    if (headers['x-csrf-token'] !== CSRF) {
      return json(403, { error: { code: 'CSRF_REJECTED', message: 'No token.' } });
    }
    const failure = failures.get(posts);
    if (failure === 'network') throw new TypeError('Failed to fetch');
    if (typeof failure === 'number') {
      return json(failure, {
        error: {
          code: failure === 401 ? 'UNAUTHENTICATED' : failure >= 500 ? 'INTERNAL' : 'BAD_REQUEST',
          message: `The server says no (${failure}).`,
        },
      });
    }
    const { transactions } = JSON.parse(String(init?.body)) as {
      transactions: { id: string }[];
    };
    let duplicates = 0;
    for (const t of transactions) {
      if (stored.has(t.id)) duplicates += 1;
      else stored.set(t.id, t);
    }
    // Stored, then the connection dropped before the answer: the client hears nothing.
    if (failure === 'network-after-storing') throw new TypeError('Failed to fetch');
    const result: OfflineUploadResult = {
      uploadId: nextUploadId++,
      received: transactions.length,
      stored: transactions.length - duplicates,
      duplicates,
      sequenceConflicts: [],
      summary: {
        total: transactions.length,
        pending: 0,
        applied: transactions.length - 1,
        appliedWithWarning: 0,
        exception: 1,
        noted: 0,
        dismissed: 0,
      },
    };
    return json(200, result);
  };

  return {
    stored,
    requests,
    transport: createFetchTransport(fetchImpl),
    failOn(post: number, how: 'network' | 'network-after-storing' | number) {
      failures.set(post, how);
    },
    signOut() {
      session = 'signed-out';
    },
    posts: () => posts,
  };
}

async function outboxWith(count: number): Promise<Outbox> {
  const outbox = createMemoryOutbox();
  for (let i = 0; i < count; i += 1) await outbox.record(buildCheckOutDraft());
  return outbox;
}

describe('sendOutbox', () => {
  it('sends in batches, in sequence order, with the CSRF token, and reports progress', async () => {
    const outbox = await outboxWith(5);
    const server = fakeServer();
    const progress: SendProgress[] = [];
    const result = await sendOutbox({
      outbox,
      transport: server.transport,
      now: () => NOW,
      batchSize: 2,
      onProgress: (p) => progress.push(p),
    });
    expect(result).toMatchObject({
      status: 'sent',
      total: 5,
      sent: 5,
      duplicates: 0,
      uploadIds: [1, 2, 3],
      failure: null,
    });
    expect(result.summary).toMatchObject({ total: 5, applied: 2, exception: 3 });
    expect(progress).toEqual([
      { sent: 0, total: 5 },
      { sent: 2, total: 5 },
      { sent: 4, total: 5 },
      { sent: 5, total: 5 },
    ]);
    const posts = server.requests.filter((r) => r.url === '/api/offline/transactions');
    const sequences = posts.map(
      (r) =>
        (JSON.parse(String(r.init?.body)) as { transactions: { sequence: number }[] }).transactions,
    );
    expect(sequences.map((batch) => batch.map((t) => t.sequence))).toEqual([[1, 2], [3, 4], [5]]);
    // The browser's bookkeeping stays in the browser.
    expect(Object.keys(sequences[0]![0]!)).not.toContain('sentAt');
    expect(await outbox.counts()).toEqual({ recorded: 5, unsent: 0, sent: 5 });
    expect((await outbox.list()).every((e) => e.sentAt === NOW)).toBe(true);
  });

  it('says there is nothing to send without calling the server', async () => {
    const server = fakeServer();
    const result = await sendOutbox({
      outbox: createMemoryOutbox(),
      transport: server.transport,
      now: () => NOW,
    });
    expect(result.status).toBe('nothing-to-send');
    expect(server.requests).toHaveLength(0);
  });

  it('marks sent only the batches the server acknowledged; a network failure keeps the rest', async () => {
    const outbox = await outboxWith(5);
    const server = fakeServer();
    server.failOn(2, 'network');
    const result = await sendOutbox({
      outbox,
      transport: server.transport,
      now: () => NOW,
      batchSize: 2,
    });
    expect(result).toMatchObject({ status: 'failed', total: 5, sent: 2, uploadIds: [1] });
    expect(result.failure?.reason).toBe('UNREACHABLE');
    expect(server.posts()).toBe(2);
    expect((await outbox.unsent()).map((e) => e.sequence)).toEqual([3, 4, 5]);
  });

  it('stops at a 5xx with the server’s message and marks nothing of that batch', async () => {
    const outbox = await outboxWith(3);
    const server = fakeServer();
    server.failOn(1, 507);
    const result = await sendOutbox({ outbox, transport: server.transport, now: () => NOW });
    expect(result.failure).toMatchObject({
      reason: 'SERVER_ERROR',
      status: 507,
      message: 'The server says no (507).',
    });
    expect(await outbox.counts()).toMatchObject({ unsent: 3 });
  });

  it('asks for a sign-in when nobody is signed in, before sending anything', async () => {
    const outbox = await outboxWith(2);
    const server = fakeServer();
    server.signOut();
    const result = await sendOutbox({ outbox, transport: server.transport, now: () => NOW });
    expect(result.failure?.reason).toBe('SIGNED_OUT');
    expect(result.failure?.message).toMatch(/Sign in to the staff app/);
    expect(server.posts()).toBe(0);
    expect(await outbox.counts()).toMatchObject({ unsent: 2 });
  });

  it('treats a 401 on a batch (session ended meanwhile) as signed out', async () => {
    const outbox = await outboxWith(4);
    const server = fakeServer();
    server.failOn(2, 401);
    const result = await sendOutbox({
      outbox,
      transport: server.transport,
      now: () => NOW,
      batchSize: 2,
    });
    expect(result).toMatchObject({ status: 'failed', sent: 2 });
    expect(result.failure?.reason).toBe('SIGNED_OUT');
  });

  it('shows the server’s message when it refuses a batch as invalid', async () => {
    const outbox = await outboxWith(1);
    const server = fakeServer();
    server.failOn(1, 400);
    const result = await sendOutbox({ outbox, transport: server.transport, now: () => NOW });
    expect(result.failure).toMatchObject({
      reason: 'REFUSED',
      message: 'The server says no (400).',
    });
    expect(await outbox.counts()).toMatchObject({ unsent: 1 });
  });

  it('never marks sent on an answer it cannot read', async () => {
    const outbox = await outboxWith(1);
    const transport = createFetchTransport(async (input) =>
      String(input) === '/api/session'
        ? Response.json(sessionInfo(NOW))
        : new Response('<html>proxy says hello</html>', { status: 200 }),
    );
    const result = await sendOutbox({ outbox, transport, now: () => NOW });
    expect(result.failure?.reason).toBe('UNREADABLE_ANSWER');
    expect(await outbox.counts()).toMatchObject({ unsent: 1 });
  });

  it('reports a failed markSent as a storage problem and stops', async () => {
    const inner = await outboxWith(4);
    const outbox: Outbox = {
      ...inner,
      markSent: async () => {
        throw new DOMException('disk gone', 'UnknownError');
      },
    };
    const server = fakeServer();
    const result = await sendOutbox({
      outbox,
      transport: server.transport,
      now: () => NOW,
      batchSize: 2,
    });
    expect(result).toMatchObject({ status: 'failed', sent: 0 });
    expect(result.failure?.reason).toBe('STORAGE');
    expect(server.posts()).toBe(1);
  });
});

let dbCount = 0;
const outboxes: [string, () => Promise<Outbox>][] = [
  ['memory', async () => createMemoryOutbox()],
  [
    'IndexedDB',
    async () => {
      dbCount += 1;
      return createIndexedDbOutbox(await openOfflineDb(`circa-send-test-${dbCount}`));
    },
  ],
];

describe.each(outboxes)('sending from the %s outbox', (_name, open) => {
  it('resends safely after an answer was lost: every transaction stored once, all marked sent', async () => {
    const outbox = await open();
    for (let i = 0; i < 6; i += 1) await outbox.record(buildCheckOutDraft());
    const server = fakeServer();
    // The server stores batch 2 but the answer never arrives.
    server.failOn(2, 'network-after-storing');
    const first = await sendOutbox({
      outbox,
      transport: server.transport,
      now: () => NOW,
      batchSize: 2,
    });
    expect(first).toMatchObject({ status: 'failed', sent: 2 });
    expect(server.stored.size).toBe(4);
    expect(await outbox.counts()).toMatchObject({ unsent: 4 });

    const retry = await sendOutbox({
      outbox,
      transport: server.transport,
      now: () => NOW + 1,
      batchSize: 2,
    });
    expect(retry).toMatchObject({ status: 'sent', total: 4, sent: 4, duplicates: 2 });
    expect(server.stored.size).toBe(6);
    const ids = (await outbox.list()).map((e) => e.id);
    expect([...server.stored.keys()].toSorted()).toEqual(ids.toSorted());
    expect(await outbox.counts()).toEqual({ recorded: 6, unsent: 0, sent: 6 });
  });
});

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
