import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCalendarDate } from '../calendar/calendarDates.ts';
import { addMonths, newCardExpiry, renewedCardExpiry } from './cardExpiry.ts';

describe('addMonths', () => {
  it('keeps the day of the month when the later month has it', () => {
    expect(addMonths('2026-03-15', 1)).toBe('2026-04-15');
    expect(addMonths('2026-11-30', 2)).toBe('2027-01-30');
    expect(addMonths('2026-06-11', 36)).toBe('2029-06-11');
  });

  it('clamps to the last day of a shorter month, leap years included', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2026-03-31', 1)).toBe('2026-04-30');
    expect(addMonths('2028-02-29', 12)).toBe('2029-02-28');
  });

  it('refuses what is not a date or not a whole number of months', () => {
    expect(() => addMonths('2026-02-30', 1)).toThrow(RangeError);
    expect(() => addMonths('2026-01-01', 1.5)).toThrow(RangeError);
    expect(() => addMonths('2026-01-01', -1)).toThrow(RangeError);
  });

  it('always gives a real date, later than the start, in the right month', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1990-01-01'), max: new Date('2200-12-31'), noInvalidDate: true }),
        fc.integer({ min: 1, max: 1200 }),
        (start, months) => {
          const from = start.toISOString().slice(0, 10);
          const to = addMonths(from, months);
          expect(parseCalendarDate(to)).not.toBeNull();
          expect(to > from).toBe(true);
          const monthsBetween =
            (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 +
            Number(to.slice(5, 7)) -
            Number(from.slice(5, 7));
          expect(monthsBetween).toBe(months);
          expect(Number(to.slice(8, 10))).toBeLessThanOrEqual(Number(from.slice(8, 10)));
        },
      ),
    );
  });
});

describe('newCardExpiry', () => {
  it('runs the type’s card period from today', () => {
    expect(newCardExpiry('2026-12-06', 36)).toBe('2029-12-06');
    expect(newCardExpiry('2027-01-31', 1)).toBe('2027-02-28');
    expect(newCardExpiry('2027-01-31', 13)).toBe('2028-02-29');
    // A patron type with no card period: the card expires today.
    expect(newCardExpiry('2026-07-15', 0)).toBe('2026-07-15');
  });
});

describe('renewedCardExpiry', () => {
  it('starts an expired card’s new period today', () => {
    expect(renewedCardExpiry('2025-06-11', '2026-12-06', 12)).toBe('2027-12-06');
  });

  it('runs a card still valid on from its current expiry, so renewing early never shortens it', () => {
    expect(renewedCardExpiry('2027-01-31', '2026-12-06', 1)).toBe('2027-02-28');
    expect(renewedCardExpiry('2026-12-06', '2026-12-06', 12)).toBe('2027-12-06');
  });
});
