// The staff app's name for the hold shelf's short name. One rule for the shelf list and the slips
// the server prints: it lives in shortPatronName.ts (see the rule there). "Ada Reader" → "REA, A.".

/** Letters of the family name kept on the shelf. */
export const SHORT_FAMILY_NAME_CHARS = 3;

export { shortPatronName as patronShortName } from './shortPatronName.ts';
