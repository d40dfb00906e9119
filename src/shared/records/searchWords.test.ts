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

  it('drops a word found inside another, which asks nothing more of a name', () => {
    expect(searchWords('mart mar')).toEqual({ ok: true, words: ['mart'], indexed: ['mart'] });
    expect(searchWords('jo johnson smith')).toEqual({
      ok: true,
      words: ['johnson', 'smith'],
      indexed: ['johnson', 'smith'],
    });
  });

  it('matches what the full list of words would match', () => {
    fc.assert(
      fc.property(
        fc.array(fc.stringMatching(/^[a-c]{1,4}$/), { minLength: 1, maxLength: 5 }),
        fc.stringMatching(/^[a-c ]{0,20}$/),
        (typed, name) => {
          const result = searchWords(typed.join(' '));
          if (!result.ok) return;
          const matchesAll = (words: string[]) => words.every((w) => name.includes(w));
          expect(matchesAll(result.words)).toBe(matchesAll(typed));
        },
      ),
    );
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
