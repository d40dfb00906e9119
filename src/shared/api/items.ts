// Adding, editing, withdrawing and finding items (POST/PATCH /api/items, GET /api/items?q=).
import { z } from 'zod';
import { ItemAuthor, ItemCallNumber, ItemTitle, RecordCode } from '../records/fields.ts';
import { BarcodeInput, Item } from './circulation.ts';

export const ItemAnswer = z.object({ item: Item });
export type ItemAnswer = z.infer<typeof ItemAnswer>;

/** POST /api/items */
export const NewItem = z.object({
  barcode: BarcodeInput,
  title: ItemTitle,
  author: ItemAuthor.default(''),
  callNumber: ItemCallNumber.default(''),
  /** The material type's code, e.g. BOOK. */
  materialType: RecordCode,
  /** The owning branch's code. */
  branch: RecordCode,
});
export type NewItem = z.input<typeof NewItem>;

/** PATCH /api/items/:id: only the fields sent change; the barcode is the item's label and stays. */
export const ItemChanges = z
  .object({
    title: ItemTitle,
    author: ItemAuthor,
    callNumber: ItemCallNumber,
    materialType: RecordCode,
    branch: RecordCode,
  })
  .partial()
  .strict();
export type ItemChanges = z.input<typeof ItemChanges>;

/** The statuses staff set by hand; on_loan comes from lending and withdrawn from withdrawing. */
export const MarkableItemStatus = z.enum(['available', 'lost', 'missing', 'damaged'], {
  error: 'Choose available, lost, missing or damaged.',
});
export type MarkableItemStatus = z.infer<typeof MarkableItemStatus>;

export const MarkItemStatus = z.object({ status: MarkableItemStatus });
export type MarkItemStatus = z.infer<typeof MarkItemStatus>;

export const ItemSearchResults = z.object({
  /** 'barcode' when q was an item barcode (at most one item), else 'words'. */
  matchedBy: z.enum(['barcode', 'words']),
  page: z.number().int(),
  hasMore: z.boolean(),
  items: z.array(Item),
});
export type ItemSearchResults = z.infer<typeof ItemSearchResults>;
