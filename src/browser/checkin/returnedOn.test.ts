import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../shared/calendar/dueDates.ts';
import { checkReturnedOn, MAX_RETURNED_ON_DAYS_BACK } from './returnedOn.ts';

const TODAY = '2026-12-02';

describe('checkReturnedOn', () => {
  it('takes an empty field, or today, as no backdate', () => {
    expect(checkReturnedOn('', TODAY)).toEqual({ ok: true, returnedOn: undefined });
    expect(checkReturnedOn(TODAY, TODAY)).toEqual({ ok: true, returnedOn: undefined });
  });

  it('takes a day before today, up to a year back', () => {
    expect(checkReturnedOn('2026-11-28', TODAY)).toEqual({ ok: true, returnedOn: '2026-11-28' });
    const earliest = addDays(TODAY, -MAX_RETURNED_ON_DAYS_BACK);
    expect(checkReturnedOn(earliest, TODAY)).toEqual({ ok: true, returnedOn: earliest });
  });

  it('refuses a day after today, in the one date format', () => {
    const check = checkReturnedOn('2026-12-03', TODAY);
    expect(check).toEqual({
      ok: false,
      message: expect.stringContaining('Thu 3 Dec 2026 is after today (Wed 2 Dec 2026)'),
    });
  });

  it('refuses a day more than a year back, naming the earliest day allowed', () => {
    const check = checkReturnedOn(addDays(TODAY, -MAX_RETURNED_ON_DAYS_BACK - 1), TODAY);
    expect(check).toEqual({
      ok: false,
      message: expect.stringMatching(/more than a year ago: choose a day from Tue 2 Dec 2025/),
    });
  });

  it('refuses what is not a date', () => {
    expect(checkReturnedOn('2026-02-30', TODAY)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/is not a date/),
    });
  });

  it('accepts exactly the days from a year back to today', () => {
    fc.assert(
      fc.property(fc.integer({ min: -800, max: 800 }), (offset) => {
        const check = checkReturnedOn(addDays(TODAY, offset), TODAY);
        expect(check.ok).toBe(offset <= 0 && offset >= -MAX_RETURNED_ON_DAYS_BACK);
      }),
    );
  });
});
