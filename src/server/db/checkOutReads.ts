// What a check-out reads about the borrower, in one statement: the patron with their open loans of
// the copy's material type counted (against the loan rule's most items) and their first waiting
// hold the copy could fill today (fulfilled by the loan).
import type { Kysely, Transaction } from 'kysely';
import { selectPatronViews, type PatronView } from './circulationViews.ts';
import type { Database } from './schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** The copy being lent, as the patron's counts and holds need it. */
export interface CopyToLend {
  id: number;
  materialTypeId: number;
  /** Null only for an item not linked to a title (never after migration 0011): no hold to fill. */
  titleId: number | null;
}

export interface BorrowerAtCheckOut {
  patron: PatronView;
  /** The patron's open loans of the copy's material type. */
  openLoansOfMaterialType: number;
  /**
   * The patron's first waiting hold in queue order (placed_at, then id) that this copy could fill
   * on `today`: on its title, for any copy or this one, and not suspended past today.
   */
  firstWaitingHoldId: number | null;
}

/** The patron by barcode with their counts and hold for this copy; undefined for an unknown card. */
export async function findBorrowerAtCheckOut(
  db: Db,
  barcode: string,
  copy: CopyToLend,
  /** The lending branch's local date ('YYYY-MM-DD'), against which suspensions are judged. */
  today: string,
): Promise<BorrowerAtCheckOut | undefined> {
  const { titleId } = copy;
  const row = await selectPatronViews(db)
    .select((eb) => [
      eb
        .selectFrom('loans')
        .innerJoin('items', 'items.id', 'loans.item_id')
        .select((sub) => sub.fn.countAll<number | string>().as('count'))
        .whereRef('loans.patron_id', '=', 'patrons.id')
        .where('loans.returned_at', 'is', null)
        .where('items.material_type_id', '=', copy.materialTypeId)
        .as('open_loans_of_material_type'),
      eb
        .selectFrom('holds')
        .select('holds.id')
        .whereRef('holds.patron_id', '=', 'patrons.id')
        // A copy with no title fills no hold: -1 matches no title id.
        .where('holds.title_id', '=', titleId ?? -1)
        .where('holds.status', '=', 'waiting')
        .where((w) => w.or([w('holds.item_id', 'is', null), w('holds.item_id', '=', copy.id)]))
        .where((w) =>
          w.or([w('holds.suspended_until', 'is', null), w('holds.suspended_until', '<=', today)]),
        )
        .orderBy('holds.placed_at')
        .orderBy('holds.id')
        .limit(1)
        .as('first_waiting_hold_id'),
    ])
    .where('patrons.barcode', '=', barcode)
    .executeTakeFirst();
  if (!row) return undefined;
  const { open_loans_of_material_type, first_waiting_hold_id, ...patron } = row;
  return {
    patron,
    openLoansOfMaterialType: Number(open_loans_of_material_type ?? 0),
    firstWaitingHoldId: titleId === null ? null : (first_waiting_hold_id ?? null),
  };
}
