// Barcodes as the library's rules accept them, or INVALID_BARCODE with the rule's plain message.
import {
  checkBarcode,
  type BarcodeKind,
  type BarcodeRules,
} from '../../shared/barcodes/barcodes.ts';
import { CircaError } from '../errors.ts';

/** The cleaned barcode; throws INVALID_BARCODE (400) saying what is wrong with it. */
export function requireValidBarcode(kind: BarcodeKind, raw: string, rules: BarcodeRules): string {
  const check = checkBarcode(kind, raw, rules);
  if (!check.ok) {
    throw new CircaError('INVALID_BARCODE', 400, check.message, {
      kind,
      problem: check.problem,
      barcode: raw,
    });
  }
  return check.barcode;
}
