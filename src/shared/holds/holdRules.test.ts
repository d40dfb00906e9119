import { describe, expect, it } from 'vitest';
import {
  queuePositions,
  refuseHoldChange,
  refusePlaceHold,
  refuseSuspendUntil,
  type PlaceHoldAsked,
} from './holdRules.ts';
import type { QueuedHold } from './holdQueue.ts';

const TODAY = '2026-12-06';

const asked = (over: Partial<PlaceHoldAsked> = {}): PlaceHoldAsked => ({
  today: TODAY,
  patron: { name: 'Ada Reader', expiresOn: '2027-12-31', blockReason: null },
  title: { title: 'Middlemarch' },
  item: null,
  pickupBranchFound: true,
  pickupBranchCode: 'MAIN',
  hasActiveHoldOnTitle: false,
  hasCopyOnLoan: false,
  ...over,
});

describe('refusePlaceHold', () => {
  it('lets a patron in good standing hold a title or an available copy', () => {
    expect(refusePlaceHold(asked())).toBeNull();
    expect(refusePlaceHold(asked({ item: { barcode: '3001', status: 'on_loan' } }))).toBeNull();
  });

  it.each([
    [
      { patron: { name: 'Ada', expiresOn: '2027-01-01', blockReason: 'Fines' } },
      'HOLD_PATRON_BLOCKED',
    ],
    [
      { patron: { name: 'Ada', expiresOn: '2026-12-05', blockReason: null } },
      'HOLD_PATRON_EXPIRED',
    ],
    [{ pickupBranchFound: false }, 'HOLD_PICKUP_BRANCH_UNKNOWN'],
    [{ item: { barcode: '3001', status: 'withdrawn' as const } }, 'HOLD_ITEM_UNAVAILABLE'],
    [{ item: { barcode: '3001', status: 'lost' as const } }, 'HOLD_ITEM_UNAVAILABLE'],
    [{ hasActiveHoldOnTitle: true }, 'HOLD_ALREADY_PLACED'],
    [{ hasCopyOnLoan: true }, 'HOLD_ALREADY_ON_LOAN'],
  ])('refuses %o with %s', (over, code) => {
    expect(refusePlaceHold(asked(over))?.code).toBe(code);
  });

  it('counts the card valid through its expiry day', () => {
    const lastDay = { name: 'Ada', expiresOn: TODAY, blockReason: null };
    expect(refusePlaceHold(asked({ patron: lastDay }))).toBeNull();
  });

  it('names the title in a duplicate hold refusal', () => {
    expect(refusePlaceHold(asked({ hasActiveHoldOnTitle: true }))?.message).toContain(
      'Middlemarch',
    );
  });
});

describe('refuseHoldChange', () => {
  it('allows every change while the hold waits', () => {
    for (const change of ['suspend', 'resume', 'changePickup', 'cancel'] as const) {
      expect(refuseHoldChange(change, 'waiting')).toBeNull();
    }
  });

  it('refuses a pickup change or suspension once a copy is caught, with a plain reason', () => {
    for (const status of ['in_transit', 'on_shelf'] as const) {
      const refusal = refuseHoldChange('changePickup', status);
      expect(refusal?.code).toBe('HOLD_ALREADY_TRAPPED');
      expect(refusal?.message).toMatch(/Cancel the hold/);
      expect(refuseHoldChange('suspend', status)?.code).toBe('HOLD_ALREADY_TRAPPED');
      expect(refuseHoldChange('cancel', status)).toBeNull();
    }
  });

  it('refuses any change to an ended hold', () => {
    for (const status of ['fulfilled', 'cancelled', 'expired'] as const) {
      expect(refuseHoldChange('cancel', status)?.code).toBe('HOLD_NOT_ACTIVE');
    }
  });
});

describe('refuseSuspendUntil', () => {
  it('takes tomorrow up to a year ahead', () => {
    expect(refuseSuspendUntil('2026-12-07', TODAY)).toBeNull();
    expect(refuseSuspendUntil('2027-12-06', TODAY)).toBeNull();
  });

  it.each(['2026-12-06', '2026-12-01', '2027-12-07', '2026-02-30', 'next week'])(
    'refuses %s',
    (until) => {
      expect(refuseSuspendUntil(until, TODAY)?.code).toBe('HOLD_SUSPEND_DATE_INVALID');
    },
  );
});

const hold = (id: number, titleId: number, placedAt: number, over: Partial<QueuedHold> = {}) => ({
  id,
  patronId: id,
  titleId,
  itemId: null,
  pickupBranchId: 1,
  placedAt,
  status: 'waiting' as const,
  suspendedUntil: null,
  ...over,
});

describe('queuePositions', () => {
  it('numbers each title’s waiting holds from 1 in placement order, skipping caught ones', () => {
    const positions = queuePositions([
      hold(1, 5, 300),
      hold(2, 5, 100),
      hold(3, 6, 200),
      hold(4, 5, 50, { status: 'on_shelf' }),
      hold(5, 5, 200, { suspendedUntil: '2027-01-01' }),
    ]);
    expect(Object.fromEntries(positions)).toEqual({ 2: 1, 5: 2, 1: 3, 3: 1 });
  });
});
