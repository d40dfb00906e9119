// The patron's name as a hold slip shows it on the shelf: enough for staff to find the item when the
// patron asks, too little for a passer-by to know whose it is.
//
// The rule: the SURNAME's first three letters in capitals, a comma, then the initial of the first
// given name with a full stop, and no more (a second initial would tell a passer-by too much).
// "Ada Reader" → "REA, A."; "Reader, Ada" → "REA, A." (a comma means the surname comes first, as
// many catalogues store names); "Ada Mary Reader" → "REA, A."; "Mary-Jane Smith-Jones" → "SMI, M.";
// one word ("Cher") → "CHE"; a surname shorter than three letters is kept whole ("Wei Li" →
// "LI, W."). Without a comma the last word is the surname. Letters are Unicode letters (accents
// kept: "Zoë Ødegård" → "ØDE, Z."); apostrophes, hyphens and digits are skipped ("O'Brien" →
// "OBR"). The staff app's hold shelf (patronShortName.ts) shows names by this same rule.

const LETTER = /[\p{L}\p{M}]/u;

/** The first `count` letters of a word (combining marks travel with their letter). */
function firstLetters(word: string, count: number): string {
  let taken = '';
  let letters = 0;
  for (const char of word) {
    if (!LETTER.test(char)) continue;
    if (/\p{M}/u.test(char)) {
      if (letters > 0) taken += char;
      continue;
    }
    if (letters === count) break;
    taken += char;
    letters += 1;
  }
  return taken;
}

/** The initial of the first given name that has a letter, e.g. "A." for "Ada Mary". */
function initialOf(givenNames: string): string {
  for (const word of givenNames.split(/\s+/)) {
    const initial = firstLetters(word, 1);
    if (initial !== '') return `${initial.toLocaleUpperCase()}.`;
  }
  return '';
}

export function shortPatronName(name: string): string {
  const normalized = name.normalize('NFC').trim();
  let surname: string;
  let given: string;
  const comma = normalized.indexOf(',');
  if (comma >= 0) {
    surname = normalized.slice(0, comma).trim();
    given = normalized.slice(comma + 1).trim();
  } else {
    const words = normalized.split(/\s+/).filter((word) => word !== '');
    surname = words.at(-1) ?? '';
    given = words.slice(0, -1).join(' ');
  }
  const short = firstLetters(surname, 3).toLocaleUpperCase();
  const initials = initialOf(given);
  if (short === '') return initials;
  return initials === '' ? short : `${short}, ${initials}`;
}
