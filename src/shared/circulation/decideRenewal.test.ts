import { describe, expect, it } from 'vitest';
import { endOfDay } from '../calendar/dueDates.ts';
import { decideRenewal } from './decideRenewal.ts';
import {
  buildQueuedHold,
  buildRenewalAsked,
  buildRenewalFound,
  buildRenewalLoan,
  buildRenewalPatron,
  ITEM_ID,
  PATRON_ID,
} from './renewalBuilders.testing.ts';

const CHICAGO = 'America/Chicago';
const SUPERVISOR = { override: { reason: 'Thesis due Friday' }, mayOverride: true };

describe('decideRenewal', () => {
  it('counts the new due date from today by the loan rule, and counts the renewal', () => {
    const decision = decideRenewal(buildRenewalAsked(), buildRenewalFound());
    expect(decision).toEqual({
      outcome: 'renew',
      loanId: 9,
      previousDueAt: buildRenewalLoan().dueAt,
      dueAt: endOfDay('2026-03-16', CHICAGO),
      renewalCount: 1,
      overridden: [],
      overrideReason: null,
    });
  });

  it('moves the new due date past closed days, as a check-out does', () => {
    const found = buildRenewalFound({
      calendar: {
        timeZone: CHICAGO,
        closedWeekdays: [],
        closedDates: new Set(['2026-03-16', '2026-03-17']),
      },
    });
    const decision = decideRenewal(buildRenewalAsked(), found);
    expect(decision).toMatchObject({ outcome: 'renew', dueAt: endOfDay('2026-03-18', CHICAGO) });
  });

  it('keeps the later due date when the rule would count an earlier one', () => {
    const later = endOfDay('2026-04-30', CHICAGO);
    const found = buildRenewalFound({ loan: buildRenewalLoan({ dueAt: later }) });
    expect(decideRenewal(buildRenewalAsked(), found)).toMatchObject({
      outcome: 'renew',
      dueAt: later,
      previousDueAt: later,
    });
  });

  it('refuses once the rule’s renewals are used up', () => {
    const found = buildRenewalFound({ loan: buildRenewalLoan({ renewalCount: 2 }) });
    const decision = decideRenewal(buildRenewalAsked(), found);
    expect(decision).toMatchObject({
      outcome: 'refused',
      refusal: {
        code: 'RENEWAL_LIMIT_REACHED',
        status: 409,
        details: { renewalsAllowed: 2 },
        message:
          '"Middlemarch" has been renewed 2 times, the most its loan rule allows. Ask for it back, or ask a supervisor to renew it anyway.',
      },
    });
  });

  it('refuses when another patron’s hold could take this copy, not for the borrower’s own', () => {
    const others = buildRenewalFound({ holds: [buildQueuedHold(7)] });
    expect(decideRenewal(buildRenewalAsked(), others)).toMatchObject({
      outcome: 'refused',
      refusal: { code: 'RENEWAL_HOLD_WAITING' },
    });
    const own = buildRenewalFound({ holds: [buildQueuedHold(PATRON_ID)] });
    expect(decideRenewal(buildRenewalAsked(), own)).toMatchObject({ outcome: 'renew' });
  });

  it('renews past holds that this copy could not fill: suspended, or on another copy', () => {
    const found = buildRenewalFound({
      holds: [
        buildQueuedHold(7, { suspendedUntil: '2026-04-01' }),
        buildQueuedHold(8, { itemId: ITEM_ID + 1 }),
      ],
    });
    expect(decideRenewal(buildRenewalAsked(), found)).toMatchObject({ outcome: 'renew' });
  });

  it('refuses a blocked or expired card, and a lost item', () => {
    const blocked = buildRenewalFound({
      patron: buildRenewalPatron({ blockReason: 'Unpaid replacement' }),
    });
    expect(decideRenewal(buildRenewalAsked(), blocked)).toMatchObject({
      refusal: { code: 'PATRON_BLOCKED' },
    });
    const expired = buildRenewalFound({ patron: buildRenewalPatron({ expiresOn: '2026-03-01' }) });
    expect(decideRenewal(buildRenewalAsked(), expired)).toMatchObject({
      refusal: { code: 'PATRON_EXPIRED' },
    });
    const lost = buildRenewalFound({ loan: buildRenewalLoan({ itemStatus: 'lost' }) });
    expect(decideRenewal(buildRenewalAsked(), lost)).toMatchObject({
      refusal: { code: 'ITEM_LOST' },
    });
  });

  it('lets a supervisor renew past every refusal, recording each one and the reason', () => {
    const found = buildRenewalFound({
      patron: buildRenewalPatron({ expiresOn: '2026-03-01' }),
      loan: buildRenewalLoan({ renewalCount: 2 }),
      holds: [buildQueuedHold(7)],
    });
    expect(decideRenewal(buildRenewalAsked(SUPERVISOR), found)).toMatchObject({
      outcome: 'renew',
      renewalCount: 3,
      overridden: ['PATRON_EXPIRED', 'RENEWAL_LIMIT_REACHED', 'RENEWAL_HOLD_WAITING'],
      overrideReason: 'Thesis due Friday',
    });
  });

  it('records no override when nothing stood in the way', () => {
    expect(decideRenewal(buildRenewalAsked(SUPERVISOR), buildRenewalFound())).toMatchObject({
      outcome: 'renew',
      overridden: [],
      overrideReason: null,
    });
  });

  it('refuses an override asked for without the supervisor’s right', () => {
    const found = buildRenewalFound({ loan: buildRenewalLoan({ renewalCount: 2 }) });
    const asked = buildRenewalAsked({ override: { reason: 'Please' }, mayOverride: false });
    expect(decideRenewal(asked, found)).toMatchObject({
      refusal: { code: 'FORBIDDEN', status: 403 },
    });
  });

  it('never renews a returned loan or one without a rule, even for a supervisor', () => {
    const returned = buildRenewalFound({ loan: buildRenewalLoan({ returnedAt: 1 }) });
    expect(decideRenewal(buildRenewalAsked(SUPERVISOR), returned)).toMatchObject({
      refusal: { code: 'LOAN_NOT_OPEN' },
    });
    const noRule = buildRenewalFound({ loanRule: null });
    expect(decideRenewal(buildRenewalAsked(SUPERVISOR), noRule)).toMatchObject({
      refusal: { code: 'NO_LOAN_RULE' },
    });
  });
});
