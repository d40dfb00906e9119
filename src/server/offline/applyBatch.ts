// Applies a batch of offline transactions inside the caller's database transaction: decides each
// one with the shared processing rules against the state left by the ones before it, then writes
// every change and every outcome together, so they commit (or vanish) as one. Items the batch
// leaves checked in are then routed as an online check-in would (offlineRouting.ts).
import type { Transaction } from 'kysely';
import { nextHoldFor } from '../../shared/holds/holdQueue.ts';
import { findLoanRule } from '../../shared/loanRules/loanRules.ts';
import { itemBarcodeOf, type OfflineTransaction } from '../../shared/offline/transaction.ts';
import { patronStatus } from '../../shared/patrons/patronStatus.ts';
import { decideOutcome } from '../../shared/processing/decide.ts';
import type { ProcessingEffect, ProcessingState } from '../../shared/processing/outcome.ts';
import type { Database, OfflineTransactionRow } from '../db/schema.ts';
import { loadBatchState, transactionOf, type BatchItem, type BatchState } from './batchState.ts';
import {
  emptyChanges,
  writeInHouseUses,
  writeItemStatuses,
  writeLoans,
  writeOutcomes,
  type AppliedTransaction,
  type StagedChanges,
} from './batchWrites.ts';
import { readClaimContext, type ClaimContext } from './claimRules.ts';
import { settleHoldsOfLentItems } from './offlineHolds.ts';
import {
  appliedForCardNote,
  loadRegistrationBatch,
  loansWaitingForCards,
  writeNewPatrons,
  type RegistrationBatch,
} from './offlineRegistrations.ts';
import { routeOfflineCheckIns, withRoute, type OfflineCheckInToRoute } from './offlineRouting.ts';

export { ConcurrentLoanChangeError, type AppliedTransaction } from './batchWrites.ts';

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

/** Who a staged change is made by and where: the sender (or the supervisor applying it). */
interface StagingContext {
  t: OfflineTransaction;
  item: BatchItem | undefined;
  branchId: number | null;
  staffUserId: number;
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
  const changes = emptyChanges();
  const applied: AppliedTransaction[] = [];
  /** Item id → the check-in that last left it on the returns trolley (routed after the writes). */
  const checkedIn = new Map<number, OfflineCheckInToRoute>();

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
      renewalRefusal: claims.renewalRefusal,
      reviewedBySupervisor: options.reviewedBy !== undefined,
    });
    const decision = options.noteFor
      ? { ...decided, message: `${decided.message} ${options.noteFor(row)}` }
      : decided;
    if (t.type === 'registration' && decision.outcome === 'exception') {
      registrations.held(t);
    }
    const context: StagingContext = {
      t,
      item,
      // The branch as the server knows the workstation (receive.ts), and changes are made in the
      // name of whoever verifiably sent it (or applied it), never the name recorded.
      branchId: state.branchIdsByCode.get(row.branch_code) ?? null,
      staffUserId: options.reviewedBy ?? sender.staffUserId,
      workstationId: state.workstationIdsByName.get(t.workstation) ?? null,
    };
    let loanId: number | null = null;
    for (const effect of decision.effects) {
      if (effect.kind === 'createPatron') {
        stageNewPatron(t, effect, registrations, state);
        continue;
      }
      loanId = stage(effect, context, changes) ?? loanId;
    }
    const applies = decision.outcome === 'applied' || decision.outcome === 'applied_with_warning';
    if (item && t.type === 'check_in' && applies && context.branchId !== null) {
      checkedIn.set(item.id, {
        itemId: item.id,
        hereBranchId: context.branchId,
        staffUserId: context.staffUserId,
        index: applied.length,
      });
    } else if (item && loanId !== null) {
      checkedIn.delete(item.id);
    }
    const arrivedLate =
      options.processedThrough !== null && row.corrected_at < options.processedThrough;
    applied.push({ id: t.id, decision, loanId, arrivedLate });
    options.hooks?.afterStaging?.(t.id, index);
  });

  const patronIds = await writeNewPatrons(trx, registrations.newPatrons);
  for (const loan of changes.newLoans.values()) {
    if (loan.patronId >= 0) continue;
    const patronId = patronIds.get(loan.patronId);
    if (patronId === undefined) throw new Error('A loan was staged for a patron never written.');
    loan.patronId = patronId;
  }
  const realIds = await writeLoans(trx, changes);
  for (const a of applied) if (a.loanId !== null) a.loanId = realIds.get(a.loanId) ?? null;
  await writeItemStatuses(trx, changes.itemStatuses);
  await writeInHouseUses(trx, changes.inHouseUses);
  const lentItemIds = [...changes.itemStatuses].flatMap(([itemId, status]) =>
    status === 'on_loan' ? [itemId] : [],
  );
  await settleHoldsOfLentItems(trx, lentItemIds, options.now);
  await routeCheckedInItems(trx, applied, [...checkedIn.values()], options.now);
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

/**
 * A registration's patron, written before the batch's loans: later transactions of the batch that
 * use the new card find it under a staged (negative) id, replaced by the real one at the write.
 */
