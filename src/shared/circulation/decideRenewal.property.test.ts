// Properties of every renewal decision, whatever the card, the item, the count, the rule, the queue
// and the branch's calendar: the limit holds without an override, a renewal never comes due before
// the rule's due date from today, and which refusal staff see does not depend on the queue's order.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ItemStatus } from '../api/circulation.ts';
import { addDays, computeDueDate, endOfDay, localDate } from '../calendar/dueDates.ts';
import { decideRenewal, type RenewalAsked, type RenewalFound } from './decideRenewal.ts';
import {
  buildQueuedHold,
  buildRenewalAsked,
  buildRenewalFound,
  buildRenewalLoan,
  buildRenewalPatron,
  ITEM_ID,
  PATRON_ID,
} from './renewalBuilders.testing.ts';

const TIME_ZONES = ['America/Chicago', 'Europe/London', 'Pacific/Auckland', 'Pacific/Apia', 'UTC'];

/** A hold by the borrower or someone else, on any copy, this copy or another, maybe suspended. */
const hold = fc.record({
  patronId: fc.constantFrom(PATRON_ID, 7, 8),
  onThisCopy: fc.constantFrom(null, ITEM_ID, ITEM_ID + 1),
  suspendedOffset: fc.option(fc.integer({ min: -3, max: 3 })),
  placedAt: fc.integer({ min: Date.UTC(2019, 0, 1), max: Date.UTC(2020, 0, 1) }),
});

const scenario = fc
  .record({
    at: fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2035, 0, 1) }),
    timeZone: fc.constantFrom(...TIME_ZONES),
    closedWeekdays: fc.uniqueArray(fc.integer({ min: 0, max: 6 }), { maxLength: 6 }),
    closedOffsets: fc.uniqueArray(fc.integer({ min: 0, max: 60 }), { maxLength: 30 }),
    expiresOffset: fc.integer({ min: -3, max: 3 }),
    blockReason: fc.constantFrom(null, '', 'Unpaid replacement'),
    itemStatus: fc.constantFrom(...ItemStatus.options),
    renewalCount: fc.integer({ min: 0, max: 6 }),
    /** Days from today the loan is due now (negative: overdue). */
    dueOffset: fc.integer({ min: -30, max: 60 }),
    returned: fc.boolean(),
    loanRule: fc.option(
      fc.record({
        loanDays: fc.integer({ min: 0, max: 42 }),
        renewalsAllowed: fc.integer({ min: 0, max: 5 }),
      }),
    ),
    holds: fc.array(hold, { maxLength: 5 }),
    override: fc.boolean(),
    mayOverride: fc.boolean(),
  })
  .map((s): { asked: RenewalAsked; found: RenewalFound } => {
    const today = localDate(s.at, s.timeZone);
    return {
      asked: buildRenewalAsked({
        at: s.at,
        override: s.override ? { reason: 'Supervisor says so' } : null,
        mayOverride: s.mayOverride,
      }),
      found: buildRenewalFound({
        loan: buildRenewalLoan({
          itemStatus: s.itemStatus,
          renewalCount: s.renewalCount,
          dueAt: endOfDay(addDays(today, s.dueOffset), s.timeZone),
          returnedAt: s.returned ? s.at - 1 : null,
        }),
        patron: buildRenewalPatron({
          expiresOn: addDays(today, s.expiresOffset),
          blockReason: s.blockReason,
        }),
        loanRule: s.loanRule,
        holds: s.holds.map((h, index) =>
          buildQueuedHold(h.patronId, {
            id: 200 + index,
            itemId: h.onThisCopy,
            placedAt: h.placedAt,
            suspendedUntil: h.suspendedOffset === null ? null : addDays(today, h.suspendedOffset),
          }),
        ),
        calendar: {
          timeZone: s.timeZone,
          closedWeekdays: s.closedWeekdays,
          closedDates: new Set(s.closedOffsets.map((offset) => addDays(today, offset))),
        },
      }),
    };
  })
  // A branch closed every day of the week has no due date at all (computeDueDate throws).
  .filter(({ found }) => found.calendar.closedWeekdays.length < 7);

