// Characters that change how text is shown without showing themselves: the bidirectional controls
// that reverse a run ("\u202eKSED-NIAM" shows as MAIN-DESK), zero-width spaces and joiners, and the
// other format characters. No barcode holds one, so wherever a barcode enters it is refused,
// before a report or a receipt could show staff something other than what is stored.
import { z } from 'zod';

/**
 * Unicode's format characters (category Cf: every bidirectional control, zero-width space, joiner
 * and non-joiner, word joiner, byte order mark, soft hyphen, tag characters), the bidirectional
 * controls by their own property, every default-ignorable code point (what renders as nothing:
 * combining grapheme joiner, Hangul fillers, variation selectors…), and the line and paragraph
 * separators. Control characters (Cc) are not here: the barcode rules refuse them at a scan, and a
 * .koc file's are kept as data, a barcode no item has, which processing reports as an exception.
 */
const HIDDEN_CHARACTER = /[\p{Cf}\p{Bidi_Control}\p{Default_Ignorable_Code_Point}\u2028\u2029]/u;

/** The code point as Unicode writes it, e.g. U+202E. */
export function codePointName(character: string): string {
  return `U+${(character.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** The first hidden character in `text` (as U+XXXX), or null when there is none. */
export function findHiddenCharacter(text: string): string | null {
  const found = HIDDEN_CHARACTER.exec(text);
  return found ? codePointName(found[0]) : null;
}

/** Why a barcode holding `codePoint` is refused, and what to do instead. */
export function hiddenCharacterMessage(codePoint: string): string {
  return `holds an invisible or direction-changing character (${codePoint}), which would make it show as something it is not; scan the barcode again, or type only the characters printed under the bars`;
}

/** A Zod check refusing hidden characters, with the message above. */
export function refuseHiddenCharacters(value: string, context: z.RefinementCtx): void {
  const codePoint = findHiddenCharacter(value);
  if (codePoint !== null) {
    context.addIssue({ code: 'custom', message: hiddenCharacterMessage(codePoint) });
  }
}

/** The most characters a barcode may have anywhere in Circa. */
export const MAX_BARCODE_CHARS = 64;

/**
 * A barcode as stored and exchanged (offline transactions, files, the API): not trimmed, at most
 * MAX_BARCODE_CHARS, and free of hidden characters. Whether it fits the library's barcode rules is
 * decided later (checkBarcode), so a .koc file's odd barcodes stay data for the report.
 */
export const BarcodeText = z
  .string()
  .min(1)
  .max(MAX_BARCODE_CHARS)
  .superRefine(refuseHiddenCharacters);
