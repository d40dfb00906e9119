// The exceptions queue: a supervisor corrects a barcode and applies the transaction again through
// the same rules, or dismisses it with a reason. Every action is recorded with who and when.
import type { Kysely, Transaction } from 'kysely';
import type { Decision } from '../../shared/processing/outcome.ts';
import type { Database, OfflineTransactionRow } from '../db/schema.ts';
import { CircaError } from '../errors.ts';
import { applyBatch } from '../offline/applyBatch.ts';
import { takeProcessingLock } from '../offline/process.ts';
import type { OfflineActor } from '../offline/receive.ts';

/** Long enough for a sentence or two; the report shows it in full. */
export const MAX_DISMISS_REASON_CHARS = 500;

export interface ReapplyExceptionProps {
  db: Kysely<Database>;
  actor: OfflineActor;
  transactionId: string;
  /** The corrected patron barcode (check-outs and renewals only); the recorded one when absent. */
  patronBarcode?: string | undefined;
  /** The corrected item barcode; the recorded one when absent. */
  itemBarcode?: string | undefined;
  now: number;
}

export interface ReappliedException {
  transaction: OfflineTransactionRow;
  decision: Decision;
}

/**
 * Applies an exception again, with any corrected barcode, in one database transaction with its
 * loan changes and the recorded action. It may become an exception again (e.g. still unknown).
 */
export async function reapplyException(props: ReapplyExceptionProps): Promise<ReappliedException> {
  const { db, actor, transactionId, now } = props;
  const patronBarcode = props.patronBarcode?.trim() || undefined;
  const itemBarcode = props.itemBarcode?.trim() || undefined;
  return db.transaction().execute(async (trx) => {
    // The same lock as processing: a re-apply never interleaves with a batch touching its item.
    await takeProcessingLock(trx);
    const row = await openException(trx, transactionId, 'apply it again');
    if (patronBarcode !== undefined && row.type !== 'check_out' && row.type !== 'renewal') {
      throw new CircaError(
        'BAD_REQUEST',
        400,
        'Only a check-out or a renewal has a patron barcode to correct. Leave the patron barcode empty and correct the item barcode.',
        { field: 'patronBarcode' },
      );
    }
    const corrections = {
      ...(patronBarcode !== undefined ? { patron_barcode: patronBarcode } : {}),
      ...(itemBarcode !== undefined ? { item_barcode: itemBarcode } : {}),
    };
    // Applied as it stands (e.g. after a supervisor's review) when nothing is corrected: an
    // UPDATE with nothing to set is not valid SQL.
    const corrected =
      Object.keys(corrections).length === 0
        ? row
        : await trx
            .updateTable('offline_transactions')
            .set(corrections)
            .where('id', '=', row.id)
            .returningAll()
            .executeTakeFirstOrThrow();
    // A re-apply is late by nature: it is not flagged as a late arrival.
    // Applied by a supervisor who has reviewed it: nothing is held again for review.
    const [applied] = await applyBatch(trx, [corrected], {
      now,
      processedThrough: null,
      reviewedBy: actor.user.id,
    });
    const decision = (applied as NonNullable<typeof applied>).decision;
    await trx
      .insertInto('offline_exception_actions')
      .values({
        transaction_id: row.id,
        action: 'reapplied',
        // An attempt that left it an exception keeps why, so its history reads "Tried again:
        // still …" instead of claiming it was applied.
        reason: decision.outcome === 'exception' ? decision.message : null,
        patron_barcode: patronBarcode ?? null,
        item_barcode: itemBarcode ?? null,
        staff_user_id: actor.user.id,
        at: now,
      })
      .execute();
    const transaction = await trx
      .selectFrom('offline_transactions')
      .selectAll()
      .where('id', '=', row.id)
      .executeTakeFirstOrThrow();
    return { transaction, decision };
  });
}

export interface DismissExceptionProps {
  db: Kysely<Database>;
  actor: OfflineActor;
  transactionId: string;
  /** Why nothing will be done, for whoever reads the report later. Required. */
  reason: string;
  now: number;
}

/** Closes an exception without changing any loan; the transaction and its outcome are kept. */
export async function dismissException(
  props: DismissExceptionProps,
): Promise<OfflineTransactionRow> {
  const { db, actor, transactionId, now } = props;
  const reason = props.reason.trim();
  if (reason === '' || reason.length > MAX_DISMISS_REASON_CHARS) {
    throw new CircaError(
      'BAD_REQUEST',
      400,
      reason === ''
        ? 'Give a reason for dismissing this exception, e.g. "Item withdrawn, patron returned it".'
        : `Shorten the reason to at most ${MAX_DISMISS_REASON_CHARS} characters.`,
      { field: 'reason' },
    );
  }
  return db.transaction().execute(async (trx) => {
    await takeProcessingLock(trx);
    const row = await openException(trx, transactionId, 'dismiss it');
    await trx
      .insertInto('offline_exception_actions')
      .values({
        transaction_id: row.id,
        action: 'dismissed',
        reason,
        patron_barcode: null,
        item_barcode: null,
        staff_user_id: actor.user.id,
        at: now,
      })
      .execute();
    return trx
      .updateTable('offline_transactions')
      .set({ status: 'dismissed' })
      .where('id', '=', row.id)
      .returningAll()
      .executeTakeFirstOrThrow();
  });
}

export async function openException(
  trx: Transaction<Database>,
  transactionId: string,
  action: string,
): Promise<OfflineTransactionRow> {
  const row = await trx
    .selectFrom('offline_transactions')
    .selectAll()
    .where('id', '=', transactionId)
    .executeTakeFirst();
  if (!row) {
    throw new CircaError(
      'NOT_FOUND',
      404,
      `There is no offline transaction ${transactionId}. Refresh the exceptions list and try again.`,
    );
  }
  if (row.status !== 'exception') {
    throw new CircaError(
      'EXCEPTION_ALREADY_RESOLVED',
      409,
      `Offline transaction ${transactionId} is no longer an exception (it is ${row.status.replaceAll('_', ' ')}), so you cannot ${action}. Refresh the exceptions list.`,
      { status: row.status },
    );
  }
  return row;
}
