// Looking after a placed hold: suspend it until a day, resume it, change where it is collected,
// cancel it. Each is one conditional update: it applies only if the hold is still in the status the
// rules judged, so a check-in catching a copy for the hold at the same moment is never overwritten.
import type { Kysely, Transaction } from 'kysely';
import type { CancelHoldResult } from '../../../shared/api/holdRequests.ts';
import type { Hold, HoldStatus } from '../../../shared/api/holds.ts';
import { localDate } from '../../../shared/calendar/localTime.ts';
import {
  refuseHoldChange,
  refuseSuspendUntil,
  type HoldChange,
  type HoldRefusal,
} from '../../../shared/holds/holdRules.ts';
import { holdViewById, readQueuePositions, type HoldView } from '../../db/holdViews.ts';
import type { Database, HoldTable } from '../../db/schema.ts';
import { CircaError } from '../../errors.ts';
import { toHold } from '../../presenters/holds.ts';
import type { CirculationActor } from '../actor.ts';
import { branchByCode } from './placeHold.ts';

export interface HoldChangeProps {
  db: Kysely<Database>;
  /** Who changes it (kept on the hold when it ends). */
  actor: CirculationActor;
  holdId: number;
  /** Epoch ms. */
  at: number;
}

/** Not filled before `until` ('YYYY-MM-DD' at the pickup branch); keeps its place in the queue. */
export async function suspendHold(props: HoldChangeProps & { until: string }): Promise<Hold> {
  return (
    await change(props, 'suspend', (hold) => {
      const today = localDate(props.at, hold.pickup_branch_time_zone);
      const refusal = refuseSuspendUntil(props.until, today);
      return refusal ?? { suspended_until: props.until };
    })
  ).hold;
}

/** Ends a suspension: the hold may be filled again today, from the place it kept. */
export async function resumeHold(props: HoldChangeProps): Promise<Hold> {
  return (await change(props, 'resume', () => ({ suspended_until: null }))).hold;
}

/** The patron collects at another branch; only while no copy is on its way or on the shelf. */
export async function changePickup(props: HoldChangeProps & { branchCode: string }): Promise<Hold> {
  const code = props.branchCode.trim();
  return (
    await change(props, 'changePickup', async (_hold, trx) => {
      const branch = await branchByCode(trx, code);
      if (!branch) {
        return {
          code: 'HOLD_PICKUP_BRANCH_UNKNOWN',
          status: 400,
          message: `No branch has the code "${code}": choose a pickup branch from the list.`,
          details: { branch: code },
        } satisfies HoldRefusal;
      }
      return { pickup_branch_id: branch.id };
    })
  ).hold;
}

/**
 * Cancels the hold, whatever its active status. When a copy was caught for it, that copy stays
 * where it is (in transit or on the hold shelf) and is named as `releasedItem`: staff take it and
 * check it in, and check-in sends it to the next hold or home.
 */
export async function cancelHold(props: HoldChangeProps): Promise<CancelHoldResult> {
  const { hold, before } = await change(props, 'cancel', () => ({
    status: 'cancelled',
    ended_at: props.at,
    ended_by: props.actor.staffUserId,
  }));
  const released = before.trapped_item_id;
  if (released === null || before.status === 'waiting') return { hold, releasedItem: null };
  const item = await props.db
    .selectFrom('items')
    .select(['id', 'barcode', 'title'])
    .where('id', '=', released)
    .executeTakeFirstOrThrow();
  return { hold, releasedItem: item };
}

type HoldUpdate = Partial<
  Pick<HoldTable, 'status' | 'suspended_until' | 'pickup_branch_id' | 'ended_at' | 'ended_by'>
>;

/** How many times a change is judged again when the hold changed under it (a check-in caught it). */
const CHANGE_ATTEMPTS = 3;

async function change(
  props: HoldChangeProps,
  kind: HoldChange,
  decide: (
    hold: HoldView,
    trx: Transaction<Database>,
  ) => HoldUpdate | HoldRefusal | Promise<HoldUpdate | HoldRefusal>,
): Promise<{ hold: Hold; before: HoldView }> {
  for (let attempt = 1; ; attempt += 1) {
    const outcome = await props.db.transaction().execute(async (trx) => {
      const before = await requireHold(trx, props.holdId);
      const refusal = refuseHoldChange(kind, before.status);
      if (refusal) throw refusalError(refusal);
      const decided = await decide(before, trx);
      if ('code' in decided) throw refusalError(decided);
      const result = await trx
        .updateTable('holds')
        .set(decided)
        .where('id', '=', before.id)
        .where('status', '=', before.status as HoldStatus)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0) return null;
      const after = await requireHold(trx, before.id);
      const positions = await readQueuePositions(trx, [after]);
      return { hold: toHold(after, positions.get(after.id) ?? null), before };
    });
    if (outcome) return outcome;
    if (attempt >= CHANGE_ATTEMPTS) {
      throw new CircaError(
        'HOLD_NOT_ACTIVE',
        409,
        'This hold keeps changing just now: look at it again, then try once more.',
      );
    }
  }
}

async function requireHold(db: Kysely<Database>, holdId: number): Promise<HoldView> {
  const hold = await holdViewById(db, holdId);
  if (!hold) {
    throw new CircaError(
      'NOT_FOUND',
      404,
      `There is no hold number ${holdId}: look at the patron's holds again.`,
      {
        holdId,
      },
    );
  }
  return hold;
}

function refusalError(refusal: HoldRefusal): CircaError {
  return new CircaError(refusal.code, refusal.status, refusal.message, refusal.details);
}
