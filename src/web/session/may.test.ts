import { describe, expect, it } from 'vitest';
import { StaffAction } from '../../shared/api/actions.ts';
import { may } from './may.ts';

describe('may', () => {
  it('grants exactly the actions the session lists', () => {
    const session = { actions: ['loan.checkOut', 'loan.checkIn'] satisfies StaffAction[] };
    expect(may(session, 'loan.checkOut')).toBe(true);
    expect(may(session, 'loan.checkIn')).toBe(true);
    expect(may(session, 'loan.override')).toBe(false);
    expect(StaffAction.options.filter((action) => may(session, action))).toEqual([
      'loan.checkOut',
      'loan.checkIn',
    ]);
  });

  it('grants nothing to a session that lists nothing', () => {
    expect(StaffAction.options.filter((action) => may({ actions: [] }, action))).toEqual([]);
  });
});
