// A supervisor's decision on an offline registration held as an exception: register the new patron
// after all, merge them with the existing patron they duplicate, or lend the held loans to the
// patron who already has the card. Either way the loans held on the card are then applied once, in
// time order, in the same database transaction, and every step is recorded with who and when.
import type { Kysely, Transaction } from 'kysely';
import type { ExceptionActionKind, RegistrationDecision } from '../../shared/api/offline.ts';
import type { OfflineRegistration } from '../../shared/offline/transaction.ts';
import type { OutcomeCode } from '../../shared/processing/outcome.ts';
import { recordAudit } from '../db/auditLog.ts';
import type { Database, OfflineTransactionRow } from '../db/schema.ts';
import { CircaError } from '../errors.ts';
import { applyBatch } from '../offline/applyBatch.ts';
import { transactionOf } from '../offline/batchState.ts';
import {
  appliedForCardNote,
  loadRegistrationBatch,
  loansWaitingForCards,
} from '../offline/offlineRegistrations.ts';
import { takeProcessingLock } from '../offline/process.ts';
import type { OfflineActor } from '../offline/receive.ts';
import { openException } from './offlineExceptions.ts';

export interface ResolveRegistrationProps {
  db: Kysely<Database>;
  actor: OfflineActor & { user: { id: number; username?: string } };
  /** The registration held as an exception. */
  transactionId: string;
  decision: RegistrationDecision;
  now: number;
}

/** The exception code each decision answers: offered only for registrations held for it. */
const DECISION_ANSWERS: Record<RegistrationDecision, OutcomeCode> = {
  register_new_patron: 'LIKELY_DUPLICATE_PATRON',
  merge: 'LIKELY_DUPLICATE_PATRON',
  lend_to_card_owner: 'BARCODE_IN_USE',
};

const ACTION_OF: Record<RegistrationDecision, ExceptionActionKind> = {
  register_new_patron: 'registered_new_patron',
  merge: 'merged_with_patron',
  lend_to_card_owner: 'lent_to_card_owner',
};

/** Resolves the registration, then applies the loans held on its card; returns its row. */
export async function resolveRegistration(
  props: ResolveRegistrationProps,
): Promise<OfflineTransactionRow> {
  const { db, actor, transactionId, decision, now } = props;
  return db.transaction().execute(async (trx) => {
    await takeProcessingLock(trx);
    const row = await openException(trx, transactionId, 'decide on it');
    const codes = JSON.parse(row.codes ?? '[]') as OutcomeCode[];
    if (row.type !== 'registration' || !codes.includes(DECISION_ANSWERS[decision])) {
      throw new CircaError(
        'BAD_REQUEST',
        400,
        row.type !== 'registration'
          ? 'Only an offline registration can be merged or confirmed. Apply this exception again or dismiss it.'
          : `This registration is not held as ${DECISION_ANSWERS[decision] === 'BARCODE_IN_USE' ? 'a card already in use' : 'a likely duplicate'}. Refresh the exceptions list and choose one of the actions it offers.`,
      );
    }
    const registration = transactionOf(row) as OfflineRegistration;
    // The loans waiting now: recorded as applied by this supervisor once the card is settled.
    const waiting = await loansWaitingForCards(trx, [registration.patronBarcode]);
    let reason: string | null = null;
    switch (decision) {
      case 'register_new_patron': {
        // The same rules as processing, without the duplicate check; the waiting loans are applied
        // by the same batch once the patron is created.
        const [applied] = await applyBatch(trx, [row], {
          now,
          processedThrough: null,
          reviewedBy: actor.user.id,
          acceptLikelyDuplicates: true,
        });
        if (applied?.decision.outcome === 'exception') reason = applied.decision.message;
        break;
      }
      case 'merge':
        await mergeWithDuplicate(trx, props, row, registration);
        await applyHeld(trx, waiting, props);
        break;
      case 'lend_to_card_owner':
        reason = `The loans on card ${registration.patronBarcode} went to the patron who has that card; the registration was not made.`;
        await trx
          .updateTable('offline_transactions')
          .set({ status: 'dismissed' })
          .where('id', '=', row.id)
          .execute();
        await applyHeld(trx, waiting, props);
        break;
    }
    await recordAction(trx, props, row.id, ACTION_OF[decision], reason);
    for (const loan of waiting) {
      const after = await rowOf(trx, loan.id);
      await recordAction(
        trx,
        props,
        loan.id,
        'reapplied',
        after.status === 'exception' ? after.message : null,
      );
    }
    return rowOf(trx, row.id);
  });
}

