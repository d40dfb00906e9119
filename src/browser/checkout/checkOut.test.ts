import { describe, expect, it } from 'vitest';
import { DueDateError } from '../../shared/calendar/dueDates.ts';
import { createMemoryOutbox } from '../outbox/memoryOutbox.ts';
import { OutboxWriteError } from '../outbox/outbox.ts';
import {
  checkItemEntry,
  checkPatronEntry,
  lookUpCard,
  OLD_BLOCK_LIST_MAX_AGE_HOURS,
  recordCheckOut,
  snapshotBlockList,
} from './checkOut.ts';
import { NO_SPECIAL_LOANS } from '../../shared/offline/dueDate.ts';
import { buildSnapshot, itemBarcode, patronBarcode } from '../storage/testSnapshot.testing.ts';

const snapshot = buildSnapshot();
/** Wednesday 2026-12-02, 10:00 in Chicago. */
const AT = Date.UTC(2026, 11, 2, 16, 0);

describe('checkPatronEntry', () => {
  it('accepts a valid card, trimmed', () => {
    expect(checkPatronEntry(` ${patronBarcode(1)} `, snapshot)).toEqual({
      ok: true,
      barcode: patronBarcode(1),
    });
  });

  it('explains a wrong check digit and an item barcode in the patron field', () => {
    const wrongDigit = patronBarcode(1).slice(0, -1) + ((Number(patronBarcode(1).at(-1)) + 1) % 10);
    expect(checkPatronEntry(wrongDigit, snapshot)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/check digit does not match/),
    });
    expect(checkPatronEntry(itemBarcode(5), snapshot)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/looks like an item barcode/),
    });
  });

  it('leaves a card on the block list to Check Out’s warning', () => {
    const blocked = buildSnapshot({ blockedPatronBarcodes: [patronBarcode(9)] });
    expect(checkPatronEntry(patronBarcode(9), blocked)).toEqual({
      ok: true,
      barcode: patronBarcode(9),
    });
  });
});

const deskWith = (taken: ReturnType<typeof buildSnapshot>) => ({
  snapshot: taken,
  clockOffsetMs: 0,
  outbox: createMemoryOutbox(),
  now: () => AT,
});

describe('snapshotBlockList and lookUpCard', () => {
  it('has no list when the library sends none', () => {
    expect(snapshotBlockList(snapshot)).toBeNull();
    expect(lookUpCard(deskWith(snapshot), patronBarcode(9))).toBeNull();
  });

  it('reads an older snapshot’s blocked cards as a list made with the snapshot', () => {
    const old = buildSnapshot({ blockedPatronBarcodes: [patronBarcode(9)] });
    expect(snapshotBlockList(old)).toEqual({
      madeAt: old.takenAt,
      maxAgeHours: OLD_BLOCK_LIST_MAX_AGE_HOURS,
      entries: [{ barcode: patronBarcode(9), reason: 'blocked' }],
    });
    expect(lookUpCard(deskWith(old), patronBarcode(9))?.reason).toBe('blocked');
  });

  it('counts a card’s expiry by the branch’s day, not the workstation’s', () => {
    const listed = buildSnapshot({
      blockList: {
        madeAt: AT - 3_600_000,
        maxAgeHours: 24,
        entries: [{ barcode: patronBarcode(8), reason: 'expired', expiresOn: '2026-12-01' }],
      },
    });
    expect(lookUpCard(deskWith(listed), patronBarcode(8))).toMatchObject({
      reason: 'expired',
      message: 'Card expired on Tue 1 Dec 2026',
    });
    // 23:30 in Chicago on Dec 1 is already Dec 2 in UTC: still the card's last day at the branch.
    const lastEvening = { ...deskWith(listed), now: () => Date.UTC(2026, 11, 2, 5, 30) };
    expect(lookUpCard(lastEvening, patronBarcode(8))).toBeNull();
  });
});

