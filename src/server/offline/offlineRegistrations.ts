// What processing needs for patrons registered at an offline desk: the card's owner, likely
// duplicates, patron types and which cards' registrations are held, loaded once per batch; then
// the new patrons written before the loans that refer to them, and every loan that waited for a
// new card applied again, in time order, in the same database transaction.
import { sql, type Transaction } from 'kysely';
import type { OfflineRegistration, OfflineTransaction } from '../../shared/offline/transaction.ts';
import { isLikelyDuplicate, normalizedName } from '../../shared/processing/decideRegistration.ts';
import type { ProcessingEffect, ProcessingState } from '../../shared/processing/outcome.ts';
import { compareForProcessing } from '../../shared/processing/order.ts';
import { chunked, rowsPerStatement } from '../db/batching.ts';
import { engineOf } from '../db/connect.ts';
import type { Database, OfflineTransactionRow } from '../db/schema.ts';

type CreatePatron = Extract<ProcessingEffect, { kind: 'createPatron' }>;

interface KnownPatron {
  id: number;
  barcode: string;
  name: string;
  email: string | null;
  phone: string | null;
}

/** A patron created by this batch, with a negative id until the row is written. */
export interface StagedPatron extends CreatePatron {
  stagedId: number;
  transactionId: string;
}

/** The outcomes of loans waiting for a card may only be these: anything else was decided. */
export const WAITING_FOR_CARD_CODES = ['UNKNOWN_PATRON', 'WAITING_FOR_REGISTRATION'] as const;

/** What the batch knows about registrations; updated as the batch's registrations are staged. */
export interface RegistrationBatch {
  /** The registration part of a transaction's processing state (nothing for other types). */
  stateFor(
    t: OfflineTransaction,
    row: OfflineTransactionRow,
    homeBranchId: number | undefined,
  ): Pick<ProcessingState, 'registration' | 'cardRegistrationHeld'>;
  /** A registration of this batch is held: later loans on its card wait for a supervisor. */
  held(t: OfflineRegistration): void;
  /** A registration of this batch creates its patron: later transactions find the card. */
  created(t: OfflineRegistration, effect: CreatePatron): StagedPatron;
  /** The patrons to write, in the order they were staged. */
  readonly newPatrons: readonly StagedPatron[];
}

export async function loadRegistrationBatch(
  trx: Transaction<Database>,
  transactions: readonly OfflineTransaction[],
  options: { acceptLikelyDuplicates: boolean },
): Promise<RegistrationBatch> {
  const registrations = transactions.filter(
    (t): t is OfflineRegistration => t.type === 'registration',
  );
  const cardsUsed = [
    ...new Set(
      transactions.flatMap((t) =>
        t.type === 'check_out' || t.type === 'renewal' ? [t.patronBarcode] : [],
      ),
    ),
  ];
  const heldCards = new Set<string>();
  for (const chunk of chunked(cardsUsed, rowsPerStatement(engineOf(trx), 1) - 3)) {
    const held = await trx
      .selectFrom('offline_transactions')
      .select('patron_barcode')
      // A literal, so SQLite reads the exceptions' partial index by card (migration 0016).
      .where('status', '=', sql.lit('exception'))
      .where('type', '=', 'registration')
      .where('patron_barcode', 'in', chunk)
      .execute();
    for (const row of held) if (row.patron_barcode !== null) heldCards.add(row.patron_barcode);
  }

  const patronsByCard = new Map<string, KnownPatron>();
  const candidates: KnownPatron[] = [];
  const patronTypesByCode = new Map<string, { id: number; cardMonths: number }>();
  if (registrations.length > 0) {
    const cards = registrations.map((r) => r.patronBarcode);
    const emails = registrations.flatMap((r) => (r.email ? [r.email.trim().toLowerCase()] : []));
    const phones = registrations.flatMap((r) => (r.phone ? [r.phone.trim()] : []));
    const names = registrations.map((r) => normalizedName(r.name));
    const known = await trx
      .selectFrom('patrons')
      .select(['id', 'barcode', 'name', 'email', 'phone'])
      .where((eb) =>
        eb.or([
          eb('barcode', 'in', cards),
          eb(eb.fn('lower', ['name']), 'in', names),
          ...(emails.length > 0 ? [eb(eb.fn('lower', ['email']), 'in', emails)] : []),
          ...(phones.length > 0 ? [eb('phone', 'in', phones)] : []),
        ]),
      )
      .orderBy('id')
      .execute();
    for (const patron of known) {
      if (cards.includes(patron.barcode)) patronsByCard.set(patron.barcode, patron);
      candidates.push(patron);
    }
    const types = await trx
      .selectFrom('patron_types')
      .select(['id', 'code', 'card_months'])
      .execute();
    for (const type of types) {
      patronTypesByCode.set(type.code, { id: type.id, cardMonths: type.card_months });
    }
  }

  const newPatrons: StagedPatron[] = [];
  return {
    newPatrons,
    stateFor(t, row, homeBranchId) {
      if (t.type === 'check_out' || t.type === 'renewal') {
        return heldCards.has(t.patronBarcode) ? { cardRegistrationHeld: true } : {};
      }
      if (t.type !== 'registration') return {};
      if (homeBranchId === undefined) {
        throw new Error(`Workstation ${t.workstation} has no branch ${row.branch_code} (${t.id}).`);
      }
      const owner = patronsByCard.get(t.patronBarcode);
      const duplicate = options.acceptLikelyDuplicates
        ? undefined
        : candidates.find((patron) => isLikelyDuplicate(t, patron));
      return {
        registration: {
          cardOwner: owner === undefined ? null : summary(owner),
          likelyDuplicate: duplicate === undefined ? null : summary(duplicate),
          patronType: patronTypesByCode.get(t.patronTypeCode) ?? null,
          homeBranchId,
          today: row.occurred_day,
        },
      };
    },
    held(t) {
      heldCards.add(t.patronBarcode);
    },
    created(t, effect) {
      const patron: StagedPatron = {
        ...effect,
        stagedId: -(newPatrons.length + 1),
        transactionId: t.id,
      };
      newPatrons.push(patron);
      const known = { id: patron.stagedId, ...effect };
      patronsByCard.set(effect.barcode, known);
      candidates.push(known);
      return patron;
    },
  };
}

