import { describe, expect, it } from 'vitest';
import { createMemoryOutbox } from '../outbox/memoryOutbox.ts';
import type { Outbox } from '../outbox/outbox.ts';
import { CheckOutSession } from './checkOutSession.ts';
import type { SpecialLoanTerm } from '../../shared/offline/dueDate.ts';
import type { OfflineSnapshot } from '../../shared/offline/snapshot.ts';
import { buildSnapshot, itemBarcode, patronBarcode } from '../storage/testSnapshot.testing.ts';

/** Wednesday 2026-12-02, 10:00 in Chicago. */
const AT = Date.UTC(2026, 11, 2, 16, 0);

/** When the tests' block list was made: three hours before AT. */
const LIST_MADE_AT = AT - 3 * 3_600_000;

function session(
  options: { outbox?: Outbox; all?: SpecialLoanTerm | null; snapshot?: OfflineSnapshot } = {},
): {
  session: CheckOutSession;
  outbox: Outbox;
} {
  const outbox = options.outbox ?? createMemoryOutbox();
  const snapshot = options.snapshot ?? buildSnapshot();
  const context = { snapshot, clockOffsetMs: 0, outbox, now: () => AT };
  return { session: new CheckOutSession(context, options.all ?? null), outbox };
}

const listed = () =>
  session({
    snapshot: buildSnapshot({
      blockList: {
        madeAt: LIST_MADE_AT,
        maxAgeHours: 24,
        entries: [
          { barcode: patronBarcode(9), reason: 'blocked' },
          { barcode: patronBarcode(8), reason: 'expired', expiresOn: '2026-11-30' },
        ],
      },
    }),
  });

