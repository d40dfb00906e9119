// Check in: close the item's open loan and put the item back on the shelf.
import type { Kysely } from 'kysely';
import type { CheckInResult } from '../../shared/api/circulation.ts';
import { findItemView, openLoanOfItem } from '../db/circulationViews.ts';
import { getLibrarySettings } from '../db/librarySettings.ts';
import type { Database } from '../db/schema.ts';
import { CircaError } from '../errors.ts';
import { presentItem, presentLoan } from '../presenters/circulation.ts';
import type { CirculationActor } from './actor.ts';
import { requireValidBarcode } from './barcodes.ts';

export interface CheckInProps {
  db: Kysely<Database>;
  /** Who checks the item in and where; the loan table keeps no return desk, so it is not stored. */
  actor: CirculationActor;
  /** As scanned; checked against the library's item barcode rule. */
  itemBarcode: string;
  /** Epoch ms of the return; a return after the due instant is overdue. */
  at: number;
}

/** Closes the open loan (returned_at = at) and marks the item available, in one transaction. */
export async function checkIn(props: CheckInProps): Promise<CheckInResult> {
  const { db, at } = props;
  return db.transaction().execute(async (trx) => {
    const { barcodeRules } = await getLibrarySettings(trx);
    const itemBarcode = requireValidBarcode('item', props.itemBarcode, barcodeRules);
    const item = await findItemView(trx, itemBarcode);
    if (!item) {
      throw new CircaError(
        'ITEM_NOT_FOUND',
        404,
        `No item has the barcode ${itemBarcode}. Check the barcode, or set the item aside for a supervisor.`,
        { itemBarcode },
      );
    }
    const loan = await openLoanOfItem(trx, item.id);
    if (!loan) {
      throw new CircaError(
        'ITEM_NOT_ON_LOAN',
        409,
        `"${item.title}" is not on loan, so there is nothing to check in: the item is already on the shelf. Scan the next item.`,
        { itemBarcode },
      );
    }
    // Guarded by returned_at is null so a concurrent check-in cannot close the same loan twice.
    const closed = await trx
      .updateTable('loans')
      .set({ returned_at: at })
      .where('id', '=', loan.id)
      .where('returned_at', 'is', null)
      .executeTakeFirst();
    if (Number(closed.numUpdatedRows) !== 1) {
      throw new CircaError(
        'ITEM_NOT_ON_LOAN',
        409,
        `"${item.title}" was just checked in at another desk: there is nothing left to check in. Scan the next item.`,
        { itemBarcode },
      );
    }
    await trx.updateTable('items').set({ status: 'available' }).where('id', '=', item.id).execute();
    return {
      loan: presentLoan({ ...loan, returned_at: at }),
      item: presentItem({ ...item, status: 'available' }),
      overdue: at > loan.due_at,
      received: false,
      routing: { kind: 'shelve' },
    };
  });
}
