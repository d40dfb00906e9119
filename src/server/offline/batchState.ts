// What processing needs to know about a batch of offline transactions, loaded with a few set-based
// queries (never one per transaction): patrons and items by barcode with each item's open loan and
// latest return, the branches and workstations the new loans refer to, and for renewals the loan
// rules and the waiting holds of the renewed titles.
import { sql, type Transaction } from 'kysely';
import { MAX_CLOCK_SKEW_MS } from '../../shared/offline/claims.ts';
import { correctedTime } from '../../shared/processing/order.ts';
import type { QueuedHold } from '../../shared/holds/holdQueue.ts';
import { itemBarcodeOf, type OfflineTransaction } from '../../shared/offline/transaction.ts';
import type { ProcessingState } from '../../shared/processing/outcome.ts';
import { chunked, rowsPerStatement } from '../db/batching.ts';
import { engineOf } from '../db/connect.ts';
import { readLoanRules, type LoanRuleRecord } from '../db/loanRules.ts';
import { readWaitingHoldsOfTitles } from '../db/renewalReads.ts';
import type { Database, ItemStatus, OfflineTransactionRow } from '../db/schema.ts';

export interface BatchPatron {
  id: number;
  barcode: string;
  expiresOn: string;
  blockReason: string | null;
  patronTypeId: number;
}

type ProcessedItem = NonNullable<ProcessingState['item']>;

/** An item as processing sees it; its loan facts change as the batch's effects are staged. */
export interface BatchItem {
  id: number;
  branchId: number;
  titleId: number | null;
  materialTypeId: number;
  status: ItemStatus;
  currentLoan: ProcessedItem['currentLoan'];
  /**
   * The latest return of one of its loans since the batch's earliest transaction, else null: only
   * a return after a check-in's time matters to it (RETURNED_LATER).
   */
  lastReturnedAt: ProcessedItem['lastReturnedAt'];
}

export interface BatchState {
  patronsByBarcode: Map<string, BatchPatron>;
  itemsByBarcode: Map<string, BatchItem>;
  branchIdsByCode: Map<string, number>;
  branchTimeZonesByCode: Map<string, string>;
  workstationIdsByName: Map<string, number>;
  /** Every loan rule, when the batch holds a renewal (the table is small); else empty. */
  loanRules: LoanRuleRecord[];
  /** The waiting holds of the titles the batch renews, by title. */
  waitingHoldsByTitle: Map<number, QueuedHold[]>;
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
    if (t.type === 'check_out' || t.type === 'renewal') patronBarcodes.add(t.patronBarcode);
    const itemBarcode = itemBarcodeOf(t);
    if (itemBarcode !== null) itemBarcodes.add(itemBarcode);
    workstations.add(t.workstation);
  }
  const perStatement = rowsPerStatement(engineOf(trx), 1) - 1;

  const patronsByBarcode = new Map<string, BatchPatron>();
  for (const chunk of chunked([...patronBarcodes], perStatement)) {
    const patrons = await trx
      .selectFrom('patrons')
      .select(['id', 'barcode', 'expires_on', 'block_reason', 'patron_type_id'])
      .where('barcode', 'in', chunk)
      .execute();
    for (const p of patrons) {
      patronsByBarcode.set(p.barcode, {
        id: p.id,
        barcode: p.barcode,
        expiresOn: p.expires_on,
        blockReason: p.block_reason,
        patronTypeId: p.patron_type_id,
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
        'items.title_id',
        'items.material_type_id',
        'loans.id as loan_id',
        'loans.patron_id as loan_patron_id',
        'loans.checked_out_at as loan_checked_out_at',
        'loans.due_at as loan_due_at',
        'loans.renewal_count as loan_renewal_count',
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
        titleId: i.title_id,
        materialTypeId: i.material_type_id,
        status: i.status,
        currentLoan: hasLoan
          ? {
              loanId: i.loan_id as number,
              patronId: i.loan_patron_id as number,
              patronBarcode: i.holder_barcode ?? '',
              checkedOutAt: Number(i.loan_checked_out_at),
              dueAt: Number(i.loan_due_at),
              renewalCount: Number(i.loan_renewal_count ?? 0),
            }
          : null,
        lastReturnedAt: null,
      });
    }
  }
  await loadReturnsSince(trx, earliestTimeOf(transactions), itemsByBarcode);

  const branches = await trx.selectFrom('branches').select(['id', 'code', 'time_zone']).execute();
  const stations =
    workstations.size === 0
      ? []
      : await trx
          .selectFrom('workstations')
          .select(['id', 'name'])
          .where('name', 'in', [...workstations])
          .execute();

  const renewedTitleIds = transactions.flatMap((t) => {
    const titleId = t.type === 'renewal' ? itemsByBarcode.get(t.itemBarcode)?.titleId : null;
    return titleId === null || titleId === undefined ? [] : [titleId];
  });
  const renews = transactions.some((t) => t.type === 'renewal');
  const waitingHoldsByTitle = new Map<number, QueuedHold[]>();
  for (const hold of await readWaitingHoldsOfTitles(trx, renewedTitleIds)) {
    const holds = waitingHoldsByTitle.get(hold.titleId) ?? [];
    holds.push(hold);
    waitingHoldsByTitle.set(hold.titleId, holds);
  }

  return {
    patronsByBarcode,
    itemsByBarcode,
    branchIdsByCode: new Map(branches.map((b) => [b.code, b.id])),
    branchTimeZonesByCode: new Map(branches.map((b) => [b.code, b.time_zone])),
    workstationIdsByName: new Map(stations.map((w) => [w.name, w.id])),
    loanRules: renews ? await readLoanRules(trx) : [],
    waitingHoldsByTitle,
  };
}

/** Before any time a transaction of the batch may be applied at (a supervisor caps it at arrival). */
function earliestTimeOf(transactions: readonly OfflineTransaction[]): number {
  return Math.min(...transactions.map(correctedTime)) - MAX_CLOCK_SKEW_MS;
}

/**
 * Each item's latest return since `since`. Read through loans_returned (returned_at, id), so it
 * reads the few loans returned since the outage began, not every loan the items ever had.
 */
async function loadReturnsSince(
  trx: Transaction<Database>,
  since: number,
  itemsByBarcode: Map<string, BatchItem>,
): Promise<void> {
  const itemsById = new Map([...itemsByBarcode.values()].map((item) => [item.id, item]));
  const perStatement = rowsPerStatement(engineOf(trx), 1) - 2;
  for (const chunk of chunked([...itemsById.keys()], perStatement)) {
    const returns = await trx
      .selectFrom('loans')
      .select(['item_id', sql<number | string>`max(returned_at)`.as('returned_at')])
      .where('returned_at', '>=', since)
      .where('item_id', 'in', chunk)
      .groupBy('item_id')
      .execute();
    for (const r of returns) {
      const item = itemsById.get(r.item_id);
      if (item) item.lastReturnedAt = Number(r.returned_at);
    }
  }
}
