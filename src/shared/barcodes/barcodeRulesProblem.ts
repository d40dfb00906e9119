// Whether a set of barcode rules can work at a desk: each rule must be possible to meet by some
// barcode a scanner can send.
import type { BarcodeRule, BarcodeRules } from './barcodes.ts';

const KIND_NAME = { patron: 'patron', item: 'item' } as const;

function ruleProblem(kind: keyof BarcodeRules, rule: BarcodeRule): string | null {
  const what = KIND_NAME[kind];
  if (!/^[\x21-\x7e]*$/.test(rule.prefix)) {
    return `The ${what} prefix has spaces or characters a barcode cannot hold: use only characters printed under the bars.`;
  }
  if (rule.length !== null && rule.prefix.length >= rule.length) {
    return `The ${what} prefix (${rule.prefix.length} characters) leaves no room in a ${rule.length}-character barcode: make the prefix shorter or the length longer.`;
  }
  if (rule.checkDigit === 'mod10') {
    if (!/^\d*$/.test(rule.prefix)) {
      return `A ${what} barcode with a mod-10 check digit is made of digits only, so its prefix must be digits too.`;
    }
    if (rule.length !== null && rule.length < 2) {
      return `A ${what} barcode with a mod-10 check digit has at least 2 digits.`;
    }
  }
  return null;
}

/**
 * Why these rules cannot be used, in words for the administrator; null when they can. Rules that
 * accept the same barcodes for cards and items are allowed (many libraries' barcodes look alike):
 * Check Out then reads every scan into Item barcode as an item, never as the next patron’s card.
 */
export function barcodeRulesProblem(rules: BarcodeRules): string | null {
  return ruleProblem('patron', rules.patron) ?? ruleProblem('item', rules.item);
}