describe('decideRenewal properties', () => {
  it('never renews past the rule’s limit without a supervisor’s override', () => {
    fc.assert(
      fc.property(scenario, ({ asked, found }) => {
        const decision = decideRenewal(asked, found);
        if (decision.outcome !== 'renew') return;
        const allowed = found.loanRule?.renewalsAllowed ?? 0;
        const past = decision.renewalCount > allowed;
        expect({
          past,
          overridden: decision.overridden.includes('RENEWAL_LIMIT_REACHED'),
          withReason: decision.overrideReason !== null,
          bySupervisor: asked.override !== null && asked.mayOverride,
          count: decision.renewalCount,
        }).toEqual({
          past,
          // Past the limit only when a supervisor overrode that very refusal, with a reason.
          overridden: past,
          withReason: past || decision.overridden.length > 0,
          bySupervisor: past || (asked.override !== null && asked.mayOverride),
          count: found.loan.renewalCount + 1,
        });
      }),
    );
  });

  it('never sets a due date before the rule’s due date from today, nor before the current one', () => {
    fc.assert(
      fc.property(scenario, ({ asked, found }) => {
        const decision = decideRenewal(asked, found);
        if (decision.outcome !== 'renew' || !found.loanRule) return;
        const forRule = computeDueDate(
          asked.at,
          { kind: 'loanDays', days: found.loanRule.loanDays },
          found.calendar,
        );
        expect(decision.dueAt).toBeGreaterThanOrEqual(forRule.dueAt);
        expect(decision.dueAt).toBeGreaterThanOrEqual(found.loan.dueAt);
        expect(decision.previousDueAt).toBe(found.loan.dueAt);
      }),
    );
  });

  it('never renews a returned loan', () => {
    fc.assert(
      fc.property(scenario, ({ asked, found }) => {
        if (found.loan.returnedAt === null) return;
        expect(decideRenewal(asked, found)).toMatchObject({
          outcome: 'refused',
          refusal: { code: 'LOAN_NOT_OPEN' },
        });
      }),
    );
  });

  it('gives the same answer whatever order the holds were read in', () => {
    fc.assert(
      fc.property(scenario, fc.func(fc.integer()), ({ asked, found }, key) => {
        const shuffled = found.holds.toSorted((a, b) => key(a.id) - key(b.id));
        expect(decideRenewal(asked, { ...found, holds: shuffled })).toEqual(
          decideRenewal(asked, found),
        );
      }),
    );
  });

  it('refuses in a stable order: the first refusal stays first when later ones are added', () => {
    fc.assert(
      fc.property(scenario, ({ asked, found }) => {
        const ordinary = { ...asked, override: null };
        const decision = decideRenewal(ordinary, found);
        if (decision.outcome !== 'refused') return;
        // Adding a hold by another patron and using up the limit can only add later refusals.
        const worse: RenewalFound = {
          ...found,
          loan: { ...found.loan, renewalCount: 99 },
          holds: [...found.holds, buildQueuedHold(7, { id: 999, suspendedUntil: null })],
        };
        const order = [
          'LOAN_NOT_OPEN',
          'NO_LOAN_RULE',
          'PATRON_BLOCKED',
          'PATRON_EXPIRED',
          'ITEM_LOST',
          'RENEWAL_LIMIT_REACHED',
          'RENEWAL_HOLD_WAITING',
        ];
        const again = decideRenewal(ordinary, worse);
        const first = order.indexOf(decision.refusal.code);
        const earlier = first < order.indexOf('RENEWAL_LIMIT_REACHED');
        const code = again.outcome === 'refused' ? again.refusal.code : null;
        // A refusal before the limit stays first; a later one gives way only to an earlier one.
        expect(code === null ? false : order.indexOf(code) <= first).toBe(true);
        expect(earlier ? code : decision.refusal.code).toBe(decision.refusal.code);
      }),
    );
  });
});
