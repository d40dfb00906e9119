// Importing a library's patrons and items: the kinds of file, an import's state, its preview and the
// refusals it lists. One contract for the API, the web app's Import screen and the command line.
import { z } from 'zod';

/** What a file holds and how it is written. */
export const ImportKind = z.enum(['patrons-csv', 'items-csv', 'items-marc', 'items-marcxml']);
export type ImportKind = z.infer<typeof ImportKind>;

/**
 * previewing: the file is being read and compared with the database; previewed: the preview is
 * ready to confirm or cancel; applying: confirmed, being stored; applied: stored; failed: the file
 * could not be read (see `message`), or storing it failed and nothing was stored; cancelled.
 */
export const ImportStatus = z.enum([
  'previewing',
  'previewed',
  'applying',
  'applied',
  'failed',
  'cancelled',
]);
export type ImportStatus = z.infer<typeof ImportStatus>;

/** Where a MARC record's holdings are: the tag and subfield of the barcode (Koha: 952$p). */
export const MarcBarcodeTag = z
  .string()
  .trim()
  .regex(/^[0-9]{3}$/, 'A MARC tag is three digits, e.g. 952, 949 or 852.')
  .refine((tag) => Number(tag) >= 10, 'The barcode is in a data field: a tag from 010 to 999.');
export const MarcSubfieldCode = z
  .string()
  .trim()
  .regex(/^[a-z0-9]$/, 'A subfield code is one lower-case letter or digit, e.g. p.');

/** POST /api/imports?kind=…: the file itself is the request body (application/octet-stream). */
export const StartImportQuery = z.object({
  kind: ImportKind,
  fileName: z.string().trim().min(1).max(255).optional(),
  barcodeTag: MarcBarcodeTag.optional(),
  barcodeSubfield: MarcSubfieldCode.optional(),
});
export type StartImportQuery = z.infer<typeof StartImportQuery>;

export const ImportCounts = z.object({
  /** Rows (CSV) or holdings (MARC) read so far. */
  read: z.number().int(),
  create: z.number().int(),
  update: z.number().int(),
  unchanged: z.number().int(),
  refused: z.number().int(),
});
export type ImportCounts = z.infer<typeof ImportCounts>;

export const Import = z.object({
  id: z.number().int(),
  kind: ImportKind,
  fileName: z.string().nullable(),
  fileBytes: z.number().int(),
  status: ImportStatus,
  /** 'line' for CSV files, 'record' for MARC: what a refusal's number counts. */
  position: z.enum(['line', 'record']),
  counts: ImportCounts,
  /** How far the preview has read, in bytes of the file. */
  bytesRead: z.number().int(),
  /** While applying: rows stored so far (visible to this server only until the commit). */
  rowsApplied: z.number().int(),
  /** Why it failed, in plain words, when status is failed. */
  message: z.string().nullable(),
  startedBy: z.string(),
  /** Epoch ms. */
  startedAt: z.number().int(),
  finishedAt: z.number().int().nullable(),
});
export type Import = z.infer<typeof Import>;

/** A row or record the import will not store: where it is, which field, and why. */
export const ImportRefusal = z.object({
  /** The line of the CSV file (the header is line 1), or the number of the MARC record (from 1). */
  line: z.number().int(),
  field: z.string(),
  reason: z.string(),
});
export type ImportRefusal = z.infer<typeof ImportRefusal>;

export const IMPORT_REFUSALS_PAGE_SIZE = 100;

export const ImportRefusalsQuery = z.object({
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(IMPORT_REFUSALS_PAGE_SIZE),
});

export const ImportPreview = z.object({
  import: Import,
  refusals: z.array(ImportRefusal),
  /** The refusals' total; page through them with offset and limit. */
  refusalCount: z.number().int(),
});
export type ImportPreview = z.infer<typeof ImportPreview>;

export const ImportParams = z.object({
  id: z.coerce
    .number({ error: 'The import’s id must be a whole number.' })
    .int('The import’s id must be a whole number.')
    .min(1, 'The import’s id must be a whole number.'),
});
