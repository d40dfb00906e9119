import { describe, expect, it } from 'vitest';
import { nextHoldFor, type QueuedHold } from './holdQueue.ts';

const hold = (over: Partial<QueuedHold>): QueuedHold => ({
  id: 1,
  patronId: 10,
  titleId: 5,
  itemId: null,
  pickupBranchId: 1,
  placedAt: 1000,
  status: 'waiting',
  suspendedUntil: null,
  ...over,
});

describe('nextHoldFor', () => {
  const copy = { id: 7, titleId: 5 };

  it('fills the oldest waiting hold on the title first', () => {
    const holds = [hold({ id: 2, placedAt: 2000 }), hold({ id: 3, placedAt: 1500 })];
    expect(nextHoldFor(copy, holds, '2026-12-06')?.id).toBe(3);
  });

  it('skips a hold suspended past today and a hold on another copy', () => {
    const holds = [
      hold({ id: 2, placedAt: 1, suspendedUntil: '2026-12-07' }),
      hold({ id: 3, placedAt: 2, itemId: 8 }),
      hold({ id: 4, placedAt: 3 }),
    ];
    expect(nextHoldFor(copy, holds, '2026-12-06')?.id).toBe(4);
    expect(nextHoldFor(copy, holds, '2026-12-07')?.id).toBe(2);
  });

  it('answers null when nobody waits, or only for another title', () => {
    expect(
      nextHoldFor(copy, [hold({ titleId: 6 }), hold({ status: 'on_shelf' })], '2026-12-06'),
    ).toBeNull();
  });
});
