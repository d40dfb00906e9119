// The names behind the barcodes and ids of offline transactions: the patron's name and the item's
// title, so a report names whom to phone and what to find; the hold's patron and the branch a
// check-in sent the item to; the patron a registration created. A barcode the library does not
// know has none.
import type { Kysely } from 'kysely';
import { shortPatronName } from '../../shared/holds/shortPatronName.ts';
import type { TransactionNames } from '../presenters/offlineUploads.ts';
import { chunked, rowsPerStatement } from './batching.ts';
import { engineOf } from './connect.ts';
import type { Database, OfflineTransactionRow } from './schema.ts';

/** Each value once, blanks left out. */
function distinct<T>(values: (T | null)[]): T[] {
  return [...new Set(values.filter((value): value is T => value !== null))];
}

type NamedRow = Pick<
  OfflineTransactionRow,
  | 'patron_barcode'
  | 'item_barcode'
  | 'previous_patron_barcode'
  | 'routed_hold_id'
  | 'routed_branch_id'
  | 'created_patron_id'
>;

/** One query per table and chunk (a page of a report holds up to 5,000 rows). */
export async function namesFor(
  db: Kysely<Database>,
  rows: readonly NamedRow[],
): Promise<TransactionNames> {
  const size = rowsPerStatement(engineOf(db), 1);
  const patrons = new Map<string, string>();
  const barcodes = distinct(
    rows.flatMap((row) => [row.patron_barcode, row.previous_patron_barcode]),
  );
  for (const chunk of chunked(barcodes, size)) {
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
  const holdPatrons = new Map<number, string>();
  for (const chunk of chunked(distinct(rows.map((row) => row.routed_hold_id)), size)) {
    const found = await db
      .selectFrom('holds')
      .innerJoin('patrons', 'patrons.id', 'holds.patron_id')
      .select(['holds.id as hold_id', 'patrons.name'])
      .where('holds.id', 'in', chunk)
      .execute();
    for (const hold of found) holdPatrons.set(hold.hold_id, shortPatronName(hold.name));
  }
  const branches = new Map<number, { code: string; name: string }>();
  for (const chunk of chunked(distinct(rows.map((row) => row.routed_branch_id)), size)) {
    const found = await db
      .selectFrom('branches')
      .select(['id', 'code', 'name'])
      .where('id', 'in', chunk)
      .execute();
    for (const branch of found) branches.set(branch.id, { code: branch.code, name: branch.name });
  }
  const createdPatrons = new Map<number, { id: number; barcode: string; name: string }>();
  for (const chunk of chunked(distinct(rows.map((row) => row.created_patron_id)), size)) {
    const found = await db
      .selectFrom('patrons')
      .select(['id', 'barcode', 'name'])
      .where('id', 'in', chunk)
      .execute();
    for (const patron of found) createdPatrons.set(patron.id, patron);
  }
  return { patrons, items, holdPatrons, branches, createdPatrons };
}
