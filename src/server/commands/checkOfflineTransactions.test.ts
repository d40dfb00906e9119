import { expect, it } from 'vitest';
import { CircaError } from '../errors.ts';
import { offlineWorkstation, OUTAGE_START_MS } from '../offline/fixtures.testing.ts';
import { requireValidTransactions } from './checkOfflineTransactions.ts';

const desk = offlineWorkstation({ name: 'DESK-1', branchCode: 'MAIN', staffUsername: 'dana' });
const checkOut = () =>
  desk.checkOut({
    patronBarcode: '21234000000003',
    itemBarcode: '31234000000001',
    occurredAt: OUTAGE_START_MS,
  });

it('passes an outbox whose every transaction is valid', () => {
  const outbox = [checkOut(), checkOut()];
  expect(requireValidTransactions(outbox)).toEqual(outbox);
});

it('refuses the whole outbox, naming each invalid transaction by index and field', () => {
  const outbox = [checkOut(), { ...checkOut(), itemBarcode: 42 }];
  let refusal: unknown;
  try {
    requireValidTransactions(outbox);
  } catch (error) {
    refusal = error;
  }
  expect(refusal).toBeInstanceOf(CircaError);
  const { code, status, details, message } = refusal as CircaError;
  expect({ code, status }).toEqual({ code: 'BAD_REQUEST', status: 400 });
  expect(message).toMatch(/^1 of 2 transactions are not valid, so none was stored\./);
  expect(details).toMatchObject({ invalidCount: 1, invalid: [{ index: 1, field: 'itemBarcode' }] });
});
