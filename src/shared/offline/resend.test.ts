import { describe, expect, it } from 'vitest';
import { serverView } from './recovery.testing.ts';
import { isConfirmed, transactionsToResend, type HeldTransaction } from './resend.ts';

const SENT_AT = 1_800_000_000_000;

function held(sequence: number, props: Partial<HeldTransaction> = {}): HeldTransaction {
  return { id: `t${sequence}`, workstation: 'DESK-1', sequence, sentAt: SENT_AT, ...props };
}

describe('transactionsToResend', () => {
  it('names the sent transactions whose numbers the server now misses', () => {
    // The new primary received 1–6 and was told 10 were recorded: 7–10 are missing.
    const server = serverView(10, [1, 2, 3, 4, 5, 6]);
    const all = Array.from({ length: 10 }, (_, i) => held(i + 1));
    expect(transactionsToResend({ workstation: 'DESK-1', server, held: all })).toEqual([
      't7',
      't8',
      't9',
      't10',
    ]);
  });

  it('leaves unsent ones to the normal sending and other workstations alone', () => {
    const server = serverView(4, [1]);
    const transactions = [held(2, { sentAt: null }), held(3, { workstation: 'DESK-2' }), held(4)];
    expect(transactionsToResend({ workstation: 'DESK-1', server, held: transactions })).toEqual([
      't4',
    ]);
  });

  it('names nothing when the server misses nothing', () => {
    expect(
      transactionsToResend({
        workstation: 'DESK-1',
        server: serverView(3, [1, 2, 3]),
        held: [held(3)],
      }),
    ).toEqual([]);
  });
});

describe('isConfirmed', () => {
  const confirmation = { workstation: 'DESK-1', sequences: serverView(8, [1, 2, 3, 5, 6]) };

  it('confirms a sent number the confirmation counts as received', () => {
    expect(isConfirmed(held(1), confirmation)).toBe(true);
    expect(isConfirmed(held(6), confirmation)).toBe(true);
  });

  it('keeps a number missing or beyond the received, an unsent one, another desk’s, and all without a confirmation', () => {
    expect(isConfirmed(held(4), confirmation)).toBe(false);
    expect(isConfirmed(held(7), confirmation)).toBe(false);
    expect(isConfirmed(held(9), confirmation)).toBe(false);
    expect(isConfirmed(held(2, { sentAt: null }), confirmation)).toBe(false);
    expect(isConfirmed(held(2, { workstation: 'DESK-2' }), confirmation)).toBe(false);
    expect(isConfirmed(held(2), null)).toBe(false);
  });

  it('keeps a number past the end of a missing list cut short', () => {
    // Received 1, 3, 5, …, 99: the list stops after the first gap though 49 numbers are missing.
    const sequences = {
      received: 50,
      highestReceived: 99,
      highestReported: 99,
      missing: [{ from: 2, to: 2 }],
      missingCount: 49,
    };
    expect(isConfirmed(held(1), { workstation: 'DESK-1', sequences })).toBe(true);
    expect(isConfirmed(held(5), { workstation: 'DESK-1', sequences })).toBe(false);
  });
});
