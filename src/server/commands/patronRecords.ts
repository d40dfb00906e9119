// Registering a patron, editing them, blocking and unblocking, renewing their card: each change
// checked first, then made with its audit log entry in one transaction, so a refusal changes nothing.
import type { Kysely, Selectable, Transaction, Updateable } from 'kysely';
import type { z } from 'zod';
import type { PatronRecord } from '../../shared/api/patrons.ts';
import { NewPatron, PatronChanges } from '../../shared/api/patrons.ts';
import { localDate } from '../../shared/calendar/localTime.ts';
import { newCardExpiry, renewedCardExpiry } from '../../shared/patrons/cardExpiry.ts';
import { recordAudit, type AuditActor } from '../db/auditLog.ts';
import { isUniqueViolation } from '../db/databaseErrors.ts';
import { getLibrarySettings } from '../db/librarySettings.ts';
import {
  patronRecordById,
  patronRow,
  requireBranchCode,
  requirePatronTypeCode,
} from '../db/recordViews.ts';
import type { Database, PatronTable } from '../db/schema.ts';
import { CircaError } from '../errors.ts';
import { presentPatronRecord } from '../presenters/records.ts';
import { requireValidBarcode } from './barcodes.ts';

type Trx = Transaction<Database>;

interface PatronChangeProps {
  db: Kysely<Database>;
  actor: AuditActor;
  /** Epoch ms of the change: the audit entry's time, and "today" for card dates. */
  at: number;
}

export const CARD_IN_USE_MESSAGE =
  'This card barcode is already in use. Take another new card, scan it, and save again.';

