import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, isOpenDay, type BranchCalendar } from '../calendar/dueDates.ts';
import { holdShelfExpiry, shelfHoldExpired } from './holdShelfExpiry.ts';

const open: BranchCalendar = {
  timeZone: 'America/Chicago',
  closedWeekdays: [],
  closedDates: new Set(),
};

describe('holdShelfExpiry', () => {
  it('counts open days after today: 7 days from Monday 2 March 2026 is Monday 9 March', () => {
    expect(holdShelfExpiry('2026-03-02', 7, open)).toBe('2026-03-09');
  });

  it('skips closed weekdays and closed days', () => {
    const calendar: BranchCalendar = {
      ...open,
      closedWeekdays: [0, 6],
      closedDates: new Set(['2026-03-04']),
    };
    // Open after Monday 2 March: Tue 3, (Wed 4 closed), Thu 5, Fri 6, (weekend), Mon 9, Tue 10.
    expect(holdShelfExpiry('2026-03-02', 5, calendar)).toBe('2026-03-10');
  });

  it('says a shelf hold has expired only after its last day', () => {
    expect(shelfHoldExpired('2026-03-09', '2026-03-09')).toBe(false);
    expect(shelfHoldExpired('2026-03-09', '2026-03-10')).toBe(true);
  });

  it('always lands on an open day with exactly the given number of open days after today', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 3000 }),
        fc.integer({ min: 1, max: 30 }),
        fc.uniqueArray(fc.integer({ min: 0, max: 6 }), { maxLength: 6 }),
        fc.uniqueArray(fc.integer({ min: 1, max: 90 }), { maxLength: 20 }),
        (offset, days, closedWeekdays, closedOffsets) => {
          const today = addDays('2024-01-01', offset);
          const calendar: BranchCalendar = {
            ...open,
            closedWeekdays,
            closedDates: new Set(closedOffsets.map((n) => addDays(today, n))),
          };
          const expiry = holdShelfExpiry(today, days, calendar);
          expect(isOpenDay(expiry, calendar)).toBe(true);
          let openDays = 0;
          for (let day = addDays(today, 1); day <= expiry; day = addDays(day, 1)) {
            if (isOpenDay(day, calendar)) openDays += 1;
          }
          expect(openDays).toBe(days);
        },
      ),
    );
  });
});
