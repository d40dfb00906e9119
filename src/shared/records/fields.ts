// The fields of a patron and an item as staff type them and import files carry them: one set of
// limits and messages for the registration form, the item form, the API and the CSV and MARC
// importers, so a record an importer accepts is one the desk could have typed.
import { z } from 'zod';
import { refuseHiddenCharacters } from '../barcodes/hiddenCharacters.ts';
import { RealCalendarDate } from '../api/library.ts';

/** Trimmed text with no hidden characters, at most `max` characters. */
function text(label: string, max: number) {
  return z
    .string()
    .trim()
    .max(max, `${label} has at most ${max} characters.`)
    .superRefine(refuseHiddenCharacters);
}

/** Optional text: an empty string means "none" and is stored as null. */
function optionalText(label: string, max: number) {
  return text(label, max).transform((value) => (value === '' ? null : value));
}

export const PatronName = text('A name', 200).pipe(z.string().min(1, 'Type the patron’s name.'));
export const PatronEmail = optionalText('An email address', 254).pipe(
  z.email('This is not an email address: check it, or leave it empty.').nullable(),
);
export const PatronPhone = optionalText('A phone number', 40).refine(
  (value) => value === null || /^[+0-9][0-9 ()./-]*$/.test(value),
  'A phone number has digits, spaces and + ( ) . / - only.',
);
export const PatronAddress = optionalText('An address', 500);
export const CardExpiry = RealCalendarDate;
/** Why a patron may not borrow, as the desk's Block form and an import's blocked_reason give it. */
export const BlockReason = text('A block reason', 200);

export const ItemTitle = text('A title', 500).pipe(z.string().min(1, 'Type the item’s title.'));
export const ItemAuthor = text('An author', 300);
export const ItemCallNumber = text('A call number', 100);

/** A code staff give a branch, patron type or material type: short, no spaces. */
export const RecordCode = z
  .string()
  .trim()
  .min(1, 'Type a code.')
  .max(20, 'A code has at most 20 characters.')
  .regex(/^[A-Za-z0-9_-]+$/, 'A code has letters, digits, - and _ only, no spaces.');
