// How staff search for a patron by name or an item by title or author: every word typed must
// appear somewhere in the name (or the title or author), in any order, any case: "smi jo" finds
// "Jo Smith" and "Johnson, Smita". At least one word must have 3 characters, the shortest part the
// search indexes can look up (trigrams); shorter words only narrow what that word found.

/** The fewest characters the longest word of a search must have. */
export const MIN_SEARCH_WORD_CHARS = 3;
/** More words than this add nothing at a desk and only slow the search. */
export const MAX_SEARCH_WORDS = 8;

export type SearchWords =
  { ok: true; words: string[]; indexed: string[] } | { ok: false; message: string };

/**
 * The words of a search, lower-cased; `indexed` are those long enough for the index. A word inside
 * another ("mar" in "mart") asks nothing more of a name, so it is dropped: one condition less for
 * the database, and the common short piece is often the costliest one.
 */
export function searchWords(query: string): SearchWords {
  const typed = [...new Set(query.toLowerCase().split(/\s+/))].filter((word) => word !== '');
  const words = typed.filter(
    (word) => !typed.some((other) => other !== word && other.includes(word)),
  );
  if (typed.length > MAX_SEARCH_WORDS) {
    return {
      ok: false,
      message: `Type at most ${MAX_SEARCH_WORDS} words: a name or a title needs fewer.`,
    };
  }
  const indexed = words.filter((w) => [...w].length >= MIN_SEARCH_WORD_CHARS);
  if (indexed.length === 0) {
    return {
      ok: false,
      message: `Type at least ${MIN_SEARCH_WORD_CHARS} letters of one word of the name or title, or scan a barcode.`,
    };
  }
  return { ok: true, words, indexed };
}

/** A LIKE pattern matching `word` anywhere, with % _ and \ taken literally (ESCAPE '\'). */
export function containsPattern(word: string): string {
  return `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** An FTS5 phrase: the word in double quotes, so no character of it is query syntax. */
export function ftsPhrase(word: string): string {
  return `"${word.replaceAll('"', '""')}"`;
}