/** The existing patron takes the new card; their old card no longer works. */
async function mergeWithDuplicate(
  trx: Transaction<Database>,
  props: ResolveRegistrationProps,
  row: OfflineTransactionRow,
  registration: OfflineRegistration,
): Promise<void> {
  const batch = await loadRegistrationBatch(trx, [registration], { acceptLikelyDuplicates: false });
  const homeBranch = await trx
    .selectFrom('branches')
    .select('id')
    .where('code', '=', row.branch_code)
    .executeTakeFirst();
  const found = batch.stateFor(registration, row, homeBranch?.id ?? 0).registration;
  if (found?.cardOwner) {
    throw new CircaError(
      'BARCODE_IN_USE',
      409,
      `Card ${registration.patronBarcode} now belongs to patron ${found.cardOwner.name}, so it cannot be given to another patron. Refresh the exceptions list.`,
    );
  }
  const duplicate = found?.likelyDuplicate;
  if (!duplicate) {
    throw new CircaError(
      'PATRON_NOT_FOUND',
      409,
      'No existing patron has this name with the same email or phone any more, so there is no one to merge with. Register a new patron with "Apply again", or dismiss it.',
    );
  }
  const before = await trx
    .selectFrom('patrons')
    .selectAll()
    .where('id', '=', duplicate.id)
    .executeTakeFirstOrThrow();
  const after = await trx
    .updateTable('patrons')
    .set({ barcode: registration.patronBarcode })
    .where('id', '=', duplicate.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordAudit(trx, {
    actor: {
      kind: 'staff',
      staffUserId: props.actor.user.id,
      username: props.actor.user.username ?? String(props.actor.user.id),
    },
    action: 'patron.mergeOfflineRegistration',
    subjectType: 'patron',
    subjectId: duplicate.id,
    before,
    after,
    at: props.now,
  });
  await trx
    .updateTable('offline_transactions')
    .set({
      status: 'applied_with_warning',
      outcome: 'LIKELY_DUPLICATE_PATRON',
      codes: JSON.stringify(['LIKELY_DUPLICATE_PATRON']),
      message: `Merged with patron ${duplicate.name}: card ${registration.patronBarcode} replaced card ${duplicate.barcode}, which no longer works.`,
      previous_patron_barcode: duplicate.barcode,
      processed_at: props.now,
    })
    .where('id', '=', row.id)
    .execute();
}

/** The held loans, now that the card is settled, applied by the supervisor who settled it. */
async function applyHeld(
  trx: Transaction<Database>,
  waiting: readonly OfflineTransactionRow[],
  props: ResolveRegistrationProps,
): Promise<void> {
  if (waiting.length === 0) return;
  await applyBatch(trx, waiting, {
    now: props.now,
    processedThrough: null,
    reviewedBy: props.actor.user.id,
    noteFor: (loan) => appliedForCardNote(loan.patron_barcode ?? ''),
  });
}

async function recordAction(
  trx: Transaction<Database>,
  props: ResolveRegistrationProps,
  transactionId: string,
  action: ExceptionActionKind,
  reason: string | null,
): Promise<void> {
  await trx
    .insertInto('offline_exception_actions')
    .values({
      transaction_id: transactionId,
      action,
      reason,
      patron_barcode: null,
      item_barcode: null,
      staff_user_id: props.actor.user.id,
      at: props.now,
    })
    .execute();
}

function rowOf(trx: Transaction<Database>, id: string): Promise<OfflineTransactionRow> {
  return trx
    .selectFrom('offline_transactions')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
}