function stageNewPatron(
  t: OfflineTransaction,
  effect: Extract<ProcessingEffect, { kind: 'createPatron' }>,
  registrations: RegistrationBatch,
  state: BatchState,
): void {
  if (t.type !== 'registration') {
    throw new Error(`Processing rules registered a patron from a ${t.type} (${t.id}).`);
  }
  const staged = registrations.created(t, effect);
  state.patronsByBarcode.set(effect.barcode, {
    id: staged.stagedId,
    barcode: effect.barcode,
    expiresOn: effect.expiresOn,
    blockReason: null,
    patronTypeId: effect.patronTypeId,
  });
}

/** Stages one effect and updates the in-batch state; returns the staged id of a loan it made. */
function stage(
  effect: ProcessingEffect,
  { t, item, branchId, staffUserId, workstationId }: StagingContext,
  changes: StagedChanges,
): number | undefined {
  switch (effect.kind) {
    case 'checkInLoan': {
      const loan = changes.newLoans.get(effect.loanId);
      if (loan) loan.returnedAt = effect.at;
      else changes.returns.set(effect.loanId, effect.at);
      if (item) {
        item.currentLoan = null;
        item.lastReturnedAt = Math.max(item.lastReturnedAt ?? effect.at, effect.at);
      }
      return undefined;
    }
    case 'createLoan': {
      if (!item) throw new Error(`Processing rules made a loan for unknown item (${t.id}).`);
      const stagedId = -(changes.newLoans.size + 1);
      changes.newLoans.set(stagedId, {
        stagedId,
        itemId: effect.itemId,
        patronId: effect.patronId,
        checkedOutAt: effect.checkedOutAt,
        dueAt: effect.dueAt,
        renewalCount: 0,
        returnedAt: null,
        branchId: branchId ?? item.branchId,
        staffUserId,
        workstationId,
      });
      if (t.type === 'check_out') {
        item.currentLoan = {
          loanId: stagedId,
          patronId: effect.patronId,
          patronBarcode: t.patronBarcode,
          checkedOutAt: effect.checkedOutAt,
          dueAt: effect.dueAt,
          renewalCount: 0,
        };
      }
      return stagedId;
    }
    case 'renewLoan': {
      const renewed = { dueAt: effect.dueAt, renewalCount: effect.renewalCount };
      const loan = changes.newLoans.get(effect.loanId);
      if (loan) Object.assign(loan, renewed);
      else changes.renewedLoans.set(effect.loanId, renewed);
      changes.renewals.push({
        loanId: effect.loanId,
        renewedAt: effect.renewedAt,
        previousDueAt: effect.previousDueAt,
        dueAt: effect.dueAt,
        staffUserId,
        workstationId,
      });
      if (item?.currentLoan) Object.assign(item.currentLoan, renewed);
      return undefined;
    }
    case 'setItemStatus':
      changes.itemStatuses.set(effect.itemId, effect.status);
      if (item) item.status = effect.status;
      return undefined;
    case 'addInHouseUses':
      changes.inHouseUses.set(
        effect.itemId,
        (changes.inHouseUses.get(effect.itemId) ?? 0) + effect.count,
      );
      return undefined;
  }
}

/** Routes the items the batch left checked in, and adds where each goes to its check-in. */
async function routeCheckedInItems(
  trx: Transaction<Database>,
  applied: AppliedTransaction[],
  checkIns: readonly OfflineCheckInToRoute[],
  now: number,
): Promise<void> {
  const routes = await routeOfflineCheckIns(trx, checkIns, now);
  for (const { itemId, index } of checkIns) {
    const route = routes.get(itemId);
    const a = applied[index] as AppliedTransaction;
    if (route) applied[index] = { ...a, ...withRoute(a.decision, route) };
  }
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
  const patron =
    t.type === 'check_out' || t.type === 'renewal'
      ? state.patronsByBarcode.get(t.patronBarcode)
      : undefined;
  const branchTimeZone = state.branchTimeZonesByCode.get(row.branch_code);
  return {
    // The card as it stood on the day of the offline transaction, in the branch's calendar.
    patron: patron
      ? {
          id: patron.id,
          status: patronStatus(patron, row.occurred_day),
          blockReason: patron.blockReason,
        }
      : null,
    item: item
      ? {
          id: item.id,
          status: item.status,
          currentLoan: item.currentLoan,
          lastReturnedAt: item.lastReturnedAt,
        }
      : null,
    ...(branchTimeZone === undefined ? {} : { branchTimeZone }),
    ...(t.type === 'renewal' && item && patron
      ? { renewal: renewalFacts(item, patron, row, state) }
      : {}),
  };
}

/**
 * What online renewal would refuse for: the limit of the loan's rule at the renewing branch, and
 * another patron's hold the copy could fill on the day of the renewal (decideRenewal's facts).
 */
function renewalFacts(
  item: BatchItem,
  patron: { id: number; patronTypeId: number },
  row: OfflineTransactionRow,
  state: BatchState,
): NonNullable<ProcessingState['renewal']> {
  const rule = findLoanRule(state.loanRules, {
    patronTypeId: patron.patronTypeId,
    materialTypeId: item.materialTypeId,
    branchId: state.branchIdsByCode.get(row.branch_code) ?? null,
  });
  const othersHolds =
    item.titleId === null
      ? []
      : (state.waitingHoldsByTitle.get(item.titleId) ?? []).filter((h) => h.patronId !== patron.id);
  const holdWaiting =
    item.titleId !== null &&
    nextHoldFor({ id: item.id, titleId: item.titleId }, othersHolds, row.occurred_day) !== null;
  return { renewalsAllowed: rule?.renewalsAllowed ?? null, holdWaiting };
}
