// The names behind the barcodes of offline transactions: the patron's name and the item's title,
// so a report names whom to phone and what to find. A barcode the library does not know has none.
import type { Kysely } from 'kysely';
import type { TransactionNames } from '../presenters/offlineUploads.ts';
import { chunked, rowsPerStatement } from './batching.ts';
import { engineOf } from './connect.ts';
import type { Database, OfflineTransactionRow } from './schema.ts';

/** Each barcode once, blanks left out. */
function distinct(values: (string | null)[]): string[] {
  return [...new Set(values.filter((value): value is string => value !== null))];
}

/** One query per table and chunk (a page of a report holds up to 5,000 rows). */
export async function namesFor(
  db: Kysely<Database>,
  rows: readonly Pick<OfflineTransactionRow, 'patron_barcode' | 'item_barcode'>[],
): Promise<TransactionNames> {
  const size = rowsPerStatement(engineOf(db), 1);
  const patrons = new Map<string, string>();
  for (const chunk of chunked(distinct(rows.map((row) => row.patron_barcode)), size)) {
    const found = await db
      .selectFrom('patrons')
      .select(['barcode', 'name'])
      .where('barcode', 'in', chunk)
      .execute();
    for (const patron of found) patrons.set(patron.barcode, patron.name);
  }
  const items = new Map<string, string>();
  for (const chunk of chunked(distinct(rows.map((row) => row.item_barcode)), size)) {
    const found = await db
      .selectFrom('items')
      .select(['barcode', 'title'])
      .where('barcode', 'in', chunk)
      .execute();
    for (const item of found) items.set(item.barcode, item.title);
  }
  return { patrons, items };
}
