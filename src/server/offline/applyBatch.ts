// Applies a batch of offline transactions inside the caller's database transaction: decides each
// one with the shared processing rules against the state left by the ones before it, then writes
// every loan change and every outcome together, so they commit (or vanish) as one.
import type { Insertable, Transaction } from 'kysely';
import { itemBarcodeOf, type OfflineTransaction } from '../../shared/offline/transaction.ts';
import { patronStatus } from '../../shared/patrons/patronStatus.ts';
import { decideOutcome } from '../../shared/processing/decide.ts';
import type { Decision, ProcessingState } from '../../shared/processing/outcome.ts';
import { chunked, rowsPerStatement } from '../db/batching.ts';
import { engineOf } from '../db/connect.ts';
import type { Database, ItemStatus, LoanTable, OfflineTransactionRow } from '../db/schema.ts';
import {
  insertRows,
  reserveLoanIds,
  updateFromValues,
  type SqlValue,
  type SqlValueType,
} from '../db/sql.ts';
import { loadBatchState, transactionOf, type BatchItem, type BatchState } from './batchState.ts';
import { readClaimContext, type ClaimContext } from './claimRules.ts';
import { settleHoldsOfLentItems } from './offlineHolds.ts';
import {
  appliedForCardNote,
  loadRegistrationBatch,
  loansWaitingForCards,
  writeNewPatrons,
} from './offlineRegistrations.ts';

/** Lets fault tests fail at a chosen point; production passes none. */
export interface ProcessingHooks {
  /** Called after a transaction's effects are staged, before anything of the batch is written. */
  afterStaging?(transactionId: string, indexInBatch: number): void;
  /** Called after every write of the batch, just before the commit. */
  beforeCommit?(transactionIds: readonly string[]): void | Promise<void>;
}

export interface ApplyBatchOptions {
  /** Epoch ms recorded as processed_at. */
  now: number;
  /**
   * The latest corrected time already processed before this batch: a transaction that happened
   * earlier arrived late, and its message says so. Null when nothing was processed before.
   */
  processedThrough: number | null;
  /**
   * A supervisor applies these from the exceptions queue: nothing is held for review, and the loan
   * is attributed to them (see ClaimRules).
   */
  reviewedBy?: number;
  /** A supervisor confirmed that a likely duplicate is a new patron: register it all the same. */
  acceptLikelyDuplicates?: boolean;
  /** A sentence added to each transaction's report message (why it was processed again). */
  noteFor?: (row: OfflineTransactionRow) => string;
  hooks?: ProcessingHooks;
}

export interface AppliedTransaction {
  id: string;
  decision: Decision;
  loanId: number | null;
  arrivedLate: boolean;
}

/** Another writer changed a loan between this batch's read and its write; retrying is safe. */
export class ConcurrentLoanChangeError extends Error {
  override name = 'ConcurrentLoanChangeError';
}

/** A loan is only checked in if nobody has checked it in since the batch read it. */
const LOAN_STILL_OPEN = '"loans"."returned_at" is null';

const LATE_NOTE =
  'It reached the server after transactions that happened later had been processed, and was applied in its place in time.';

interface NewLoan {
  /** Negative until real ids are reserved, so staged effects can refer to it. */
  stagedId: number;
  itemId: number;
  patronId: number;
  checkedOutAt: number;
  dueAt: number;
  returnedAt: number | null;
  branchId: number;
  staffUserId: number | null;
  workstationId: number | null;
}

