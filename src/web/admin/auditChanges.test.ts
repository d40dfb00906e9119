import { describe, expect, it } from 'vitest';
import { auditChanges } from './auditChanges.ts';

describe('auditChanges', () => {
  it('lists only the fields that changed', () => {
    expect(
      auditChanges(
        { id: 3, code: 'MAIN', name: 'Main', closedWeekdays: [0] },
        { id: 3, code: 'MAIN', name: 'Main Library', closedWeekdays: [0, 6] },
      ),
    ).toEqual([
      { field: 'name', before: 'Main', after: 'Main Library' },
      { field: 'closedWeekdays', before: '0', after: '0, 6' },
    ]);
  });

  it('shows every field of a created or removed record on one side', () => {
    expect(auditChanges(null, { id: 1, code: 'DVD', name: 'DVDs' })).toEqual([
      { field: 'code', before: null, after: 'DVD' },
      { field: 'name', before: null, after: 'DVDs' },
    ]);
    expect(auditChanges({ loanDays: 7 }, null)).toEqual([
      { field: 'loanDays', before: '7', after: null },
    ]);
  });

  it('names nested records by their code', () => {
    expect(
      auditChanges({ branch: { id: 1, code: 'MAIN' } }, { branch: { id: 2, code: 'EAST' } }),
    ).toEqual([{ field: 'branch', before: 'MAIN', after: 'EAST' }]);
  });

  it('finds nothing changed when both sides are the same (a password set)', () => {
    const user = { id: 4, username: 'jo', role: 'circulation' };
    expect(auditChanges(user, user)).toEqual([]);
  });
});
