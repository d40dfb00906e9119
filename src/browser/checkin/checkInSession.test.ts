import { describe, expect, it } from 'vitest';
import { createMemoryOutbox } from '../outbox/memoryOutbox.ts';
import type { Outbox } from '../outbox/outbox.ts';
import { buildSnapshot, itemBarcode, patronBarcode } from '../storage/testSnapshot.testing.ts';
import { CheckInSession } from './checkInSession.ts';

/** Wednesday 2026-12-02, 10:00 in Chicago. */
const AT = Date.UTC(2026, 11, 2, 16, 0);

function session(outbox: Outbox = createMemoryOutbox()) {
  const context = { snapshot: buildSnapshot(), clockOffsetMs: 0, outbox, now: () => AT };
  return { session: new CheckInSession(context), outbox };
}

describe('CheckInSession', () => {
  it('records each item as a check-in in scan order, listing it once stored', async () => {
    const { session: desk, outbox } = session();
    await Promise.all([desk.scanItem(itemBarcode(1)), desk.scanItem(itemBarcode(2))]);
    const { returns, pendingScans, alert } = desk.getState();
    expect(returns.map((r) => [r.itemBarcode, r.sequence, r.returnedOn])).toEqual([
      [itemBarcode(1), 1, undefined],
      [itemBarcode(2), 2, undefined],
    ]);
    expect({ pendingScans, alert }).toEqual({ pendingScans: 0, alert: null });
    const stored = await outbox.list();
    expect(stored).toEqual([
      expect.objectContaining({
        type: 'check_in',
        itemBarcode: itemBarcode(1),
        occurredAt: AT,
        workstation: 'DESK-1',
        branchCode: 'MAIN',
        staffUsername: 'desk',
        snapshotAt: buildSnapshot().takenAt,
        sentAt: null,
      }),
      expect.objectContaining({ type: 'check_in', itemBarcode: itemBarcode(2) }),
    ]);
  });

  it('warns about the same item twice and records it once, even scanned back to back', async () => {
    const { session: desk, outbox } = session();
    await Promise.all([desk.scanItem(itemBarcode(1)), desk.scanItem(itemBarcode(1))]);
    expect(desk.getState().returns).toHaveLength(1);
    expect(desk.getState().alert).toMatchObject({
      tone: 'warning',
      text: expect.stringMatching(/already checked in/),
    });
    expect(await outbox.list()).toHaveLength(1);
  });

  it('refuses a patron card and a bad barcode with a clear message, recording nothing', async () => {
    const { session: desk, outbox } = session();
    await desk.scanItem(patronBarcode(1));
    expect(desk.getState().alert).toMatchObject({
      tone: 'refusal',
      text: expect.stringMatching(/patron's library card, not an item/),
    });
    await desk.scanItem('12');
    expect(desk.getState().alert?.tone).toBe('refusal');
    expect(desk.getState().history).toHaveLength(1);
    expect(await outbox.list()).toEqual([]);
  });

  it('records "Returned on" with every scan until it changes, and shows its problem at once', async () => {
    const { session: desk, outbox } = session();
    desk.setReturnedOn('2026-11-28');
    expect(desk.getState().returnedOnProblem).toBeNull();
    await desk.scanItem(itemBarcode(1));
    await desk.scanItem(itemBarcode(2));
    desk.setReturnedOn('');
    await desk.scanItem(itemBarcode(3));
    expect((await outbox.list()).map((e) => (e.type === 'check_in' ? e.returnedOn : null))).toEqual(
      ['2026-11-28', '2026-11-28', undefined],
    );
    desk.setReturnedOn('2026-12-05');
    expect(desk.getState().returnedOnProblem).toMatch(/after today/);
  });

  it('refuses every scan while "Returned on" is after today or over a year back, recording nothing', async () => {
    const { session: desk, outbox } = session();
    desk.setReturnedOn('2026-12-03');
    await desk.scanItem(itemBarcode(1));
    expect(desk.getState().alert?.text).toMatch(/after today.*Nothing was recorded/);
    desk.setReturnedOn('2025-11-01');
    await desk.scanItem(itemBarcode(1));
    expect(desk.getState().alert?.text).toMatch(/more than a year ago/);
    expect(desk.getState().returns).toEqual([]);
    expect(await outbox.list()).toEqual([]);
  });

  it('uses the "Returned on" in force when the item was scanned, even if it changes while queued', async () => {
    const { session: desk, outbox } = session();
    desk.setReturnedOn('2026-11-30');
    const first = desk.scanItem(itemBarcode(1));
    desk.setReturnedOn('');
    await Promise.all([first, desk.scanItem(itemBarcode(2))]);
    expect((await outbox.list()).map((e) => (e.type === 'check_in' ? e.returnedOn : null))).toEqual(
      ['2026-11-30', undefined],
    );
  });

  it('completes after the queued scans, handing back the list and keeping "Returned on"', async () => {
    const { session: desk } = session();
    desk.setReturnedOn('2026-11-30');
    const scan = desk.scanItem(itemBarcode(1));
    const completed = await desk.complete();
    await scan;
    expect(completed.map((r) => r.itemBarcode)).toEqual([itemBarcode(1)]);
    expect(desk.getState()).toMatchObject({ returns: [], returnedOn: '2026-11-30', alert: null });
    // A new list: the same item may be checked in again.
    await desk.scanItem(itemBarcode(1));
    expect(desk.getState().returns).toHaveLength(1);
  });

  it('shows a failed write at once, naming the return, and lists nothing for it', async () => {
    const outbox = createMemoryOutbox({
      beforeWrite: () => {
        throw new DOMException('disk full', 'QuotaExceededError');
      },
    });
    const { session: desk } = session(outbox);
    await desk.scanItem(itemBarcode(1));
    expect(desk.getState()).toMatchObject({
      returns: [],
      pendingScans: 0,
      alert: {
        tone: 'refusal',
        text: expect.stringContaining(
          `the return of item ${itemBarcode(1)}, so it was NOT recorded`,
        ),
      },
    });
  });
});
