// Offline check-outs and holds: a copy lent at an offline desk is in the borrower's hands, so a
// hold that had caught it can no longer have it. The hold of the borrower is fulfilled by the loan;
// another patron's hold goes back to waiting, keeping its place in the queue (placed_at), and any
// transit the copy was on is closed. Items an offline check-in leaves free are routed to holds by
// offlineRouting.ts.
import type { Transaction } from 'kysely';
import { settleTrappedHolds } from '../../shared/processing/settleHolds.ts';
import { chunked, rowsPerStatement } from '../db/batching.ts';
import { engineOf } from '../db/connect.ts';
import type { Database } from '../db/schema.ts';

/** Settles the holds on items this batch left on loan; one cheap read when none had a hold. */
export async function settleHoldsOfLentItems(
  trx: Transaction<Database>,
  lentItemIds: readonly number[],
  now: number,
): Promise<void> {
  const perStatement = rowsPerStatement(engineOf(trx), 1) - 1;
  for (const chunk of chunked([...lentItemIds], perStatement)) {
    const traps = await trx
      .selectFrom('holds')
      .select(['id', 'patron_id', 'trapped_item_id'])
      .where('trapped_item_id', 'in', chunk)
      .where('status', 'in', ['in_transit', 'on_shelf'])
      .execute();
    if (traps.length === 0) continue;
    const itemIds = traps.map((trap) => trap.trapped_item_id as number);
    const loans = await trx
      .selectFrom('loans')
      .select(['id', 'item_id', 'patron_id'])
      .where('item_id', 'in', itemIds)
      .where('returned_at', 'is', null)
      .execute();
    const settlements = settleTrappedHolds(
      traps.map((trap) => ({
        holdId: trap.id,
        patronId: trap.patron_id,
        trappedItemId: trap.trapped_item_id as number,
      })),
      loans.map((loan) => ({ loanId: loan.id, itemId: loan.item_id, patronId: loan.patron_id })),
    );
    for (const settlement of settlements) {
      if (settlement.becomes === 'fulfilled') {
        await trx
          .updateTable('holds')
          .set({ status: 'fulfilled', fulfilled_loan_id: settlement.loanId, ended_at: now })
          .where('id', '=', settlement.holdId)
          .execute();
      } else {
        await trx
          .updateTable('holds')
          .set({
            status: 'waiting',
            trapped_item_id: null,
            trapped_at: null,
            shelf_expires_on: null,
          })
          .where('id', '=', settlement.holdId)
          .execute();
      }
    }
    await trx
      .updateTable('transits')
      .set({ received_at: now })
      .where('item_id', 'in', itemIds)
      .where('received_at', 'is', null)
      .execute();
  }
}
