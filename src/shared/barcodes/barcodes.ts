// Per-library rules for patron and item barcodes, and the plain message a desk sees when a scan breaks
// them. Shared by the server and the offline client, so a barcode refused offline is refused online.
import { z } from 'zod';

export const BarcodeRule = z.object({
  /** Total length including any check digit; null = any length. */
  length: z.number().int().min(1).max(64).nullable(),
  /** What every barcode of this kind starts with ('' = anything). */
  prefix: z.string().max(16),
  /** 'mod10': the last digit is the library mod-10 (Luhn) check digit of the digits before it. */
  checkDigit: z.enum(['mod10', 'none']),
});
export type BarcodeRule = z.infer<typeof BarcodeRule>;

export const BarcodeRules = z.object({ patron: BarcodeRule, item: BarcodeRule });
export type BarcodeRules = z.infer<typeof BarcodeRules>;

export type BarcodeKind = 'patron' | 'item';

export type BarcodeProblem =
  | 'EMPTY'
  | 'INVALID_CHARACTERS'
  | 'WRONG_LENGTH'
  | 'WRONG_PREFIX'
  | 'CHECK_DIGIT_MISMATCH'
  | 'LOOKS_LIKE_ITEM'
  | 'LOOKS_LIKE_PATRON';

export type BarcodeCheck =
  { ok: true; barcode: string } | { ok: false; problem: BarcodeProblem; message: string };

/** The demo library: 14-digit Codabar library barcodes, patrons from 2, items from 3. */
export const DEMO_BARCODE_RULES: BarcodeRules = {
  patron: { length: 14, prefix: '2', checkDigit: 'mod10' },
  item: { length: 14, prefix: '3', checkDigit: 'mod10' },
};

const DIGITS = /^\d+$/;
/** Printable ASCII without the space: what scanners send and what people can read back. */
const PRINTABLE_ASCII = /^[\x21-\x7e]+$/;

/**
 * The check digit of the common library "mod 10" scheme on 14-digit Codabar barcodes (Ameritech,
 * Dynix and others): counting from the left of the 13-digit body, digits in odd positions are
 * doubled (subtracting 9 when the product is 10 or more) and digits in even positions added as they
 * are; the check digit brings the total to a multiple of 10. E.g. 3319100010586 → 4.
 * Doubling the odd positions of a 13-digit body is Luhn's rule (double every other digit starting
 * from the rightmost), which is how other body lengths are handled. Catches every single-digit error.
 */
export function mod10CheckDigit(body: string): string {
  if (!DIGITS.test(body)) {
    throw new RangeError(`A mod-10 check digit needs a body of digits only, not "${body}".`);
  }
  let total = 0;
  for (let fromRight = 0; fromRight < body.length; fromRight += 1) {
    const digit = Number(body[body.length - 1 - fromRight]);
    if (fromRight % 2 === 0) {
      const doubled = digit * 2;
      total += doubled >= 10 ? doubled - 9 : doubled;
    } else {
      total += digit;
    }
  }
  return String((10 - (total % 10)) % 10);
}

/** The body followed by its mod-10 check digit. */
export function withCheckDigit(body: string): string {
  return body + mod10CheckDigit(body);
}

/** Each kind as a message opens with it, article included ("An item barcode …"). */
const KIND_OPENING: Record<BarcodeKind, string> = { patron: 'A patron', item: 'An item' };

type RuleProblem = Exclude<BarcodeProblem, 'EMPTY' | 'LOOKS_LIKE_ITEM' | 'LOOKS_LIKE_PATRON'>;

/** The first way `barcode` breaks `rule` and the plain message for it, or null when it passes. */
function ruleProblem(
  kind: BarcodeKind,
  barcode: string,
  rule: BarcodeRule,
): { problem: RuleProblem; message: string } | null {
  const opening = KIND_OPENING[kind];
  if (rule.length !== null && barcode.length !== rule.length) {
    return {
      problem: 'WRONG_LENGTH',
      message: `${opening} barcode has ${rule.length} characters, but this one has ${barcode.length}: check the barcode or scan it again.`,
    };
  }
  if (!barcode.startsWith(rule.prefix)) {
    return {
      problem: 'WRONG_PREFIX',
      message: `${opening} barcode starts with ${rule.prefix}, but this one starts with ${barcode.slice(0, rule.prefix.length)}: check that it belongs to this library, or scan it again.`,
    };
  }
  if (rule.checkDigit === 'mod10') {
    if (!DIGITS.test(barcode) || barcode.length < 2) {
      return {
        problem: 'INVALID_CHARACTERS',
        message: `${opening} barcode here is made of digits only, ending in a check digit: check the barcode or scan it again.`,
      };
    }
    if (mod10CheckDigit(barcode.slice(0, -1)) !== barcode.slice(-1)) {
      return {
        problem: 'CHECK_DIGIT_MISMATCH',
        message: 'The check digit does not match: check the barcode or scan it again.',
      };
    }
  }
  return null;
}

/** Checks a scanned or typed barcode against the library's rule for its kind; trims it first. */
export function checkBarcode(kind: BarcodeKind, raw: string, rules: BarcodeRules): BarcodeCheck {
  const barcode = raw.trim();
  if (barcode === '') {
    return {
      ok: false,
      problem: 'EMPTY',
      message:
        kind === 'patron'
          ? "Scan the patron's library card, or type its barcode."
          : "Scan the item's barcode, or type it.",
    };
  }
  if (!PRINTABLE_ASCII.test(barcode)) {
    return {
      ok: false,
      problem: 'INVALID_CHARACTERS',
      message:
        'The barcode contains spaces, control characters or characters a barcode cannot hold: scan it again, or type only the characters printed under the bars.',
    };
  }
  const own = ruleProblem(kind, barcode, rules[kind]);
  if (own === null) return { ok: true, barcode };
  // A valid barcode of the other kind in this field is a scan into the wrong field, not a bad scan.
  const otherKind: BarcodeKind = kind === 'patron' ? 'item' : 'patron';
  if (ruleProblem(otherKind, barcode, rules[otherKind]) === null) {
    return kind === 'patron'
      ? {
          ok: false,
          problem: 'LOOKS_LIKE_ITEM',
          message: "This looks like an item barcode. Scan the patron's library card here.",
        }
      : {
          ok: false,
          problem: 'LOOKS_LIKE_PATRON',
          message: "This looks like a patron barcode. Scan the item's barcode here.",
        };
  }
  return { ok: false, ...own };
}