export async function registerPatron(
  props: PatronChangeProps & { patron: z.output<typeof NewPatron> },
): Promise<PatronRecord> {
  const { barcodeRules } = await getLibrarySettings(props.db);
  const barcode = requireValidBarcode('patron', props.patron.barcode, barcodeRules);
  try {
    return await props.db.transaction().execute(async (trx) => {
      const taken = await trx
        .selectFrom('patrons')
        .select('id')
        .where('barcode', '=', barcode)
        .executeTakeFirst();
      if (taken) throw cardInUse(barcode);
      const patronType = await requirePatronTypeCode(trx, props.patron.patronType);
      const branch = await requireBranchCode(trx, 'homeBranch', props.patron.homeBranch);
      const today = localDate(props.at, branch.time_zone);
      const expiresOn = props.patron.expiresOn ?? newCardExpiry(today, patronType.card_months);
      if (expiresOn < today) {
        throw new CircaError(
          'BAD_REQUEST',
          400,
          `A new card cannot expire before today (${today}). Leave the expiry empty for the patron type’s usual period.`,
          { field: 'expiresOn' },
        );
      }
      const row = await trx
        .insertInto('patrons')
        .values({
          barcode,
          name: props.patron.name,
          patron_type_id: patronType.id,
          home_branch_id: branch.id,
          expires_on: expiresOn,
          block_reason: null,
          email: props.patron.email ?? null,
          phone: props.patron.phone ?? null,
          address: props.patron.address ?? null,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await audit(trx, props, 'patron.register', null, row);
      return present(trx, row.id, props.at);
    });
  } catch (error) {
    // Two desks registering the same new card at the same moment: the second is told, plainly.
    if (isUniqueViolation(error)) throw cardInUse(barcode);
    throw error;
  }
}

export async function editPatron(
  props: PatronChangeProps & { patronId: number; changes: z.output<typeof PatronChanges> },
): Promise<PatronRecord> {
  const { changes } = props;
  if (Object.keys(changes).length === 0) {
    throw new CircaError('BAD_REQUEST', 400, 'Nothing to change: send at least one field.');
  }
  return changePatron(props, 'patron.edit', async (trx) => {
    const update: Updateable<PatronTable> = {};
    if (changes.name !== undefined) update.name = changes.name;
    if (changes.patronType !== undefined) {
      update.patron_type_id = (await requirePatronTypeCode(trx, changes.patronType)).id;
    }
    if (changes.homeBranch !== undefined) {
      update.home_branch_id = (await requireBranchCode(trx, 'homeBranch', changes.homeBranch)).id;
    }
    if (changes.expiresOn !== undefined) update.expires_on = changes.expiresOn;
    if (changes.email !== undefined) update.email = changes.email;
    if (changes.phone !== undefined) update.phone = changes.phone;
    if (changes.address !== undefined) update.address = changes.address;
    return update;
  });
}

export async function blockPatron(
  props: PatronChangeProps & { patronId: number; reason: string },
): Promise<PatronRecord> {
  return changePatron(props, 'patron.block', async () => ({ block_reason: props.reason }));
}

export async function unblockPatron(
  props: PatronChangeProps & { patronId: number },
): Promise<PatronRecord> {
  return changePatron(props, 'patron.unblock', async (_trx, before) => {
    if (before.block_reason === null) {
      throw new CircaError('BAD_REQUEST', 409, 'This patron is not blocked: nothing to unblock.');
    }
    return { block_reason: null };
  });
}

/** An expired card runs its new period from today; a valid one from its current expiry. */
export async function renewCard(
  props: PatronChangeProps & { patronId: number },
): Promise<PatronRecord> {
  return changePatron(props, 'patron.renewCard', async (trx, before) => {
    const patronType = await trx
      .selectFrom('patron_types')
      .select('card_months')
      .where('id', '=', before.patron_type_id)
      .executeTakeFirstOrThrow();
    const branch = await trx
      .selectFrom('branches')
      .select('time_zone')
      .where('id', '=', before.home_branch_id)
      .executeTakeFirstOrThrow();
    const today = localDate(props.at, branch.time_zone);
    return { expires_on: renewedCardExpiry(before.expires_on, today, patronType.card_months) };
  });
}

/** Reads the patron, asks `decide` for the update (it may refuse), writes it and its audit entry. */
async function changePatron(
  props: PatronChangeProps & { patronId: number },
  action: string,
  decide: (trx: Trx, before: Selectable<PatronTable>) => Promise<Updateable<PatronTable>>,
): Promise<PatronRecord> {
  return props.db.transaction().execute(async (trx) => {
    const before = await patronRow(trx, props.patronId);
    if (!before) {
      throw new CircaError(
        'PATRON_NOT_FOUND',
        404,
        `No patron has the id ${props.patronId}. Find the patron again, then try again.`,
      );
    }
    const update = await decide(trx, before);
    if (changesNothing(before, update)) {
      // Asked for what is already so (the same status, the same reason): no write, no entry.
      return present(trx, before.id, props.at);
    }
    const after = await trx
      .updateTable('patrons')
      .set(update)
      .where('id', '=', before.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit(trx, props, action, before, after);
    return present(trx, after.id, props.at);
  });
}

function cardInUse(barcode: string): CircaError {
  // Never whose card it is: the desk may have the wrong person in front of it.
  return new CircaError('BARCODE_IN_USE', 409, CARD_IN_USE_MESSAGE, {
    field: 'barcode',
    barcode,
  });
}

async function audit(
  trx: Trx,
  props: PatronChangeProps,
  action: string,
  before: Selectable<PatronTable> | null,
  after: Selectable<PatronTable>,
): Promise<void> {
  await recordAudit(trx, {
    actor: props.actor,
    action,
    subjectType: 'patron',
    subjectId: after.id,
    before,
    after,
    at: props.at,
  });
}

async function present(trx: Trx, id: number, at: number): Promise<PatronRecord> {
  const record = await patronRecordById(trx, id);
  if (!record) throw new Error(`Patron ${id} vanished inside its own transaction.`);
  return presentPatronRecord(record, at);
}

/** True when every field of `update` already has that value in `before`. */
function changesNothing<Row extends object>(before: Row, update: Partial<Row>): boolean {
  return (Object.keys(update) as (keyof Row)[]).every((key) => update[key] === before[key]);
}