/** Stages effects against the in-batch state, then writes them with set-based statements. */
export async function applyBatch(
  trx: Transaction<Database>,
  rows: readonly OfflineTransactionRow[],
  options: ApplyBatchOptions,
): Promise<AppliedTransaction[]> {
  const transactions = rows.map(transactionOf);
  const state = await loadBatchState(trx, transactions);
  const registrations = await loadRegistrationBatch(trx, transactions, {
    acceptLikelyDuplicates: options.acceptLikelyDuplicates === true,
  });
  const claims = await readClaimContext(
    trx,
    rows.map((row) => row.upload_id),
  );
  const stagedReturns = new Map<number, number>();
  const newLoans = new Map<number, NewLoan>();
  const itemStatuses = new Map<number, ItemStatus>();
  const applied: AppliedTransaction[] = [];

  transactions.forEach((t, index) => {
    const row = rows[index] as OfflineTransactionRow;
    const itemBarcode = itemBarcodeOf(t);
    const item = itemBarcode === null ? undefined : state.itemsByBarcode.get(itemBarcode);
    const sender = senderOf(claims, row);
    const itemAndPatron = stateFor(t, row, state, item);
    const homeBranchId = state.branchIdsByCode.get(row.branch_code);
    const processingState = {
      ...itemAndPatron,
      ...registrations.stateFor(t, row, homeBranchId),
    };
    const decided = decideOutcome(t, processingState, {
      limits: { ...claims.limits, receivedAt: sender.receivedAt },
      overridePolicy: claims.overridePolicy,
      reviewedBySupervisor: options.reviewedBy !== undefined,
    });
    const decision = options.noteFor
      ? { ...decided, message: `${decided.message} ${options.noteFor(row)}` }
      : decided;
    if (t.type === 'registration' && decision.outcome === 'exception') {
      registrations.held(t);
    }
    let loanId: number | null = null;
    for (const effect of decision.effects) {
      switch (effect.kind) {
        case 'checkInLoan': {
          const loan = newLoans.get(effect.loanId);
          if (loan) loan.returnedAt = effect.at;
          else stagedReturns.set(effect.loanId, effect.at);
          if (item) item.currentLoan = null;
          break;
        }
        case 'createLoan': {
          if (!item) throw new Error(`Processing rules made a loan for unknown item (${t.id}).`);
          const stagedId = -(newLoans.size + 1);
          newLoans.set(stagedId, {
            stagedId,
            itemId: effect.itemId,
            patronId: effect.patronId,
            checkedOutAt: effect.checkedOutAt,
            dueAt: effect.dueAt,
            returnedAt: null,
            // The branch as the server knows the workstation (receive.ts), and the loan is made
            // in the name of whoever verifiably sent it (or applied it), never the name recorded.
            branchId: state.branchIdsByCode.get(row.branch_code) ?? item.branchId,
            staffUserId: options.reviewedBy ?? sender.staffUserId,
            workstationId: state.workstationIdsByName.get(t.workstation) ?? null,
          });
          if (t.type === 'check_out') {
            item.currentLoan = {
              loanId: stagedId,
              patronId: effect.patronId,
              patronBarcode: t.patronBarcode,
              checkedOutAt: effect.checkedOutAt,
            };
          }
          loanId = stagedId;
          break;
        }
        case 'setItemStatus':
          itemStatuses.set(effect.itemId, effect.status);
          if (item) item.status = effect.status;
          break;
        case 'createPatron': {
          if (t.type !== 'registration') {
            throw new Error(`Processing rules registered a patron from a ${t.type} (${t.id}).`);
          }
          // Later transactions of the batch that use the new card find its patron.
          const staged = registrations.created(t, effect);
          state.patronsByBarcode.set(effect.barcode, {
            id: staged.stagedId,
            barcode: effect.barcode,
            expiresOn: effect.expiresOn,
            blockReason: null,
          });
          break;
        }
      }
    }
    const arrivedLate =
      options.processedThrough !== null && row.corrected_at < options.processedThrough;
    applied.push({ id: t.id, decision, loanId, arrivedLate });
    options.hooks?.afterStaging?.(t.id, index);
  });

  const patronIds = await writeNewPatrons(trx, registrations.newPatrons);
  for (const loan of newLoans.values()) {
    if (loan.patronId >= 0) continue;
    const patronId = patronIds.get(loan.patronId);
    if (patronId === undefined) throw new Error('A loan was staged for a patron never written.');
    loan.patronId = patronId;
  }
  const realIds = await writeLoans(trx, stagedReturns, newLoans);
  for (const a of applied) if (a.loanId !== null) a.loanId = realIds.get(a.loanId) ?? null;
  await writeItemStatuses(trx, itemStatuses);
  const lentItemIds = [...itemStatuses].flatMap(([itemId, status]) =>
    status === 'on_loan' ? [itemId] : [],
  );
  await settleHoldsOfLentItems(trx, lentItemIds, options.now);
  await writeOutcomes(trx, applied, options.now);
  await applyLoansWaitingForNewCards(trx, registrations.newPatrons, options.now);
  await options.hooks?.beforeCommit?.(applied.map((a) => a.id));
  return applied;
}

