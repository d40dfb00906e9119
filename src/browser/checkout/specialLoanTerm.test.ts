import { describe, expect, it } from 'vitest';
import { describeTerm, parseTermDraft, termToDraft } from './specialLoanTerm.ts';

describe('parseTermDraft', () => {
  it('reads a date from today on, or a whole number of days', () => {
    expect(parseTermDraft({ mode: 'date', date: '2026-12-02', days: '' }, '2026-12-02')).toEqual({
      ok: true,
      term: { kind: 'date', date: '2026-12-02' },
    });
    expect(parseTermDraft({ mode: 'days', date: '', days: '14' }, '2026-12-02')).toEqual({
      ok: true,
      term: { kind: 'days', days: 14 },
    });
  });

  it('says what to fix for a missing or past date and for bad day counts', () => {
    const today = '2026-12-02';
    expect(parseTermDraft({ mode: 'date', date: '', days: '' }, today)).toMatchObject({
      ok: false,
      message: 'Choose the due date.',
    });
    expect(parseTermDraft({ mode: 'date', date: '2026-12-01', days: '' }, today)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/before today/),
    });
    for (const days of ['', '2.5', '-1', '4000', 'ten']) {
      expect(parseTermDraft({ mode: 'days', date: '', days }, today).ok).toBe(false);
    }
  });

  it('round-trips a term through the form', () => {
    expect(termToDraft({ kind: 'days', days: 7 })).toEqual({ mode: 'days', date: '', days: '7' });
    expect(describeTerm({ kind: 'days', days: 7 })).toBe('7 loan days');
    expect(describeTerm({ kind: 'date', date: '2027-01-04' })).toBe('due on Mon 4 Jan 2027');
  });
});
