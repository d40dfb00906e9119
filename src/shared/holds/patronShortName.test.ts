import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { patronShortName } from './patronShortName.ts';

describe('patronShortName', () => {
  it('shortens a name as libraries do on the hold shelf', () => {
    expect(patronShortName('Ada Reader')).toBe('REA, A.');
    expect(patronShortName('Reader, Ada')).toBe('REA, A.');
    expect(patronShortName('  ada   mary  reader ')).toBe('REA, A.');
    expect(patronShortName('Cher')).toBe('CHE');
    expect(patronShortName('Bo Li')).toBe('LI, B.');
    expect(patronShortName('Émile Zola')).toBe('ZOL, É.');
  });

  it('never gives away more than three letters of the family name and one initial', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (name) => {
        const short = patronShortName(name);
        const [family = '', initial = ''] = short.split(', ');
        expect([...family].length).toBeLessThanOrEqual(3);
        expect([...initial].length).toBeLessThanOrEqual(2);
      }),
    );
  });
});
