// The writes of one processing batch, each set-based: loans renewed, closed and opened (with the
// renewals' history rows), item statuses, in-house use counts, and every transaction's outcome.
import type { Insertable, Transaction } from 'kysely';
import { chunked, rowsPerStatement } from '../db/batching.ts';
import { engineOf } from '../db/connect.ts';
import type { Database, ItemStatus, LoanTable, RenewalTable } from '../db/schema.ts';
import {
  insertRows,
  reserveLoanIds,
  updateFromValues,
  type SqlValue,
  type SqlValueType,
} from '../db/sql.ts';
import type { Decision } from '../../shared/processing/outcome.ts';
import type { RoutedCheckIn } from './offlineRouting.ts';

/** One transaction of a batch as decided and staged: what its outcome row records. */
export interface AppliedTransaction {
  id: string;
  decision: Decision;
  loanId: number | null;
  arrivedLate: boolean;
  /** Where a check-in sent the item: the hold shelf here, or in transit (offlineRouting.ts). */
  routed?: RoutedCheckIn;
}

/** Another writer changed a loan between this batch's read and its write; retrying is safe. */
export class ConcurrentLoanChangeError extends Error {
  override name = 'ConcurrentLoanChangeError';
}

/** A loan is only changed if nobody has checked it in since the batch read it. */
const LOAN_STILL_OPEN = '"loans"."returned_at" is null';

const LATE_NOTE =
  'It reached the server after transactions that happened later had been processed, and was applied in its place in time.';

export interface NewLoan {
  /** Negative until real ids are reserved, so staged effects can refer to it. */
  stagedId: number;
  itemId: number;
  patronId: number;
  checkedOutAt: number;
  dueAt: number;
  renewalCount: number;
  returnedAt: number | null;
  branchId: number;
  staffUserId: number | null;
  workstationId: number | null;
}

/** An offline renewal's history row; `loanId` may be a staged (negative) id. */
export interface StagedRenewal {
  loanId: number;
  renewedAt: number;
  previousDueAt: number;
  dueAt: number;
  staffUserId: number | null;
  workstationId: number | null;
}

/** Everything a batch changes, staged in memory before one write of each kind. */
export interface StagedChanges {
  /** Existing loan id → when it was checked in. */
  returns: Map<number, number>;
  newLoans: Map<number, NewLoan>;
  /** Existing loan id → its due date and renewal count after the batch's renewals. */
  renewedLoans: Map<number, { dueAt: number; renewalCount: number }>;
  renewals: StagedRenewal[];
  itemStatuses: Map<number, ItemStatus>;
  /** Item id → uses to add. */
  inHouseUses: Map<number, number>;
}

export function emptyChanges(): StagedChanges {
  return {
    returns: new Map(),
    newLoans: new Map(),
    renewedLoans: new Map(),
    renewals: [],
    itemStatuses: new Map(),
    inHouseUses: new Map(),
  };
}

const LOAN_COLUMNS = [
  { name: 'id', type: 'integer' },
  { name: 'item_id', type: 'integer' },
  { name: 'patron_id', type: 'integer' },
  { name: 'checked_out_at', type: 'bigint' },
  { name: 'due_at', type: 'bigint' },
  { name: 'returned_at', type: 'bigint' },
  { name: 'branch_id', type: 'integer' },
  { name: 'staff_user_id', type: 'integer' },
  { name: 'workstation_id', type: 'integer' },
  { name: 'source', type: 'text' },
  { name: 'renewal_count', type: 'integer' },
] as const satisfies readonly { name: keyof Insertable<LoanTable>; type: SqlValueType }[];

const RENEWAL_COLUMNS = [
  { name: 'loan_id', type: 'integer' },
  { name: 'renewed_at', type: 'bigint' },
  { name: 'previous_due_at', type: 'bigint' },
  { name: 'due_at', type: 'bigint' },
  { name: 'staff_user_id', type: 'integer' },
  { name: 'workstation_id', type: 'integer' },
  { name: 'source', type: 'text' },
] as const satisfies readonly { name: keyof Insertable<RenewalTable>; type: SqlValueType }[];

/**
 * Extends the renewed loans, closes the loans checked in, inserts the new ones, then the renewals'
 * rows; returns staged id → real id. Renewals go first: a loan renewed and then checked in within
 * one batch must still be open when its due date changes.
 */
