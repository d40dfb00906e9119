import { expect, it } from 'vitest';
import { CircaError } from '../errors.ts';
import { outboxCheckOuts } from '../offline/fixtures.testing.ts';
import {
  requireValidTransactions,
  requireValidTransactionsYielding,
  VALIDATION_SLICE_SIZE,
} from './checkOfflineTransactions.ts';

const checkOut = outboxCheckOuts();

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

/** What `check` threw; fails the test when it threw nothing. */
async function refusalOf(check: () => unknown): Promise<unknown> {
  try {
    await check();
  } catch (error) {
    return error;
  }
  throw new Error('The outbox was not refused.');
}

it('checks a large outbox in slices with the same answer and the same refusal as all at once', async () => {
  const outbox: unknown[] = Array.from({ length: VALIDATION_SLICE_SIZE * 2 + 50 }, checkOut);
  expect(await requireValidTransactionsYielding(outbox)).toEqual(outbox);

  // Invalid transactions in the first and the last slice: both are counted and named.
  outbox[3] = { ...checkOut(), itemBarcode: 42 };
  outbox[VALIDATION_SLICE_SIZE * 2 + 10] = { ...checkOut(), id: 'not-a-uuid' };
  const sliced = (await refusalOf(() => requireValidTransactionsYielding(outbox))) as CircaError;
  const whole = (await refusalOf(() => requireValidTransactions(outbox))) as CircaError;
  expect(sliced).toBeInstanceOf(CircaError);
  expect({ status: sliced.status, message: sliced.message, details: sliced.details }).toEqual({
    status: whole.status,
    message: whole.message,
    details: whole.details,
  });
  expect(sliced.details).toMatchObject({
    invalidCount: 2,
    invalid: [
      { index: 3, field: 'itemBarcode' },
      { index: VALIDATION_SLICE_SIZE * 2 + 10, field: 'id' },
    ],
  });
});

it('lets other work run between two slices of a large outbox', async () => {
  const outbox = Array.from({ length: VALIDATION_SLICE_SIZE * 3 }, checkOut);
  let otherWorkRan = false;
  setImmediate(() => {
    otherWorkRan = true;
  });
  const checking = requireValidTransactionsYielding(outbox);
  expect(otherWorkRan).toBe(false);
  await checking;
  expect(otherWorkRan).toBe(true);
});

it('checks one outbox at a time, in the order they arrived', async () => {
  const finished: string[] = [];
  const large = Array.from({ length: VALIDATION_SLICE_SIZE * 3 }, checkOut);
  const small = [checkOut()];
  await Promise.all([
    requireValidTransactionsYielding(large).then(() => finished.push('large')),
    requireValidTransactionsYielding([{ ...checkOut(), itemBarcode: 42 }]).catch(() =>
      finished.push('refused'),
    ),
    requireValidTransactionsYielding(small).then(() => finished.push('small')),
  ]);
  // Sliced side by side, the small ones would finish first; one at a time, they wait their turn.
  expect(finished).toEqual(['large', 'refused', 'small']);
});