describe('checkItemEntry', () => {
  it('refuses the same item twice for this patron', () => {
    const loans = [{ itemBarcode: itemBarcode(1) }];
    expect(checkItemEntry(itemBarcode(2), snapshot, loans)).toEqual({
      ok: true,
      barcode: itemBarcode(2),
    });
    expect(checkItemEntry(itemBarcode(1), snapshot, loans)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/already checked out to this patron/),
    });
  });

  it('explains a patron card scanned into the item field', () => {
    expect(checkItemEntry(patronBarcode(3), snapshot, [])).toMatchObject({
      ok: false,
      message: expect.stringMatching(/looks like a patron barcode/),
    });
  });
});

describe('recordCheckOut', () => {
  it('stores the loan with its due date, basis, workstation, branch and staff', async () => {
    const outbox = createMemoryOutbox();
    const { entry, due } = await recordCheckOut(
      { snapshot, clockOffsetMs: 1_500, outbox, now: () => AT },
      {
        patronBarcode: patronBarcode(1),
        itemBarcode: itemBarcode(1),
        specials: { ...NO_SPECIAL_LOANS, patron: { kind: 'days', days: 7 } },
      },
    );
    expect(due.dueDate).toBe('2026-12-09');
    expect(entry).toMatchObject({
      type: 'check_out',
      sequence: 1,
      occurredAt: AT,
      clockOffsetMs: 1_500,
      workstation: 'DESK-1',
      branchCode: 'MAIN',
      staffUsername: 'desk',
      patronBarcode: patronBarcode(1),
      itemBarcode: itemBarcode(1),
      dueAt: due.dueAt,
      dueDateBasis: { kind: 'special_patron', days: 7 },
    });
    expect(await outbox.list()).toEqual([entry]);
  });

  it('records when the snapshot it was recorded with was made, for the server to bound its time', async () => {
    const outbox = createMemoryOutbox();
    const takenAt = AT - 3 * 60 * 60 * 1000;
    const { entry } = await recordCheckOut(
      { snapshot: { ...snapshot, takenAt }, clockOffsetMs: 0, outbox, now: () => AT },
      { patronBarcode: patronBarcode(1), itemBarcode: itemBarcode(1), specials: NO_SPECIAL_LOANS },
    );
    expect(entry.snapshotAt).toBe(takenAt);
    expect((await outbox.list())[0]?.snapshotAt).toBe(takenAt);
  });

  it('decides the day by the corrected clock when the workstation clock is behind', async () => {
    const outbox = createMemoryOutbox();
    // 23:30 on Dec 2 in Chicago by the workstation, but the server says it is already Dec 3.
    const workstationNow = Date.UTC(2026, 11, 3, 5, 30);
    const { due } = await recordCheckOut(
      { snapshot, clockOffsetMs: 60 * 60 * 1000, outbox, now: () => workstationNow },
      { patronBarcode: patronBarcode(1), itemBarcode: itemBarcode(1), specials: NO_SPECIAL_LOANS },
    );
    expect(due.dueDate).toBe('2026-12-24');
  });

  it('stores nothing when the due date cannot be decided or the write fails', async () => {
    const outbox = createMemoryOutbox();
    const context = { snapshot, clockOffsetMs: 0, outbox, now: () => AT };
    await expect(
      recordCheckOut(context, {
        patronBarcode: patronBarcode(1),
        itemBarcode: itemBarcode(1),
        specials: { ...NO_SPECIAL_LOANS, nextLoan: { kind: 'date', date: '2020-01-01' } },
      }),
    ).rejects.toBeInstanceOf(DueDateError);
    const failing = createMemoryOutbox({
      beforeWrite: () => {
        throw new DOMException('disk full', 'QuotaExceededError');
      },
    });
    await expect(
      recordCheckOut(
        { ...context, outbox: failing },
        {
          patronBarcode: patronBarcode(1),
          itemBarcode: itemBarcode(1),
          specials: NO_SPECIAL_LOANS,
        },
      ),
    ).rejects.toBeInstanceOf(OutboxWriteError);
    expect(await outbox.list()).toEqual([]);
    expect(await failing.list()).toEqual([]);
  });
});