function summary(patron: KnownPatron) {
  return { id: patron.id, barcode: patron.barcode, name: patron.name };
}

/** Writes the new patrons and marks each registration with its patron; staged id → real id. */
export async function writeNewPatrons(
  trx: Transaction<Database>,
  newPatrons: readonly StagedPatron[],
): Promise<Map<number, number>> {
  const realIds = new Map<number, number>();
  for (const patron of newPatrons) {
    const { id } = await trx
      .insertInto('patrons')
      .values({
        barcode: patron.barcode,
        name: patron.name,
        patron_type_id: patron.patronTypeId,
        home_branch_id: patron.homeBranchId,
        expires_on: patron.expiresOn,
        block_reason: null,
        email: patron.email,
        phone: patron.phone,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    realIds.set(patron.stagedId, id);
    await trx
      .updateTable('offline_transactions')
      .set({ created_patron_id: id })
      .where('id', '=', patron.transactionId)
      .execute();
  }
  return realIds;
}

/**
 * The check-outs and renewals on these cards that are exceptions only because the card was not
 * known yet (or its registration was held), in processing order. Dismissed ones stay dismissed.
 */
export async function loansWaitingForCards(
  trx: Transaction<Database>,
  cards: readonly string[],
): Promise<OfflineTransactionRow[]> {
  if (cards.length === 0) return [];
  const rows = await trx
    .selectFrom('offline_transactions')
    .selectAll()
    .where('status', '=', sql.lit('exception'))
    .where('type', 'in', ['check_out', 'renewal'])
    .where('patron_barcode', 'in', [...cards])
    .where('outcome', 'in', [...WAITING_FOR_CARD_CODES])
    .execute();
  return rows.toSorted((a, b) =>
    compareForProcessing(
      {
        occurredAt: Number(a.occurred_at),
        clockOffsetMs: Number(a.clock_offset_ms),
        workstation: a.workstation,
        sequence: Number(a.sequence),
        id: a.id,
      },
      {
        occurredAt: Number(b.occurred_at),
        clockOffsetMs: Number(b.clock_offset_ms),
        workstation: b.workstation,
        sequence: Number(b.sequence),
        id: b.id,
      },
    ),
  );
}

/** Appended to the report message of a loan applied again because its card became known. */
export function appliedForCardNote(card: string): string {
  return `Processed again when the registration of card ${card} was applied.`;
}
