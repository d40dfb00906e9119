// A patron CSV row → the patron it describes, checked with the same field rules as the registration
// form; then, beside the patron already stored under that barcode (if any), what the import changes.
// A column the file does not have keeps what is stored; an empty expires_on keeps the stored expiry,
// or gives a new patron the patron type's card period.
import type { BarcodeRules } from '../barcodes/barcodes.ts';
import {
  BlockReason,
  CardExpiry,
  PatronAddress,
  PatronEmail,
  PatronName,
  PatronPhone,
} from '../records/fields.ts';
import { newCardExpiry } from '../patrons/cardExpiry.ts';
import { RowChecker, type CodeTable, type ImportRow, type Mapped } from './rowFields.ts';

/** The desk's block reason; an empty one in a file means not blocked. */
const BlockedReasonColumn = BlockReason.transform((value) => (value === '' ? null : value));

export interface PatronImportContext {
  rules: BarcodeRules;
  patronTypes: CodeTable<{ id: number; cardMonths: number }>;
  branches: CodeTable<{ id: number }>;
  /** 'YYYY-MM-DD' at the library: new cards run from today. */
  today: string;
}

/** A patron as stored (the columns an import writes). */
export interface PatronRecord {
  barcode: string;
  name: string;
  patron_type_id: number;
  home_branch_id: number;
  expires_on: string;
  block_reason: string | null;
  email: string | null;
  phone: string | null;
  address: string | null;
}

/** What a row says; undefined: the row leaves that field as it is (or at its default). */
export interface PatronCandidate {
  barcode: string;
  name: string;
  patron_type_id: number;
  home_branch_id: number;
  /** Card months of the row's patron type, for a new patron with no expires_on. */
  cardMonths: number;
  expires_on: string | undefined;
  block_reason: string | null | undefined;
  email: string | null | undefined;
  phone: string | null | undefined;
  address: string | null | undefined;
}

export function mapPatronRow(row: ImportRow, ctx: PatronImportContext): Mapped<PatronCandidate> {
  const check = new RowChecker();
  const barcode = check.barcode('barcode', 'patron', row.barcode, ctx.rules);
  const name = check.parse('name', PatronName, row.name ?? '');
  const patronType = check.code('patron_type', ctx.patronTypes, row.patron_type);
  const branch = check.code('home_branch', ctx.branches, row.home_branch);
  const expiresRaw = (row.expires_on ?? '').trim();
  const expires_on =
    expiresRaw === '' ? undefined : check.parse('expires_on', CardExpiry, expiresRaw);
  const email = row.email === undefined ? undefined : check.parse('email', PatronEmail, row.email);
  const phone = row.phone === undefined ? undefined : check.parse('phone', PatronPhone, row.phone);
  const address =
    row.address === undefined ? undefined : check.parse('address', PatronAddress, row.address);
  const block_reason =
    row.blocked_reason === undefined
      ? undefined
      : check.parse('blocked_reason', BlockedReasonColumn, row.blocked_reason);
  if (
    check.refusals.length > 0 ||
    barcode === undefined ||
    name === undefined ||
    !patronType ||
    !branch
  ) {
    return { ok: false, refusals: check.refusals };
  }
  return {
    ok: true,
    value: {
      barcode,
      name,
      patron_type_id: patronType.id,
      home_branch_id: branch.id,
      cardMonths: patronType.cardMonths,
      expires_on,
      block_reason,
      email,
      phone,
      address,
    },
  };
}

/** The patron to store: the row's fields over the stored patron's (or the defaults for a new one). */
export function resolvePatron(
  candidate: PatronCandidate,
  stored: PatronRecord | null,
  today: string,
  /** The desk's rule for a new card's expiry (a cached one, when many rows share it). */
  newCard: (today: string, cardMonths: number) => string = newCardExpiry,
): PatronRecord {
  return {
    barcode: candidate.barcode,
    name: candidate.name,
    patron_type_id: candidate.patron_type_id,
    home_branch_id: candidate.home_branch_id,
    expires_on: candidate.expires_on ?? stored?.expires_on ?? newCard(today, candidate.cardMonths),
    block_reason: pick(candidate.block_reason, stored?.block_reason),
    email: pick(candidate.email, stored?.email),
    phone: pick(candidate.phone, stored?.phone),
    address: pick(candidate.address, stored?.address),
  };
}

function pick(given: string | null | undefined, stored: string | null | undefined): string | null {
  return given !== undefined ? given : (stored ?? null);
}

const PATRON_FIELDS = [
  'name',
  'patron_type_id',
  'home_branch_id',
  'expires_on',
  'block_reason',
  'email',
  'phone',
  'address',
] as const satisfies readonly (keyof PatronRecord)[];

export function samePatron(a: PatronRecord, b: PatronRecord): boolean {
  return PATRON_FIELDS.every((field) => a[field] === b[field]);
}
