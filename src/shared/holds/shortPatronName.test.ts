import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { shortPatronName } from './shortPatronName.ts';

describe('shortPatronName', () => {
  it.each([
    ['Ada Reader', 'REA, A.'],
    ['Reader, Ada', 'REA, A.'],
    ['  Reader ,  Ada  ', 'REA, A.'],
    ['Ada Mary Reader', 'REA, A.'],
    ['Reader, Ada Mary', 'REA, A.'],
    ['Mary-Jane Smith-Jones', 'SMI, M.'],
    ['Cher', 'CHE'],
    ['Wei Li', 'LI, W.'],
    ["Seán O'Brien", 'OBR, S.'],
    ['Zoë Ødegård', 'ØDE, Z.'],
    ['Ólafur Þórsson', 'ÞÓR, Ó.'],
    ['ada reader', 'REA, A.'],
    ['', ''],
  ])('%s → %s', (name, short) => {
    expect(shortPatronName(name)).toBe(short);
  });

  it('keeps a combining accent with its letter (decomposed input)', () => {
    expect(shortPatronName('Ade\u0301le Zoe\u0308ller')).toBe('ZOË, A.');
  });

  it('never shows more than three letters of the surname, in capitals', () => {
    fc.assert(
      fc.property(
        fc.array(fc.stringMatching(/^[A-Za-z]{1,12}$/), { minLength: 1, maxLength: 4 }),
        (words) => {
          const short = shortPatronName(words.join(' '));
          const surname = short.split(',')[0] ?? '';
          expect(surname.length).toBeLessThanOrEqual(3);
          expect(surname).toBe(surname.toUpperCase());
          expect(words.at(-1)?.toUpperCase().startsWith(surname)).toBe(true);
        },
      ),
    );
  });
});
