// oxlint-disable-next-line import/no-unassigned-import -- it installs the IndexedDB globals idb uses
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { createIndexedDbOutbox } from '../outbox/indexedDbOutbox.ts';
import { createMemoryOutbox } from '../outbox/memoryOutbox.ts';
import type { Outbox } from '../outbox/outbox.ts';
import { buildCheckOutDraft } from '../outbox/testDrafts.testing.ts';
import { openOfflineDb } from '../storage/database.ts';
import { fakeServer, NOW, outboxWith, sessionInfo } from './fakeServer.testing.ts';
import { sendOutbox, type SendProgress } from './sendOutbox.ts';
import { createFetchTransport } from './transport.ts';

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
    // The batch went out and no answer came: the server may have it, so say what is known.
    expect(result.failure?.reason).toBe('ANSWER_LOST');
    expect(result.failure?.message).toBe(
      'The connection to the Circa server was lost while 2 transactions were being sent, so this browser does not know yet whether the server stored them. Nothing is lost: they stay in this browser, and the next sending confirms them (the server never stores a transaction twice).',
    );
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
    expect(first.failure?.reason).toBe('ANSWER_LOST');
    expect(first.failure?.message).toMatch(/^The connection .* lost while 2 transactions were/);
    expect(server.stored.size).toBe(4);
    expect(await outbox.counts()).toMatchObject({ unsent: 4 });

    const retry = await sendOutbox({
      outbox,
      transport: server.transport,
      now: () => NOW + 1,
      batchSize: 2,
    });
    expect(retry).toMatchObject({ status: 'sent', total: 4, sent: 4, duplicates: 2 });
    // The report of this sending: its four transactions, whichever upload stored them first.
    const [entry] = await outbox.list();
    expect(retry.sequenceRanges).toEqual([{ workstation: entry!.workstation, from: 3, to: 6 }]);
    expect(server.stored.size).toBe(6);
    const ids = (await outbox.list()).map((e) => e.id);
    expect([...server.stored.keys()].toSorted()).toEqual(ids.toSorted());
    expect(await outbox.counts()).toEqual({ recorded: 6, unsent: 0, sent: 6 });
  });
});
