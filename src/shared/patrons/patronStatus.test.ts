import { describe, expect, it } from 'vitest';
import { type PatronStanding, patronStatus } from './patronStatus.ts';

function buildPatron(overrides: Partial<PatronStanding> = {}): PatronStanding {
  return { expiresOn: '2026-12-31', blockReason: null, ...overrides };
}

describe('patronStatus', () => {
  it('keeps a card good through its expiry date, inclusive', () => {
    expect(patronStatus(buildPatron(), '2026-06-01')).toBe('good');
    expect(patronStatus(buildPatron(), '2026-12-31')).toBe('good');
    expect(patronStatus(buildPatron(), '2027-01-01')).toBe('expired');
  });

  it('compares whole dates across month and year boundaries', () => {
    expect(patronStatus(buildPatron({ expiresOn: '2026-09-30' }), '2026-10-01')).toBe('expired');
    expect(patronStatus(buildPatron({ expiresOn: '2027-01-01' }), '2026-12-31')).toBe('good');
  });

  it('puts a block before everything, expired or not', () => {
    expect(patronStatus(buildPatron({ blockReason: 'Unpaid fees' }), '2026-06-01')).toBe('blocked');
    expect(patronStatus(buildPatron({ blockReason: 'Lost card' }), '2027-06-01')).toBe('blocked');
  });

  it('ignores a blank block reason', () => {
    expect(patronStatus(buildPatron({ blockReason: '  ' }), '2026-06-01')).toBe('good');
  });
});
