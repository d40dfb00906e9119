import { describe, expect, it } from 'vitest';
import { DEMO_BARCODE_RULES } from '../barcodes/barcodes.ts';
import {
  buildAsked,
  buildFound,
  buildItem,
  buildOpenLoan,
  buildPatron,
  ITEM_BARCODE,
  MONDAY_NOON_CHICAGO_MS,
  PATRON_BARCODE,
} from './checkOutBuilders.testing.ts';
import { itemOnLoan } from './checkOutRefusals.ts';
import {
  decideCheckOut,
  scanBarcode,
  type CheckOutDecision,
  type ItemHold,
} from './decideCheckOut.ts';

function refusalOf(decision: CheckOutDecision) {
  if (decision.outcome !== 'refused') throw new Error('expected a refusal');
  return decision.refusal;
}

describe('decideCheckOut', () => {
  it('lends for the rule’s days, due at 23:59 at the lending branch', () => {
    expect(decideCheckOut(buildAsked(), buildFound())).toEqual({
      outcome: 'lend',
      patronId: 1,
      itemId: 2,
      branchId: 3,
      checkedOutAt: MONDAY_NOON_CHICAGO_MS,
      // 16 March 2026 23:59 CDT (UTC−5, after the DST change on 8 March) = 17 March 04:59 UTC.
      dueAt: Date.UTC(2026, 2, 17, 4, 59),
      checkInFirst: null,
      damagedConfirmed: false,
      pastCard: null,
      fillHoldId: null,
      releasedHold: null,
    });
  });

  it('moves the due date past the branch’s closed days and weekdays', () => {
    const found = buildFound();
    found.branch.calendar = {
      timeZone: 'America/Chicago',
      closedWeekdays: [3],
      closedDates: new Set(['2026-03-16']),
    };
    const decision = decideCheckOut(buildAsked(), found);
    // Monday 16th is closed and Wednesday is a closed weekday: Tuesday 17th.
    expect(decision).toMatchObject({ outcome: 'lend', dueAt: Date.UTC(2026, 2, 18, 4, 59) });
  });

  it('refuses a barcode that breaks the library’s rule with the rule’s message, patron first', () => {
    const badPatron = scanBarcode('patron', ` ${ITEM_BARCODE}`, DEMO_BARCODE_RULES);
    const badItem = scanBarcode('item', '12', DEMO_BARCODE_RULES);
    expect(
      refusalOf(
        decideCheckOut(
          buildAsked({ patronBarcode: badPatron, itemBarcode: badItem }),
          buildFound(),
        ),
      ),
    ).toEqual({
      code: 'INVALID_BARCODE',
      status: 400,
      message: "This looks like an item barcode. Scan the patron's library card here.",
      details: { kind: 'patron', problem: 'LOOKS_LIKE_ITEM', barcode: ` ${ITEM_BARCODE}` },
    });
    expect(
      refusalOf(decideCheckOut(buildAsked({ itemBarcode: badItem }), buildFound())),
    ).toMatchObject({
      code: 'INVALID_BARCODE',
      status: 400,
      details: { kind: 'item', problem: 'WRONG_LENGTH', barcode: '12' },
    });
  });

  it('refuses an unknown card before an unknown item, naming the cleaned barcode', () => {
    const asked = buildAsked({
      patronBarcode: scanBarcode('patron', ` ${PATRON_BARCODE} `, DEMO_BARCODE_RULES),
    });
    expect(refusalOf(decideCheckOut(asked, buildFound({ patron: null, item: null })))).toEqual({
      code: 'PATRON_NOT_FOUND',
      status: 404,
      message: `No patron has the card ${PATRON_BARCODE}. Check the card, or register the patron first.`,
      details: { patronBarcode: PATRON_BARCODE },
    });
    expect(refusalOf(decideCheckOut(asked, buildFound({ item: null })))).toEqual({
      code: 'ITEM_NOT_FOUND',
      status: 404,
      message: `No item has the barcode ${ITEM_BARCODE}. Check the barcode, or add the item to the catalogue first.`,
      details: { itemBarcode: ITEM_BARCODE },
    });
  });

  it('refuses a blocked card with the reason, before an expired one', () => {
    const patron = buildPatron({ blockReason: 'Unpaid replacement', expiresOn: '2020-01-01' });
    expect(refusalOf(decideCheckOut(buildAsked(), buildFound({ patron })))).toEqual({
      code: 'PATRON_BLOCKED',
      status: 409,
      message:
        "Ada Reader's card is blocked: Unpaid replacement. Resolve the block before lending.",
      details: { patronBarcode: PATRON_BARCODE, blockReason: 'Unpaid replacement' },
    });
  });

  it('refuses a card that expired before the branch’s local today, not one expiring today', () => {
    const expired = buildPatron({ expiresOn: '2026-03-01' });
    expect(refusalOf(decideCheckOut(buildAsked(), buildFound({ patron: expired })))).toEqual({
      code: 'PATRON_EXPIRED',
      status: 409,
      message: "Ada Reader's card expired on Sun 1 Mar 2026. Renew the card before lending.",
      details: { patronBarcode: PATRON_BARCODE, expiresOn: '2026-03-01' },
    });
    // Noon in Chicago is already 3 March in UTC+14; the branch's date is what counts.
    const today = buildPatron({ expiresOn: '2026-03-02' });
    expect(decideCheckOut(buildAsked(), buildFound({ patron: today })).outcome).toBe('lend');
  });

  it('refuses lost, missing and withdrawn items, even when a damaged item is confirmed', () => {
    for (const status of ['lost', 'missing', 'withdrawn'] as const) {
      const item = buildItem({ status });
      expect(refusalOf(decideCheckOut(buildAsked(), buildFound({ item })))).toEqual({
        code: 'ITEM_NOT_LOANABLE',
        status: 409,
        message: `"Middlemarch" is marked ${status} and cannot be lent. Set it aside for a supervisor to check its record.`,
        details: { itemBarcode: ITEM_BARCODE, status },
      });
    }
    for (const status of ['lost', 'missing', 'withdrawn'] as const) {
      const item = buildItem({ status });
      const asked = buildAsked({ confirmDamaged: true });
      expect(refusalOf(decideCheckOut(asked, buildFound({ item }))).code).toBe('ITEM_NOT_LOANABLE');
    }
  });

  it('asks staff to look at a damaged item before lending it', () => {
    const item = buildItem({ status: 'damaged' });
    expect(refusalOf(decideCheckOut(buildAsked(), buildFound({ item })))).toEqual({
      code: 'ITEM_NEEDS_A_LOOK',
      status: 409,
      message:
        '"Middlemarch" is marked damaged. Look at it with the patron: lend it anyway if it can go out, or set it aside for repair.',
      details: { itemBarcode: ITEM_BARCODE, status: 'damaged' },
    });
  });

  it('lends a damaged item once staff confirm, and says it was confirmed', () => {
    const item = buildItem({ status: 'damaged' });
    const asked = buildAsked({ confirmDamaged: true });
    expect(decideCheckOut(asked, buildFound({ item }))).toMatchObject({
      outcome: 'lend',
      damagedConfirmed: true,
    });
    // Confirming an item that is not damaged changes nothing and records nothing.
    expect(decideCheckOut(asked, buildFound())).toMatchObject({
      outcome: 'lend',
      damagedConfirmed: false,
    });
  });

  it('lends to a blocked or expired card when a supervisor lends anyway, and says which it was', () => {
    const blocked = buildFound({ patron: buildPatron({ blockReason: 'Unpaid fine' }) });
    const expired = buildFound({ patron: buildPatron({ expiresOn: '2026-01-01' }) });
    const supervisor = buildAsked({ lendPastCard: true, mayOverride: true });
    expect(decideCheckOut(supervisor, blocked)).toMatchObject({
      outcome: 'lend',
      pastCard: 'blocked',
    });
    expect(decideCheckOut(supervisor, expired)).toMatchObject({
      outcome: 'lend',
      pastCard: 'expired',
    });
    // A good card lent "anyway" is simply lent, and nothing is recorded as overridden.
    expect(decideCheckOut(supervisor, buildFound())).toMatchObject({ pastCard: null });
    expect(refusalOf(decideCheckOut(buildAsked({ lendPastCard: true }), blocked))).toMatchObject({
      code: 'FORBIDDEN',
      status: 403,
    });
    // Lending past the card lends past nothing else: a lost item is still refused.
    const lostItem = buildFound({
      patron: buildPatron({ blockReason: 'Unpaid fine' }),
      item: buildItem({ status: 'lost' }),
    });
    expect(refusalOf(decideCheckOut(supervisor, lostItem)).code).toBe('ITEM_NOT_LOANABLE');
  });

  it('says when the item is already on this patron’s card, even when asked to override', () => {
    const openLoan = buildOpenLoan(1);
    const asked = buildAsked({ override: true, mayOverride: true });
    expect(refusalOf(decideCheckOut(asked, buildFound({ openLoan })))).toEqual({
      code: 'ITEM_ON_LOAN',
      status: 409,
      message: '"Middlemarch" is already on this patron\'s card. Scan the next item.',
      details: {
        loanId: 9,
        patronBarcode: openLoan.patronBarcode,
        patronName: 'Bo Borrower',
        checkedOutAt: openLoan.checkedOutAt,
        dueAt: openLoan.dueAt,
      },
    });
  });

  it('refuses an item on another card without override, naming who has it since when, locally', () => {
    const openLoan = buildOpenLoan(7);
    const refusal = refusalOf(
      decideCheckOut(buildAsked({ mayOverride: true }), buildFound({ openLoan })),
    );
    expect(refusal).toMatchObject({ code: 'ITEM_ON_LOAN', status: 409 });
    expect(refusal.message).toBe(
      `"Middlemarch" is on loan to Bo Borrower (${openLoan.patronBarcode}) since Fri 27 Feb 2026, 09:30. Check it in first, or ask a supervisor to override.`,
    );
  });

  it('refuses the override to staff whose role does not allow it', () => {
    const asked = buildAsked({ override: true, mayOverride: false });
    expect(refusalOf(decideCheckOut(asked, buildFound({ openLoan: buildOpenLoan(7) })))).toEqual({
      code: 'FORBIDDEN',
      status: 403,
      message:
        '"Middlemarch" is on loan to another patron, and only a supervisor may check it in and lend it again. Ask a supervisor.',
      details: { itemBarcode: ITEM_BARCODE },
    });
  });

  it('lends over another patron’s loan when overriding, checking that loan in first', () => {
    const openLoan = buildOpenLoan(7);
    const asked = buildAsked({ override: true, mayOverride: true });
    expect(decideCheckOut(asked, buildFound({ openLoan }))).toMatchObject({
      outcome: 'lend',
      checkedOutAt: MONDAY_NOON_CHICAGO_MS,
      checkInFirst: openLoan,
    });
    // The override asks nothing of the rules: a limit reached still refuses.
    const full = buildFound({ openLoan, onLoanOfMaterialType: 2 });
    expect(refusalOf(decideCheckOut(asked, full)).code).toBe('MAX_ITEMS_REACHED');
  });

  it('refuses when no loan rule covers the patron type and material type at the branch', () => {
    expect(refusalOf(decideCheckOut(buildAsked(), buildFound({ loanRule: null })))).toEqual({
      code: 'NO_LOAN_RULE',
      status: 409,
      message:
        'No loan rule covers patron type Adult with material type Book at Main Library. Ask an administrator to add one under Administration, Loan rules.',
      details: { patronType: 'ADULT', materialType: 'BOOK', branch: 'MAIN' },
    });
  });

  it('refuses at the material type’s limit, saying the limit, and lends below it', () => {
    expect(
      refusalOf(decideCheckOut(buildAsked(), buildFound({ onLoanOfMaterialType: 2 }))),
    ).toEqual({
      code: 'MAX_ITEMS_REACHED',
      status: 409,
      message:
        'Ada Reader already has 2 Book on loan, the most allowed (2). Check one in before lending another.',
      details: { limit: 2, onLoan: 2, materialType: 'BOOK' },
    });
    expect(decideCheckOut(buildAsked(), buildFound({ onLoanOfMaterialType: 1 })).outcome).toBe(
      'lend',
    );
  });

  it('refuses in the order staff fix things: card, item, who has it, then the rules', () => {
    const everything = buildFound({
      patron: buildPatron({ blockReason: 'Lost card' }),
      item: buildItem({ status: 'lost' }),
      openLoan: buildOpenLoan(7),
      loanRule: null,
    });
    const codes = [];
    for (const step of [
      () => {},
      () => (everything.patron = buildPatron()),
      () => (everything.item = buildItem()),
      () => (everything.openLoan = null),
    ]) {
      step();
      codes.push(refusalOf(decideCheckOut(buildAsked(), everything)).code);
    }
    expect(codes).toEqual(['PATRON_BLOCKED', 'ITEM_NOT_LOANABLE', 'ITEM_ON_LOAN', 'NO_LOAN_RULE']);
  });
});

