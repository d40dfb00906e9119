// Properties of every online check-out decision, whatever the card, the item, who has it, the rule
// and the branch's calendar: it lends exactly when nothing stands in the way, and never onto a
// closed day.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ItemStatus } from '../api/circulation.ts';
import { addDays, isOpenDay, localDate } from '../calendar/dueDates.ts';
import { patronStatus } from '../patrons/patronStatus.ts';
import {
  buildAsked,
  buildFound,
  buildItem,
  buildOpenLoan,
  buildPatron,
} from './checkOutBuilders.testing.ts';
import { decideCheckOut, type CheckOutAsked, type CheckOutFound } from './decideCheckOut.ts';

const TIME_ZONES = ['America/Chicago', 'Europe/London', 'Pacific/Auckland', 'Pacific/Apia', 'UTC'];
const PATRON_ID = 1;

const scenario = fc
  .record({
    at: fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2035, 0, 1) }),
    timeZone: fc.constantFrom(...TIME_ZONES),
    closedWeekdays: fc.uniqueArray(fc.integer({ min: 0, max: 6 }), { maxLength: 6 }),
    closedOffsets: fc.uniqueArray(fc.integer({ min: 0, max: 60 }), { maxLength: 30 }),
    expiresOffset: fc.integer({ min: -3, max: 3 }),
    blockReason: fc.constantFrom(null, '', '  ', 'Unpaid replacement'),
    itemStatus: fc.constantFrom(...ItemStatus.options),
    /** Who has the item now: nobody, the patron asking, or someone else. */
    holder: fc.constantFrom(null, PATRON_ID, 7),
    override: fc.boolean(),
    mayOverride: fc.boolean(),
    confirmDamaged: fc.boolean(),
    loanRule: fc.option(
      fc.record({
        loanDays: fc.integer({ min: 0, max: 42 }),
        maxItems: fc.integer({ min: 0, max: 5 }),
      }),
    ),
    onLoan: fc.integer({ min: 0, max: 6 }),
    /** Whose hold has caught the item: nobody's, the patron asking, or someone else's. */
    holdFor: fc.constantFrom(null, PATRON_ID, 7),
    holdStatus: fc.constantFrom('on_shelf' as const, 'in_transit' as const),
    overrideHold: fc.boolean(),
    patronWaitingHoldId: fc.option(fc.constant(41)),
  })
  .map((s): { asked: CheckOutAsked; found: CheckOutFound } => {
    const today = localDate(s.at, s.timeZone);
    return {
      asked: buildAsked({
        at: s.at,
        override: s.override,
        mayOverride: s.mayOverride,
        confirmDamaged: s.confirmDamaged,
        overrideHold: s.overrideHold,
      }),
      found: buildFound({
        patron: buildPatron({
          id: PATRON_ID,
          expiresOn: addDays(today, s.expiresOffset),
          blockReason: s.blockReason,
        }),
        item: buildItem({ status: s.itemStatus }),
        branch: {
          id: 3,
          code: 'MAIN',
          name: 'Main Library',
          calendar: {
            timeZone: s.timeZone,
            closedWeekdays: s.closedWeekdays,
            closedDates: new Set(s.closedOffsets.map((offset) => addDays(today, offset))),
          },
        },
        openLoan: s.holder === null ? null : buildOpenLoan(s.holder),
        loanRule: s.loanRule,
        onLoanOfMaterialType: s.onLoan,
        itemHold:
          s.holdFor === null
            ? null
            : {
                id: 40,
                patronId: s.holdFor,
                patronShortName: 'REA, A.',
                status: s.holdStatus,
                shelfExpiresOn: s.holdStatus === 'on_shelf' ? addDays(today, 3) : null,
                pickupBranchName: 'Main Library',
              },
        patronWaitingHoldId: s.patronWaitingHoldId,
      }),
    };
  });

describe('decideCheckOut properties', () => {
  it('lends exactly when the card is good, the item loanable (damaged: confirmed) and free (or overridden), and the rule allows', () => {
    fc.assert(
      fc.property(scenario, ({ asked, found }) => {
        const { patron, item, openLoan, loanRule, branch } = found;
        const today = localDate(asked.at, branch.calendar.timeZone);
        const cardGood = patronStatus(patron!, today) === 'good';
        const loanable =
          !['lost', 'missing', 'withdrawn'].includes(item!.status) &&
          (item!.status !== 'damaged' || asked.confirmDamaged);
        const free =
          openLoan === null ||
          (openLoan.patronId !== PATRON_ID && asked.override && asked.mayOverride);
        const ruleAllows = loanRule !== null && found.onLoanOfMaterialType < loanRule.maxItems;
        const hold = found.itemHold;
        const notHeld =
          hold === null || hold.patronId === PATRON_ID || (asked.overrideHold && asked.mayOverride);

        const decision = decideCheckOut(asked, found);
        expect(decision.outcome === 'lend').toBe(
          cardGood && loanable && free && notHeld && ruleAllows,
        );
        if (decision.outcome === 'refused') return;
        expect(decision.checkInFirst).toBe(openLoan);
        expect(decision.checkedOutAt).toBe(asked.at);
        // A caught item fills its own patron's hold, or its hold is released: never both, never
        // neither, so no item is lent while caught for someone else.
        const ownHold = hold?.patronId === PATRON_ID;
        expect({ fill: decision.fillHoldId, released: decision.releasedHold }).toEqual({
          fill: ownHold ? hold?.id : found.patronWaitingHoldId,
          released: ownHold ? null : hold,
        });
      }),
    );
  });

  it('never lends to a blocked card unless a supervisor lends past it, whatever the item override', () => {
    fc.assert(
      fc.property(scenario, ({ asked, found }) => {
        const blocked = { ...found, patron: buildPatron({ blockReason: 'Lost card' }) };
        const decision = decideCheckOut({ ...asked, override: true, mayOverride: true }, blocked);
        expect(decision).toMatchObject({ outcome: 'refused', refusal: { code: 'PATRON_BLOCKED' } });
        const pastCard = decideCheckOut(
          { ...asked, lendPastCard: true, mayOverride: false },
          blocked,
        );
        expect(pastCard).toMatchObject({ outcome: 'refused', refusal: { code: 'FORBIDDEN' } });
        const lent = decideCheckOut({ ...asked, lendPastCard: true, mayOverride: true }, blocked);
        expect(lent.outcome === 'refused' ? lent.refusal.code : 'lent').not.toBe('PATRON_BLOCKED');
        expect(lent.outcome === 'lend' ? lent.pastCard : 'blocked').toBe('blocked');
      }),
    );
  });

  it('sets the due date on an open day of the lending branch, at least the rule’s days away', () => {
    fc.assert(
      fc.property(scenario, ({ asked, found }) => {
        const decision = decideCheckOut(asked, found);
        if (decision.outcome === 'refused') return;
        const { calendar } = found.branch;
        const dueDate = localDate(decision.dueAt, calendar.timeZone);
        const today = localDate(asked.at, calendar.timeZone);
        expect(isOpenDay(dueDate, calendar)).toBe(true);
        expect(dueDate >= addDays(today, found.loanRule!.loanDays)).toBe(true);
      }),
    );
  });
});
