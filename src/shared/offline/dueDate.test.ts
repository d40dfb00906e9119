import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DueDateError } from '../calendar/dueDates.ts';
import { decideDueDate, NO_SPECIAL_LOANS } from './dueDate.ts';

const snapshot = {
  branch: { code: 'MAIN', name: 'Main', timeZone: 'America/Chicago', closedWeekdays: [0] },
  closedDates: ['2026-12-25'],
  knownThrough: '2027-06-30',
  defaultLoanDays: 21,
};
/** Wednesday 2026-12-02, 10:00 in Chicago. */
const AT = Date.UTC(2026, 11, 2, 16, 0);

describe('decideDueDate', () => {
  it('uses the default loan period when no Special Loan is in force', () => {
    const due = decideDueDate(AT, snapshot, NO_SPECIAL_LOANS);
    expect(due).toMatchObject({ dueDate: '2026-12-23', basis: { kind: 'rule', loanDays: 21 } });
    expect(due.dueAt).toBe(Date.UTC(2026, 11, 24, 5, 59));
    expect(due.notice).toBeNull();
  });

  it('prefers this loan, then this patron, then all check-outs', () => {
    const all = { kind: 'days', days: 7 } as const;
    const patron = { kind: 'date', date: '2027-01-04' } as const;
    const nextLoan = { kind: 'days', days: 2 } as const;
    expect(decideDueDate(AT, snapshot, { nextLoan: null, patron: null, all })).toMatchObject({
      dueDate: '2026-12-09',
      basis: { kind: 'special_all', days: 7 },
    });
    expect(decideDueDate(AT, snapshot, { nextLoan: null, patron, all })).toMatchObject({
      dueDate: '2027-01-04',
      basis: { kind: 'special_patron', date: '2027-01-04' },
    });
    expect(decideDueDate(AT, snapshot, { nextLoan, patron, all })).toMatchObject({
      dueDate: '2026-12-04',
      basis: { kind: 'special_loan', days: 2 },
    });
  });

  it('moves a due date off a closed day and says so', () => {
    // 23 days after 2026-12-02 is Christmas Day, a closed day.
    const due = decideDueDate(AT, snapshot, {
      ...NO_SPECIAL_LOANS,
      nextLoan: { kind: 'days', days: 23 },
    });
    expect(due.dueDate).toBe('2026-12-26');
    expect(due.notice).toBe(
      'The branch is closed on Fri 25 Dec 2026, so the loan is due on the next open day, Sat 26 Dec 2026.',
    );
  });

  it('counts from the current day each time the client is used', () => {
    const nextDay = AT + 24 * 60 * 60 * 1000;
    expect(decideDueDate(nextDay, snapshot, NO_SPECIAL_LOANS).dueDate).toBe('2026-12-24');
  });

  it('says so when the snapshot no longer covers the due date, and still uses the loan period', () => {
    const late = Date.UTC(2027, 5, 20, 16, 0);
    const due = decideDueDate(late, snapshot, NO_SPECIAL_LOANS);
    expect(due).toMatchObject({ dueDate: '2027-07-12', basis: { kind: 'rule', loanDays: 21 } });
    expect(due.notice).toContain('only through Wed 30 Jun 2027');
  });

  it('refuses a Special Loan date in the past with a message staff can act on', () => {
    const specials = { ...NO_SPECIAL_LOANS, patron: { kind: 'date', date: '2026-11-30' } } as const;
    expect(() => decideDueDate(AT, snapshot, specials)).toThrow(DueDateError);
    expect(() => decideDueDate(AT, snapshot, specials)).toThrow(/choose today or a later date/);
  });

  it('writes every date in its notices the one way the table does, never as YYYY-MM-DD', () => {
    const DAY_MS = 24 * 60 * 60 * 1000;
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 240 }),
        fc.integer({ min: 0, max: 60 }),
        (daysFromNow, loanDays) => {
          const due = decideDueDate(AT + daysFromNow * DAY_MS, snapshot, {
            ...NO_SPECIAL_LOANS,
            nextLoan: { kind: 'days', days: loanDays },
          });
          expect(due.notice ?? '').not.toMatch(/\d{4}-\d{2}-\d{2}/);
        },
      ),
    );
  });
});
