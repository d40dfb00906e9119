import { describe, expect, it } from 'vitest';
import { PatronEmail, PatronName, PatronPhone, RecordCode } from './fields.ts';

describe('record fields', () => {
  it('trims a name and refuses an empty one', () => {
    expect(PatronName.parse('  Ada Lovelace ')).toBe('Ada Lovelace');
    expect(PatronName.safeParse('   ').error?.issues[0]?.message).toMatch(/Type the patron/);
  });

  it('stores an empty email or phone as none and refuses a malformed one', () => {
    expect(PatronEmail.parse('')).toBeNull();
    expect(PatronEmail.parse('ada@example.org')).toBe('ada@example.org');
    expect(PatronEmail.safeParse('ada@').success).toBe(false);
    expect(PatronPhone.parse(' ')).toBeNull();
    expect(PatronPhone.parse('+44 (0)20 7946 0958')).toBe('+44 (0)20 7946 0958');
    expect(PatronPhone.safeParse('call me').success).toBe(false);
  });

  it('refuses hidden characters', () => {
    expect(PatronName.safeParse('Ada\u200bLovelace').success).toBe(false);
  });

  it('accepts short codes without spaces', () => {
    expect(RecordCode.parse(' MAIN ')).toBe('MAIN');
    expect(RecordCode.safeParse('MAIN BRANCH').success).toBe(false);
  });
});
