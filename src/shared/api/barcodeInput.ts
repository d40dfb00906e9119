// A barcode as the API takes it, in a module of its own so that every contract can use it
// (holds.ts cannot import circulation.ts, which imports holds.ts).
import { z } from 'zod';
import { MAX_BARCODE_CHARS, refuseHiddenCharacters } from '../barcodes/hiddenCharacters.ts';

/** A barcode as typed or scanned; the barcode rules decide whether it is valid. */
export const BarcodeInput = z
  .string()
  .trim()
  .min(1, 'Scan or type a barcode.')
  .max(MAX_BARCODE_CHARS, `A barcode has at most ${MAX_BARCODE_CHARS} characters.`)
  .superRefine(refuseHiddenCharacters);
