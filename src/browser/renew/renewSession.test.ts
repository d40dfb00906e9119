import { describe, expect, it } from 'vitest';
import { createMemoryOutbox } from '../outbox/memoryOutbox.ts';
import type { Outbox } from '../outbox/outbox.ts';
import { buildSnapshot, itemBarcode, patronBarcode } from '../storage/testSnapshot.testing.ts';
import { RenewSession } from './renewSession.ts';

/** Wednesday 2026-12-02, 10:00 in Chicago. */
const AT = Date.UTC(2026, 11, 2, 16, 0);

function session(outbox: Outbox = createMemoryOutbox(), snapshot = buildSnapshot()) {
  const context = { snapshot, clockOffsetMs: 0, outbox, now: () => AT };
  return { visit: new RenewSession(context), outbox };
}

describe('RenewSession', () => {
  it('records each renewal in scan order with the due date the offline rules decide from now', async () => {
    const { visit, outbox } = session();
    expect(visit.enterPatron(patronBarcode(1))).toBe(true);
    await Promise.all([visit.scanItem(itemBarcode(1)), visit.scanItem(itemBarcode(2))]);
    const { renewals, alert, pendingScans } = visit.getState();
    // 21 days from Wed 2 Dec is Wed 23 Dec, an open day.
    expect(renewals.map((r) => [r.entry.itemBarcode, r.due.dueDate, r.entry.sequence])).toEqual([
      [itemBarcode(1), '2026-12-23', 1],
      [itemBarcode(2), '2026-12-23', 2],
    ]);
    expect(alert).toBeNull();
    expect(pendingScans).toBe(0);
    const stored = await outbox.list();
    expect(stored).toMatchObject([
      {
        type: 'renewal',
        patronBarcode: patronBarcode(1),
        itemBarcode: itemBarcode(1),
        dueAt: renewals[0]!.due.dueAt,
        dueDateBasis: { kind: 'rule', loanDays: 21 },
        workstation: 'DESK-1',
      },
      { type: 'renewal', itemBarcode: itemBarcode(2) },
    ]);
  });

  it('warns on the same item twice and refuses a bad barcode, recording neither', async () => {
    const { visit, outbox } = session();
    visit.enterPatron(patronBarcode(1));
    await visit.scanItem(itemBarcode(1));
    await visit.scanItem(itemBarcode(1));
    expect(visit.getState().alert).toMatchObject({
      tone: 'warning',
      text: expect.stringMatching(/already renewed for this patron/),
    });
    await visit.scanItem('12345');
    expect(visit.getState().alert?.tone).toBe('refusal');
    expect(await outbox.list()).toHaveLength(1);
  });

  it('asks for the card first, and refuses a new patron until Complete', async () => {
    const { visit } = session();
    await visit.scanItem(itemBarcode(1));
    expect(visit.getState().alert?.text).toMatch(/library card first/);
    expect(visit.enterPatron(itemBarcode(1))).toBe(false);
    visit.enterPatron(patronBarcode(1));
    await visit.scanItem(itemBarcode(1));
    expect(visit.enterPatron(patronBarcode(2))).toBe(false);
    expect(visit.getState().alert?.text).toMatch(/Choose Complete/);
  });

  it('completes the visit when the next card is scanned as an item, or at Complete', async () => {
    const { visit } = session();
    visit.enterPatron(patronBarcode(1));
    const [, finished] = await Promise.all([
      visit.scanItem(itemBarcode(1)),
      visit.scanItem(patronBarcode(2)),
    ]);
    expect(finished?.patron).toBe(patronBarcode(1));
    expect(finished?.renewals.map((r) => r.entry.itemBarcode)).toEqual([itemBarcode(1)]);
    expect(visit.getState()).toMatchObject({ patron: patronBarcode(2), renewals: [] });
    await visit.scanItem(itemBarcode(3));
    const completed = await visit.complete();
    expect(completed?.renewals).toHaveLength(1);
    expect(visit.getState().patron).toBeNull();
    expect(await visit.complete()).toBeNull();
  });

  it('warns, without refusing, on a card the block list names', async () => {
    const listed = buildSnapshot({
      blockList: {
        madeAt: AT,
        maxAgeHours: 24,
        entries: [{ barcode: patronBarcode(9), reason: 'expired', expiresOn: '2026-11-30' }],
      },
    });
    const { visit, outbox } = session(createMemoryOutbox(), listed);
    visit.enterPatron(patronBarcode(9));
    expect(visit.getState().alert).toMatchObject({
      tone: 'warning',
      text: expect.stringMatching(
        /^Card expired on Mon 30 Nov 2026\. Online, Circa would not renew/,
      ),
    });
    await visit.scanItem(itemBarcode(1));
    expect(await outbox.list()).toHaveLength(1);
  });
});
