import { afterEach, expect, it } from 'vitest';
import { readOutboxUpload, type OutboxUpload } from '../commands/readOutboxUpload.ts';
import { outboxCheckOuts } from '../offline/fixtures.testing.ts';
import { uploadThreads, type UploadThreads } from './uploadThreads.ts';

const checkOut = outboxCheckOuts();
const upload = (body: unknown): OutboxUpload => ({
  body: new TextEncoder().encode(JSON.stringify(body)),
  poisoning: { protoAction: 'error', constructorAction: 'error' },
});

let threads: UploadThreads | null = null;
afterEach(async () => {
  await threads?.close();
  threads = null;
});

it('reads an outbox on a thread with the answer it gives on the event loop', async () => {
  threads = uploadThreads(1);
  const valid = upload({ transactions: [checkOut(), checkOut()] });
  const invalid = upload({ transactions: [checkOut(), { ...checkOut(), itemBarcode: 42 }] });
  const notJson = { ...valid, body: valid.body.subarray(1) };
  for (const sent of [valid, invalid, notJson]) {
    expect(await threads.readOutbox(sent)).toEqual(readOutboxUpload(sent));
  }
  expect(await threads.readOutbox(valid)).toMatchObject({
    readAsBefore: false,
    transactions: [{}, {}],
  });
});

it('reads uploads sent at once, each with its own answer, on fewer threads than uploads', async () => {
  threads = uploadThreads(2);
  const outboxes = Array.from({ length: 5 }, (_, n) => Array.from({ length: n + 1 }, checkOut));
  const readings = await Promise.all(
    outboxes.map((transactions) => threads!.readOutbox(upload({ transactions }))),
  );
  expect(readings.map((r) => (r.readAsBefore || r.refused ? null : r.transactions.length))).toEqual(
    [1, 2, 3, 4, 5],
  );
});
