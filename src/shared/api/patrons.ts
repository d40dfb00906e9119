// Registering, editing, blocking and finding patrons (POST/PATCH /api/patrons, GET /api/patrons?q=).
import { z } from 'zod';
import {
  BlockReason,
  CardExpiry,
  PatronAddress,
  PatronEmail,
  PatronName,
  PatronPhone,
  RecordCode,
} from '../records/fields.ts';
import { BarcodeInput, Patron } from './circulation.ts';

/** A patron as the patron page shows them: the desk's Patron with their contact details. */
export const PatronRecord = Patron.extend({
  email: z.string().nullable(),
  phone: z.string().nullable(),
  address: z.string().nullable(),
});
export type PatronRecord = z.infer<typeof PatronRecord>;

export const PatronRecordAnswer = z.object({ patron: PatronRecord });
export type PatronRecordAnswer = z.infer<typeof PatronRecordAnswer>;

/** POST /api/patrons: a new patron with the card just scanned. */
export const NewPatron = z.object({
  barcode: BarcodeInput,
  name: PatronName,
  /** The patron type's code, e.g. ADULT. */
  patronType: RecordCode,
  /** The home branch's code. */
  homeBranch: RecordCode,
  /** When absent: today at the home branch plus the patron type's card period. */
  expiresOn: CardExpiry.optional(),
  email: PatronEmail.optional(),
  phone: PatronPhone.optional(),
  address: PatronAddress.optional(),
});
export type NewPatron = z.input<typeof NewPatron>;

/** PATCH /api/patrons/:id: only the fields sent change. The barcode is the card: it stays. */
export const PatronChanges = z
  .object({
    name: PatronName,
    patronType: RecordCode,
    homeBranch: RecordCode,
    expiresOn: CardExpiry,
    email: PatronEmail,
    phone: PatronPhone,
    address: PatronAddress,
  })
  .partial()
  .strict();
export type PatronChanges = z.input<typeof PatronChanges>;

export const BlockPatron = z.object({
  reason: BlockReason.pipe(
    z.string().min(1, 'Say why the patron is blocked, e.g. "Unpaid replacement charge".'),
  ),
});
export type BlockPatron = z.infer<typeof BlockPatron>;

export const RecordIdParams = z.object({
  id: z.coerce
    .number({ error: 'The id must be a whole number.' })
    .int('The id must be a whole number.')
    .min(1, 'The id must be a whole number.'),
});

/** Results per page of a patron or item search. */
export const SEARCH_PAGE_SIZE = 25;

export const SearchQuery = z.object({
  q: z
    .string()
    .trim()
    .min(1, 'Scan a barcode or type at least 3 letters of a name or title.')
    .max(200, 'A search has at most 200 characters.'),
  page: z.coerce
    .number({ error: 'page must be a whole number, from 1.' })
    .int('page must be a whole number, from 1.')
    .min(1, 'page must be a whole number, from 1.')
    .max(1000, 'Narrow the search: type more of the name instead of paging past page 1000.')
    .default(1),
});
export type SearchQuery = z.input<typeof SearchQuery>;

export const PatronSearchResults = z.object({
  /** 'barcode' when q was a card barcode (at most one patron), else 'words'. */
  matchedBy: z.enum(['barcode', 'words']),
  page: z.number().int(),
  hasMore: z.boolean(),
  patrons: z.array(Patron),
});
export type PatronSearchResults = z.infer<typeof PatronSearchResults>;

/** What the registration and item forms offer: patron types, material types and branches. */
export const RecordChoices = z.object({
  patronTypes: z.array(z.object({ code: z.string(), name: z.string(), cardMonths: z.number() })),
  materialTypes: z.array(z.object({ code: z.string(), name: z.string() })),
  branches: z.array(z.object({ code: z.string(), name: z.string(), timeZone: z.string() })),
});
export type RecordChoices = z.infer<typeof RecordChoices>;
