// The patron's name as a hold slip shows it on the shelf: enough for staff to find the item when the
// patron asks, too little for a passer-by to know whose it is.
//
// The rule: the SURNAME's first three letters in capitals, a comma, then the initial of each given
// name with a full stop. "Ada Reader" → "REA, A."; "Reader, Ada" → "REA, A." (a comma means the
// surname comes first, as many catalogues store names); "Mary-Jane Smith-Jones" → "SMI, M.-J."
// (hyphenated given names keep their hyphen between initials); "Ada Mary Reader" → "REA, A. M.";
// one word ("Cher") → "CHE"; a surname shorter than three letters is kept whole ("Wei Li" →
// "LI, W."). Without a comma the last word is the surname. Letters are Unicode letters (accents
// kept: "Zoë Ødegård" → "ØDE, Z."); apostrophes and other marks are skipped ("O'Brien" → "OBR").

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

function initialsOf(givenNames: string): string {
  return givenNames
    .split(/\s+/)
    .filter((word) => firstLetters(word, 1) !== '')
    .map((word) =>
      word
        .split('-')
        .map((part) => firstLetters(part, 1))
        .filter((initial) => initial !== '')
        .map((initial) => `${initial.toLocaleUpperCase()}.`)
        .join('-'),
    )
    .join(' ');
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
  const initials = initialsOf(given);
  if (short === '') return initials;
  return initials === '' ? short : `${short}, ${initials}`;
}