/**
 * A registration creates its patron before every use of the card, even one from another
 * workstation that was processed first as an unknown patron: those exceptions are applied again,
 * in time order, in this same database transaction, so each is applied exactly once.
 */
async function applyLoansWaitingForNewCards(
  trx: Transaction<Database>,
  newPatrons: readonly { barcode: string }[],
  now: number,
): Promise<void> {
  const waiting = await loansWaitingForCards(
    trx,
    newPatrons.map((p) => p.barcode),
  );
  if (waiting.length === 0) return;
  await applyBatch(trx, waiting, {
    now,
    processedThrough: null,
    noteFor: (row) => appliedForCardNote(row.patron_barcode ?? ''),
  });
}

function senderOf(claims: ClaimContext, row: OfflineTransactionRow) {
  const sender = claims.sendersByUploadId.get(row.upload_id);
  if (!sender) throw new Error(`Offline upload ${row.upload_id} is missing (${row.id}).`);
  return sender;
}

function stateFor(
  t: OfflineTransaction,
  row: OfflineTransactionRow,
  state: BatchState,
  item: BatchItem | undefined,
): ProcessingState {
  const patron = t.type === 'check_out' ? state.patronsByBarcode.get(t.patronBarcode) : undefined;
  return {
    // The card as it stood on the day of the offline transaction, in the branch's calendar.
    patron: patron
      ? {
          id: patron.id,
          status: patronStatus(patron, row.occurred_day),
          blockReason: patron.blockReason,
        }
      : null,
    item: item ? { id: item.id, status: item.status, currentLoan: item.currentLoan } : null,
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
] as const satisfies readonly { name: keyof Insertable<LoanTable>; type: SqlValueType }[];

/** Closes the loans checked in, then inserts the new ones; returns staged id → real id. */
async function writeLoans(
  trx: Transaction<Database>,
  stagedReturns: Map<number, number>,
  newLoans: Map<number, NewLoan>,
): Promise<Map<number, number>> {
  const engine = engineOf(trx);
  if (stagedReturns.size > 0) {
    const closed = await updateFromValues({
      trx,
      engine,
      table: 'loans',
      key: { name: 'id', type: 'integer' },
      set: [{ name: 'returned_at', type: 'bigint' }],
      rows: [...stagedReturns].map(([loanId, at]) => [loanId, at]),
      onlyWhere: LOAN_STILL_OPEN,
    });
    if (closed !== stagedReturns.size) {
      throw new ConcurrentLoanChangeError(
        `${stagedReturns.size - closed} loan(s) were checked in by someone else while offline transactions were being applied.`,
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
    ];
  });
  await insertRows({ trx, engine, table: 'loans', columns: LOAN_COLUMNS, rows });
  return realIds;
}

/**
 * One UPDATE … WHERE id IN (…) per status (a batch sets one or two): PostgreSQL finds the rows
 * through the primary key, where joining the batch's values made it hash the whole items table for
 * every batch (85 ms a batch with 120,000 items, and more as a collection grows).
 */
async function writeItemStatuses(
  trx: Transaction<Database>,
  itemStatuses: Map<number, ItemStatus>,
): Promise<void> {
  const idsByStatus = new Map<ItemStatus, number[]>();
  for (const [itemId, status] of itemStatuses) {
    const ids = idsByStatus.get(status) ?? [];
    ids.push(itemId);
    idsByStatus.set(status, ids);
  }
  const perStatement = rowsPerStatement(engineOf(trx), 1) - 1;
  for (const [status, ids] of idsByStatus) {
    for (const chunk of chunked(ids, perStatement)) {
      await trx.updateTable('items').set({ status }).where('id', 'in', chunk).execute();
    }
  }
}

async function writeOutcomes(
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
    ],
    rows,
  });
}