describe('CheckOutSession', () => {
  it('records scans in scan order, each with its due date, and refuses the same item twice', async () => {
    const { session: visit, outbox } = session();
    expect(visit.enterPatron(patronBarcode(1))).toBe(true);
    // Three scans fired without waiting, as a fast scanner does.
    await Promise.all([
      visit.scanItem(itemBarcode(1)),
      visit.scanItem(itemBarcode(2)),
      visit.scanItem(itemBarcode(1)),
    ]);
    const state = visit.getState();
    expect(state.loans.map((l) => [l.entry.itemBarcode, l.entry.sequence])).toEqual([
      [itemBarcode(1), 1],
      [itemBarcode(2), 2],
    ]);
    // A second scan of a loan already on this card is a warning to look at, not a refusal.
    expect(state.alert).toMatchObject({
      tone: 'warning',
      text: expect.stringMatching(/already checked out to this patron/),
    });
    expect(state.pendingScans).toBe(0);
    expect(await outbox.list()).toHaveLength(2);
  });

  it('gives a next-loan-only Special Loan to exactly one loan, even with scans in flight', async () => {
    const { session: visit } = session();
    visit.enterPatron(patronBarcode(1));
    visit.setSpecialLoan('next', { kind: 'days', days: 2 });
    await Promise.all([visit.scanItem(itemBarcode(1)), visit.scanItem(itemBarcode(2))]);
    const kinds = visit.getState().loans.map((l) => l.due.basis.kind);
    expect(kinds).toEqual(['special_loan', 'rule']);
    expect(visit.getState().nextLoanTerm).toBeNull();
  });

  it('keeps the patron’s Special Loan until Complete, and the Settings-wide one after it', async () => {
    const { session: visit } = session({ all: { kind: 'days', days: 3 } });
    visit.enterPatron(patronBarcode(1));
    visit.setSpecialLoan('patron', { kind: 'days', days: 7 });
    await visit.scanItem(itemBarcode(1));
    await visit.scanItem(itemBarcode(2));
    const completed = await visit.complete();
    expect(completed?.loans.map((l) => l.due.basis)).toEqual([
      { kind: 'special_patron', days: 7 },
      { kind: 'special_patron', days: 7 },
    ]);
    expect(visit.getState()).toMatchObject({ patron: null, loans: [], patronTerm: null });
    visit.enterPatron(patronBarcode(2));
    await visit.scanItem(itemBarcode(3));
    expect(visit.getState().loans[0]?.due.basis).toEqual({ kind: 'special_all', days: 3 });
  });

  it('completes only after the scans already entered are stored', async () => {
    const { session: visit } = session();
    visit.enterPatron(patronBarcode(1));
    const scan = visit.scanItem(itemBarcode(1));
    const completed = await visit.complete();
    await scan;
    expect(completed?.loans.map((l) => l.entry.itemBarcode)).toEqual([itemBarcode(1)]);
    expect(visit.getState().loans).toEqual([]);
  });

  it('shows a failed write at once, lists nothing for it, and keeps the next-loan Special Loan', async () => {
    let refuse = true;
    const outbox = createMemoryOutbox({
      beforeWrite: () => {
        if (refuse) throw new DOMException('disk full', 'QuotaExceededError');
      },
    });
    const { session: visit } = session({ outbox });
    visit.enterPatron(patronBarcode(1));
    visit.setSpecialLoan('next', { kind: 'days', days: 2 });
    await visit.scanItem(itemBarcode(1));
    expect(visit.getState()).toMatchObject({
      loans: [],
      alert: { tone: 'refusal', text: expect.stringMatching(/NOT recorded/) },
      nextLoanTerm: { kind: 'days', days: 2 },
    });
    refuse = false;
    await visit.scanItem(itemBarcode(1));
    expect(visit.getState().loans.map((l) => l.due.basis.kind)).toEqual(['special_loan']);
    expect(visit.getState().alert).toBeNull();
    // The refusal is kept in the visit's history, below the latest result.
    expect(visit.getState().history.map((m) => m.text)).toEqual([
      expect.stringMatching(/NOT recorded/),
    ]);
  });

  it('asks for Complete before another patron once loans are recorded', async () => {
    const { session: visit } = session();
    visit.enterPatron(patronBarcode(1));
    await visit.scanItem(itemBarcode(1));
    expect(visit.enterPatron(patronBarcode(2))).toBe(false);
    expect(visit.getState()).toMatchObject({
      patron: patronBarcode(1),
      alert: { tone: 'refusal', text: expect.stringMatching(/Complete/) },
    });
  });

  it('completes the visit when the next patron’s card is scanned as an item, and lends what follows to that patron', async () => {
    const { session: visit, outbox } = session();
    visit.enterPatron(patronBarcode(1));
    // As fast as a scanner: the first patron's item, the next card, the next patron's item.
    const [, finished] = await Promise.all([
      visit.scanItem(itemBarcode(1)),
      visit.scanItem(patronBarcode(2)),
      visit.scanItem(itemBarcode(2)),
    ]);
    expect(finished?.patron).toBe(patronBarcode(1));
    expect(finished?.loans.map((l) => l.entry.itemBarcode)).toEqual([itemBarcode(1)]);
    expect(visit.getState()).toMatchObject({ patron: patronBarcode(2), alert: null });
    expect(visit.getState().loans.map((l) => l.entry.itemBarcode)).toEqual([itemBarcode(2)]);
    const stored = await outbox.list();
    expect(
      stored.map((e) => [
        'patronBarcode' in e && e.patronBarcode,
        'itemBarcode' in e && e.itemBarcode,
      ]),
    ).toEqual([
      [patronBarcode(1), itemBarcode(1)],
      [patronBarcode(2), itemBarcode(2)],
    ]);
  });

  it('lends nothing to the patron before once Complete is chosen, even with scans still queued', async () => {
    const { session: visit, outbox } = session();
    visit.enterPatron(patronBarcode(1));
    const first = visit.scanItem(itemBarcode(1));
    const completed = visit.complete();
    await visit.scanItem(itemBarcode(2));
    await Promise.all([first, completed]);
    expect(visit.getState().alert?.text).toMatch(/patron's library card first/);
    expect((await outbox.list()).map((e) => 'itemBarcode' in e && e.itemBarcode)).toEqual([
      itemBarcode(1),
    ]);
    expect(visit.getState().pendingScans).toBe(0);
  });

  describe('a card on the block list', () => {
    it('warns with the refusal tone and lends nothing until staff choose Lend anyway', async () => {
      const { session: visit, outbox } = listed();
      expect(visit.enterPatron(patronBarcode(9))).toBe(true);
      expect(visit.getState()).toMatchObject({
        patron: patronBarcode(9),
        listedCard: { reason: 'blocked', listMadeAt: LIST_MADE_AT },
        alert: {
          tone: 'refusal',
          text: 'Blocked: the library has blocked this card from borrowing.',
        },
      });
      expect(visit.mayScanItems()).toBe(false);
      await visit.scanItem(itemBarcode(1));
      expect(await outbox.list()).toHaveLength(0);
      expect(visit.getState().alert?.text).toMatch(/choose Lend anyway/);

      visit.lendAnyway();
      expect(visit.mayScanItems()).toBe(true);
      await visit.scanItem(itemBarcode(1));
      await visit.scanItem(itemBarcode(2));
      const stored = await outbox.list();
      expect(stored.map((entry) => entry.type === 'check_out' && entry.lentAnyway)).toEqual([
        { reason: 'blocked', listMadeAt: LIST_MADE_AT },
        { reason: 'blocked', listMadeAt: LIST_MADE_AT },
      ]);
    });

    it('says when an expired card expired, and forgets Lend anyway at the next patron', async () => {
      const { session: visit, outbox } = listed();
      visit.enterPatron(patronBarcode(8));
      expect(visit.getState().alert?.text).toBe('Card expired on Mon 30 Nov 2026');
      visit.lendAnyway();
      await visit.scanItem(itemBarcode(1));
      // The next card, scanned as an item, starts a visit of its own.
      await visit.scanItem(patronBarcode(9));
      expect(visit.getState()).toMatchObject({
        patron: patronBarcode(9),
        listedCard: { reason: 'blocked' },
        lentAnyway: null,
      });
      await visit.complete();
      visit.enterPatron(patronBarcode(1));
      expect(visit.getState()).toMatchObject({ listedCard: null, lentAnyway: null, alert: null });
      await visit.scanItem(itemBarcode(2));
      const stored = await outbox.list();
      expect(stored.map((entry) => entry.type === 'check_out' && entry.lentAnyway)).toEqual([
        { reason: 'expired', listMadeAt: LIST_MADE_AT },
        undefined,
      ]);
    });
  });
});