const shelfHold = (patronId: number): ItemHold => ({
  id: 40,
  patronId,
  patronShortName: 'REA, A.',
  status: 'on_shelf',
  shelfExpiresOn: '2026-12-12',
  pickupBranchName: 'Main Library',
});

describe('decideCheckOut and holds', () => {
  it('fills the hold that caught the item when lending it to that hold’s patron', () => {
    const decision = decideCheckOut(buildAsked(), buildFound({ itemHold: shelfHold(1) }));
    expect(decision).toMatchObject({ outcome: 'lend', fillHoldId: 40, releasedHold: null });
  });

  it('fills the patron’s waiting hold on the title when lending an available copy', () => {
    const decision = decideCheckOut(buildAsked(), buildFound({ patronWaitingHoldId: 41 }));
    expect(decision).toMatchObject({ outcome: 'lend', fillHoldId: 41 });
  });

  it('refuses an item on the hold shelf for another patron, saying for whom and until when', () => {
    const decision = decideCheckOut(buildAsked(), buildFound({ itemHold: shelfHold(7) }));
    expect(decision).toMatchObject({
      outcome: 'refused',
      refusal: { code: 'ITEM_ON_HOLD_FOR_ANOTHER', status: 409 },
    });
    expect(refusalOf(decision).message).toContain(
      'waits for another patron: it is on the hold shelf for REA, A. until Sat 12 Dec 2026.',
    );
  });

  it('names the pickup branch for an item in transit to another patron’s hold', () => {
    const hold: ItemHold = { ...shelfHold(7), status: 'in_transit', shelfExpiresOn: null };
    const decision = decideCheckOut(buildAsked(), buildFound({ itemHold: hold }));
    expect(refusalOf(decision).message).toContain(
      "it is on its way to Main Library for REA, A.'s hold",
    );
  });

  it('lets only a supervisor lend it anyway, sending the other hold back to waiting', () => {
    const found = buildFound({ itemHold: shelfHold(7), patronWaitingHoldId: 41 });
    expect(refusalOf(decideCheckOut(buildAsked({ overrideHold: true }), found)).code).toBe(
      'FORBIDDEN',
    );
    const decision = decideCheckOut(buildAsked({ overrideHold: true, mayOverride: true }), found);
    expect(decision).toMatchObject({
      outcome: 'lend',
      releasedHold: { id: 40, patronId: 7 },
      fillHoldId: 41,
    });
  });
});

describe('itemOnLoan', () => {
  it('says another desk lent the item when the loan is not visible yet', () => {
    expect(itemOnLoan(null, 1)).toEqual({
      code: 'ITEM_ON_LOAN',
      status: 409,
      message:
        'This item was just checked out at another desk. Look the item up to see who has it.',
    });
  });
});
