import { expect, it } from 'vitest';
import { outboxCheckOuts } from '../offline/fixtures.testing.ts';
import { requireValidTransactions } from './checkOfflineTransactions.ts';
import { readOutboxUpload, type OutboxReading } from './readOutboxUpload.ts';

const checkOut = outboxCheckOuts();
const read = (body: string | Uint8Array): OutboxReading =>
  readOutboxUpload({
    body: typeof body === 'string' ? new TextEncoder().encode(body) : body,
    poisoning: { protoAction: 'error', constructorAction: 'error' },
  });

it('reads an outbox of valid transactions as the checks on the event loop pass them', () => {
  const transactions = [checkOut(), checkOut()];
  expect(read(JSON.stringify({ transactions }))).toEqual({
    readAsBefore: false,
    transactions: requireValidTransactions(transactions),
  });
  // A byte-order mark, as Fastify's JSON parser allows.
  expect(read(`\ufeff${JSON.stringify({ transactions })}`)).toMatchObject({ transactions });
});

it('refuses invalid transactions with the index, field, message and counts of the event loop', () => {
  const transactions = [checkOut(), { ...checkOut(), itemBarcode: 42 }, { ...checkOut(), id: 'x' }];
  const reading = read(JSON.stringify({ transactions }));
  let thrown: unknown;
  try {
    requireValidTransactions(transactions);
  } catch (error) {
    thrown = error;
  }
  const { details } = thrown as { details: { invalid: unknown; invalidCount: number } };
  expect(reading).toEqual({
    readAsBefore: false,
    refused: { invalid: details.invalid, invalidCount: 2, total: 3 },
  });
  expect(details.invalid).toMatchObject([
    { index: 1, field: 'itemBarcode' },
    { index: 2, field: 'id' },
  ]);
});

it('decodes bytes that are not UTF-8 as Fastify does, to U+FFFD', () => {
  const text = JSON.stringify({ transactions: [{ ...checkOut(), itemBarcode: 'I-\u00ff' }] });
  const bytes = new TextEncoder().encode(text);
  bytes.set([0xc3, 0x28], bytes.indexOf(0xc3));
  expect(read(bytes)).toMatchObject({ transactions: [{ itemBarcode: 'I-\ufffd(' }] });
});

it.each([
  ['not JSON', '{"transactions":['],
  ['poisoned through __proto__', '{"transactions":[{}],"__proto__":{"polluted":true}}'],
  ['poisoned through constructor', '{"transactions":[{"constructor":{"prototype":{}}}]}'],
  ['holding a NUL character', JSON.stringify({ transactions: [{ itemBarcode: 'I\u00001' }] })],
  ['an empty list', '{"transactions":[]}'],
  ['not a list', '{"transactions":{}}'],
  ['not an object', '[{"transactions":[]}]'],
])('leaves an outbox %s to be read on the event loop as before', (_, body) => {
  expect(read(body)).toEqual({ readAsBefore: true });
});
