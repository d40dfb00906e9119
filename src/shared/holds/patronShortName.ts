// A patron's name as libraries shorten it on the hold shelf: enough for staff to find the item when
// the patron asks, too little for a passer-by to learn who reads what. "Ada Reader" → "REA, A.".

/** Letters of the family name kept on the shelf. */
export const SHORT_FAMILY_NAME_CHARS = 3;

/**
 * The first letters of the family name in capitals, then the first initial: "Ada Reader" and
 * "Reader, Ada" both give "REA, A."; a single name gives its first letters only ("CHE").
 */
export function patronShortName(name: string): string {
  const trimmed = name.trim();
  const comma = trimmed.indexOf(',');
  const [family, given] =
    comma >= 0
      ? [trimmed.slice(0, comma).trim(), trimmed.slice(comma + 1).trim()]
      : splitLastWord(trimmed);
  const short = [...family].slice(0, SHORT_FAMILY_NAME_CHARS).join('').toLocaleUpperCase();
  const initial = [...given][0];
  return initial === undefined ? short : `${short}, ${initial.toLocaleUpperCase()}.`;
}

function splitLastWord(name: string): [family: string, given: string] {
  const words = name.split(/\s+/).filter((word) => word !== '');
  if (words.length <= 1) return [words[0] ?? '', ''];
  return [words[words.length - 1]!, words[0]!];
}
