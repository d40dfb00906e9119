import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { containsPattern, ftsPhrase, searchWords } from './searchWords.ts';

describe('searchWords', () => {
  it('splits, lower-cases and removes repeated words', () => {
    expect(searchWords('  Smith   JO smith ')).toEqual({
      ok: true,
      words: ['smith', 'jo'],
      indexed: ['smith'],
    });
  });

  it('asks for a word of at least 3 characters', () => {
    const refused = searchWords('li na');
    expect(refused.ok).toBe(false);
    expect(refused.ok ? '' : refused.message).toMatch(/at least 3 letters/);
    expect(searchWords('Ngo').ok).toBe(true);
  });

  it('counts characters, not UTF-16 units', () => {
    expect(searchWords('𝔸𝔹').ok).toBe(false);
  });

  it('refuses more than 8 words', () => {
    expect(searchWords('a b c d e f g h ijk').ok).toBe(false);
  });
});

describe('containsPattern and ftsPhrase', () => {
  it('takes LIKE wildcards and quotes literally', () => {
    expect(containsPattern('50%_a\\b')).toBe('%50\\%\\_a\\\\b%');
    expect(ftsPhrase('o"neil')).toBe('"o""neil"');
  });

  it('never leaves an unescaped wildcard inside the pattern', () => {
    fc.assert(
      fc.property(fc.string(), (word) => {
        const inner = containsPattern(word).slice(1, -1);
        expect(inner.replace(/\\[\\%_]/g, '')).not.toMatch(/[%_\\]/);
      }),
    );
  });
});
