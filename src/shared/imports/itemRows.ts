// An item row (from a CSV file, or a MARC holding made into one) → the item it describes, checked
// with the same field rules as the item form; then what the import changes beside the stored item.
// An item on loan stays on loan whatever the file says: the loan, not the file, decides.
import { z } from 'zod';
import type { BarcodeRules } from '../barcodes/barcodes.ts';
import { ItemAuthor, ItemCallNumber, ItemTitle } from '../records/fields.ts';
import { RowChecker, type CodeTable, type ImportRow, type Mapped } from './rowFields.ts';

/** What a file may say of an item's status; on_loan comes only from a check-out. */
export const IMPORTABLE_ITEM_STATUSES = [
  'available',
  'lost',
  'missing',
  'damaged',
  'withdrawn',
] as const;
export type ImportableItemStatus = (typeof IMPORTABLE_ITEM_STATUSES)[number];
export type StoredItemStatus = ImportableItemStatus | 'on_loan';

const ImportItemStatus = z.enum(IMPORTABLE_ITEM_STATUSES, {
  error: `An item's status is one of ${IMPORTABLE_ITEM_STATUSES.join(', ')}, or empty for available.`,
});

export interface ItemImportContext {
  rules: BarcodeRules;
  materialTypes: CodeTable<{ id: number }>;
  branches: CodeTable<{ id: number }>;
}

/** An item as stored (the columns an import writes). */
export interface ItemRecord {
  barcode: string;
  title: string;
  author: string;
  call_number: string;
  material_type_id: number;
  branch_id: number;
  status: StoredItemStatus;
}

export interface ItemCandidate {
  barcode: string;
  title: string;
  author: string | undefined;
  call_number: string | undefined;
  material_type_id: number;
  branch_id: number;
  status: ImportableItemStatus | undefined;
}

/** Which field name a refusal gives for each column: the CSV column, or e.g. 952$p for MARC. */
export type ItemFieldNames = Record<keyof ItemRecord, string>;

export const CSV_ITEM_FIELDS: ItemFieldNames = {
  barcode: 'barcode',
  title: 'title',
  author: 'author',
  call_number: 'call_number',
  material_type_id: 'material_type',
  branch_id: 'branch',
  status: 'status',
};

export function mapItemRow(
  row: ImportRow,
  ctx: ItemImportContext,
  names: ItemFieldNames = CSV_ITEM_FIELDS,
): Mapped<ItemCandidate> {
  const check = new RowChecker();
  const barcode = check.barcode(names.barcode, 'item', row.barcode, ctx.rules);
  const title = check.parse(names.title, ItemTitle, row.title ?? '');
  const author =
    row.author === undefined ? undefined : check.parse(names.author, ItemAuthor, row.author);
  const call_number =
    row.call_number === undefined
      ? undefined
      : check.parse(names.call_number, ItemCallNumber, row.call_number);
  const materialType = check.code(names.material_type_id, ctx.materialTypes, row.material_type);
  const branch = check.code(names.branch_id, ctx.branches, row.branch);
  const statusRaw = (row.status ?? '').trim().toLowerCase();
  const status =
    statusRaw === '' ? undefined : check.parse(names.status, ImportItemStatus, statusRaw);
  if (
    check.refusals.length > 0 ||
    barcode === undefined ||
    title === undefined ||
    !materialType ||
    !branch
  ) {
    return { ok: false, refusals: check.refusals };
  }
  return {
    ok: true,
    value: {
      barcode,
      title,
      author,
      call_number,
      material_type_id: materialType.id,
      branch_id: branch.id,
      status,
    },
  };
}

export function resolveItem(candidate: ItemCandidate, stored: ItemRecord | null): ItemRecord {
  return {
    barcode: candidate.barcode,
    title: candidate.title,
    author: candidate.author ?? stored?.author ?? '',
    call_number: candidate.call_number ?? stored?.call_number ?? '',
    material_type_id: candidate.material_type_id,
    branch_id: candidate.branch_id,
    status:
      stored?.status === 'on_loan'
        ? 'on_loan'
        : (candidate.status ?? stored?.status ?? 'available'),
  };
}

const ITEM_FIELDS = [
  'title',
  'author',
  'call_number',
  'material_type_id',
  'branch_id',
  'status',
] as const satisfies readonly (keyof ItemRecord)[];

export function sameItem(a: ItemRecord, b: ItemRecord): boolean {
  return ITEM_FIELDS.every((field) => a[field] === b[field]);
}