export async function writeLoans(
  trx: Transaction<Database>,
  changes: StagedChanges,
): Promise<Map<number, number>> {
  const engine = engineOf(trx);
  const { returns, newLoans, renewedLoans } = changes;
  if (renewedLoans.size > 0) {
    const renewed = await updateFromValues({
      trx,
      engine,
      table: 'loans',
      key: { name: 'id', type: 'integer' },
      set: [
        { name: 'due_at', type: 'bigint' },
        { name: 'renewal_count', type: 'integer' },
      ],
      rows: [...renewedLoans].map(([loanId, loan]) => [loanId, loan.dueAt, loan.renewalCount]),
      onlyWhere: LOAN_STILL_OPEN,
    });
    if (renewed !== renewedLoans.size) {
      throw new ConcurrentLoanChangeError(
        `${renewedLoans.size - renewed} loan(s) were checked in by someone else while offline renewals were being applied.`,
      );
    }
  }
  if (returns.size > 0) {
    const closed = await updateFromValues({
      trx,
      engine,
      table: 'loans',
      key: { name: 'id', type: 'integer' },
      set: [{ name: 'returned_at', type: 'bigint' }],
      rows: [...returns].map(([loanId, at]) => [loanId, at]),
      onlyWhere: LOAN_STILL_OPEN,
    });
    if (closed !== returns.size) {
      throw new ConcurrentLoanChangeError(
        `${returns.size - closed} loan(s) were checked in by someone else while offline transactions were being applied.`,
      );
    }
  }
  const ids = await reserveLoanIds(trx, engine, newLoans.size);
  const realIds = new Map<number, number>();
  const rows = [...newLoans.values()].map((loan, index) => {
    const id = ids[index] as number;
    realIds.set(loan.stagedId, id);
    return [
      id,
      loan.itemId,
      loan.patronId,
      loan.checkedOutAt,
      loan.dueAt,
      loan.returnedAt,
      loan.branchId,
      loan.staffUserId,
      loan.workstationId,
      'offline',
      loan.renewalCount,
    ];
  });
  await insertRows({ trx, engine, table: 'loans', columns: LOAN_COLUMNS, rows });
  const renewalRows = changes.renewals.map((r) => [
    r.loanId < 0 ? (realIds.get(r.loanId) as number) : r.loanId,
    r.renewedAt,
    r.previousDueAt,
    r.dueAt,
    r.staffUserId,
    r.workstationId,
    'offline',
  ]);
  await insertRows({ trx, engine, table: 'renewals', columns: RENEWAL_COLUMNS, rows: renewalRows });
  return realIds;
}

/**
 * One UPDATE … WHERE id IN (…) per status (a batch sets one or two): PostgreSQL finds the rows
 * through the primary key, where joining the batch's values made it hash the whole items table for
 * every batch (85 ms a batch with 120,000 items, and more as a collection grows).
 */
export async function writeItemStatuses(
  trx: Transaction<Database>,
  itemStatuses: Map<number, ItemStatus>,
): Promise<void> {
  for (const [status, ids] of groupByValue(itemStatuses)) {
    for (const chunk of chunked(ids, idsPerStatement(trx))) {
      await trx.updateTable('items').set({ status }).where('id', 'in', chunk).execute();
    }
  }
}

/** One UPDATE per distinct count added (most in-house uses are counted one at a time). */
export async function writeInHouseUses(
  trx: Transaction<Database>,
  inHouseUses: Map<number, number>,
): Promise<void> {
  for (const [count, ids] of groupByValue(inHouseUses)) {
    for (const chunk of chunked(ids, idsPerStatement(trx))) {
      await trx
        .updateTable('items')
        .set((eb) => ({ in_house_uses: eb('in_house_uses', '+', count) }))
        .where('id', 'in', chunk)
        .execute();
    }
  }
}

function idsPerStatement(trx: Transaction<Database>): number {
  return rowsPerStatement(engineOf(trx), 1) - 1;
}

function groupByValue<V>(byId: Map<number, V>): Map<V, number[]> {
  const groups = new Map<V, number[]>();
  for (const [id, value] of byId) {
    const ids = groups.get(value) ?? [];
    ids.push(id);
    groups.set(value, ids);
  }
  return groups;
}

export async function writeOutcomes(
  trx: Transaction<Database>,
  applied: readonly AppliedTransaction[],
  now: number,
): Promise<void> {
  if (applied.length === 0) return;
  const rows: SqlValue[][] = applied.map((a) => [
    a.id,
    a.decision.outcome,
    a.decision.codes[0] ?? null,
    JSON.stringify(a.decision.codes),
    a.arrivedLate ? `${a.decision.message} ${LATE_NOTE}` : a.decision.message,
    a.decision.previousPatronBarcode ?? null,
    a.arrivedLate ? 1 : 0,
    a.loanId,
    now,
    a.decision.supervisorReview === true ? 1 : 0,
    a.routed?.to ?? null,
    a.routed?.holdId ?? null,
    a.routed?.branchId ?? null,
  ]);
  await updateFromValues({
    trx,
    engine: engineOf(trx),
    table: 'offline_transactions',
    key: { name: 'id', type: 'text' },
    set: [
      { name: 'status', type: 'text' },
      { name: 'outcome', type: 'text' },
      { name: 'codes', type: 'text' },
      { name: 'message', type: 'text' },
      { name: 'previous_patron_barcode', type: 'text' },
      { name: 'arrived_late', type: 'integer' },
      { name: 'loan_id', type: 'integer' },
      { name: 'processed_at', type: 'bigint' },
      { name: 'supervisor_review', type: 'integer' },
      { name: 'routed_to', type: 'text' },
      { name: 'routed_hold_id', type: 'integer' },
      { name: 'routed_branch_id', type: 'integer' },
    ],
    rows,
  });
}
