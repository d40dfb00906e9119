// What processing needs to know about a batch of offline transactions, loaded with a few set-based
// queries (never one per transaction): patrons and items by barcode with each item's open loan,
// and the branches and workstations the new loans refer to.
import type { Transaction } from 'kysely';
import { itemBarcodeOf, type OfflineTransaction } from '../../shared/offline/transaction.ts';
import type { ProcessingState } from '../../shared/processing/outcome.ts';
import { chunked, rowsPerStatement } from '../db/batching.ts';
import { engineOf } from '../db/connect.ts';
import type { Database, ItemStatus, OfflineTransactionRow } from '../db/schema.ts';

export interface BatchPatron {
  id: number;
  barcode: string;
  expiresOn: string;
  blockReason: string | null;
}

/** An item as processing sees it; `currentLoan` changes as the batch's effects are staged. */
export interface BatchItem {
  id: number;
  branchId: number;
  status: ItemStatus;
  currentLoan: NonNullable<ProcessingState['item']>['currentLoan'];
}

export interface BatchState {
  patronsByBarcode: Map<string, BatchPatron>;
  itemsByBarcode: Map<string, BatchItem>;
  branchIdsByCode: Map<string, number>;
  workstationIdsByName: Map<string, number>;
}

/**
 * The transaction as recorded, with any barcode a supervisor has corrected since, at the branch
 * the server knows its workstation by (the payload keeps the branch it claimed).
 */
export function transactionOf(row: OfflineTransactionRow): OfflineTransaction {
  const recorded = JSON.parse(row.payload) as OfflineTransaction;
  const corrected = { ...recorded, branchCode: row.branch_code };
  if ('patronBarcode' in corrected && row.patron_barcode !== null) {
    corrected.patronBarcode = row.patron_barcode;
  }
  if ('itemBarcode' in corrected && row.item_barcode !== null) {
    corrected.itemBarcode = row.item_barcode;
  }
  return corrected;
}

export async function loadBatchState(
  trx: Transaction<Database>,
  transactions: readonly OfflineTransaction[],
): Promise<BatchState> {
  const patronBarcodes = new Set<string>();
  const itemBarcodes = new Set<string>();
  const workstations = new Set<string>();
  for (const t of transactions) {
    if (t.type === 'check_out') patronBarcodes.add(t.patronBarcode);
    const itemBarcode = itemBarcodeOf(t);
    if (itemBarcode !== null) itemBarcodes.add(itemBarcode);
    workstations.add(t.workstation);
  }
  const perStatement = rowsPerStatement(engineOf(trx), 1) - 1;

  const patronsByBarcode = new Map<string, BatchPatron>();
  for (const chunk of chunked([...patronBarcodes], perStatement)) {
    const patrons = await trx
      .selectFrom('patrons')
      .select(['id', 'barcode', 'expires_on', 'block_reason'])
      .where('barcode', 'in', chunk)
      .execute();
    for (const p of patrons) {
      patronsByBarcode.set(p.barcode, {
        id: p.id,
        barcode: p.barcode,
        expiresOn: p.expires_on,
        blockReason: p.block_reason,
      });
    }
  }

  const itemsByBarcode = new Map<string, BatchItem>();
  for (const chunk of chunked([...itemBarcodes], perStatement)) {
    const items = await trx
      .selectFrom('items')
      .leftJoin('loans', (join) =>
        join.onRef('loans.item_id', '=', 'items.id').on('loans.returned_at', 'is', null),
      )
      .leftJoin('patrons as holder', 'holder.id', 'loans.patron_id')
      .select([
        'items.id',
        'items.barcode',
        'items.branch_id',
        'items.status',
        'loans.id as loan_id',
        'loans.patron_id as loan_patron_id',
        'loans.checked_out_at as loan_checked_out_at',
        'holder.barcode as holder_barcode',
      ])
      .where('items.barcode', 'in', chunk)
      .execute();
    for (const i of items) {
      const hasLoan =
        i.loan_id !== null && i.loan_patron_id !== null && i.loan_checked_out_at !== null;
      itemsByBarcode.set(i.barcode, {
        id: i.id,
        branchId: i.branch_id,
        status: i.status,
        currentLoan: hasLoan
          ? {
              loanId: i.loan_id as number,
              patronId: i.loan_patron_id as number,
              patronBarcode: i.holder_barcode ?? '',
              checkedOutAt: Number(i.loan_checked_out_at),
            }
          : null,
      });
    }
  }

  const branches = await trx.selectFrom('branches').select(['id', 'code']).execute();
  const stations =
    workstations.size === 0
      ? []
      : await trx
          .selectFrom('workstations')
          .select(['id', 'name'])
          .where('name', 'in', [...workstations])
          .execute();

  return {
    patronsByBarcode,
    itemsByBarcode,
    branchIdsByCode: new Map(branches.map((b) => [b.code, b.id])),
    workstationIdsByName: new Map(stations.map((w) => [w.name, w.id])),
  };
}
