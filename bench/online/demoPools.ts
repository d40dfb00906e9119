// Patrons and items of the demo library a benchmark may lend without a refusal: adults in good
// standing with nothing on loan, and books on the shelf. Benchmarks split them into disjoint pools
// so concurrent clients never lend one item twice or push one patron past a loan limit.
import type { Kysely } from 'kysely';
import type { Database } from '../../src/server/db/schema.ts';

const DAY_MS = 86_400_000;
/** Cards valid at least this much longer, so none expires while a benchmark runs. */
const VALID_FOR_AT_LEAST_DAYS = 60;

export interface LendablePool {
  /** Patron barcodes: ADULT, not blocked, valid for weeks, no open loans. */
  patrons: string[];
  /** Item barcodes: BOOK, available. */
  items: string[];
}

export async function lendablePool(db: Kysely<Database>): Promise<LendablePool> {
  const validThrough = new Date(Date.now() + VALID_FOR_AT_LEAST_DAYS * DAY_MS)
    .toISOString()
    .slice(0, 10);
  const patrons = await db
    .selectFrom('patrons')
    .innerJoin('patron_types', 'patron_types.id', 'patrons.patron_type_id')
    .select('patrons.barcode')
    .where('patron_types.code', '=', 'ADULT')
    .where('patrons.block_reason', 'is', null)
    .where('patrons.expires_on', '>', validThrough)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('loans')
            .select('loans.id')
            .whereRef('loans.patron_id', '=', 'patrons.id')
            .where('loans.returned_at', 'is', null),
        ),
      ),
    )
    .orderBy('patrons.barcode')
    .execute();
  const items = await db
    .selectFrom('items')
    .innerJoin('material_types', 'material_types.id', 'items.material_type_id')
    .select('items.barcode')
    .where('material_types.code', '=', 'BOOK')
    .where('items.status', '=', 'available')
    .orderBy('items.barcode')
    .execute();
  return { patrons: patrons.map((p) => p.barcode), items: items.map((i) => i.barcode) };
}

/** Splits `values` into `parts` consecutive slices of equal length (the remainder is left out). */
export function split<T>(values: readonly T[], parts: number): T[][] {
  const size = Math.floor(values.length / parts);
  return Array.from({ length: parts }, (_, i) => values.slice(i * size, (i + 1) * size));
}
