// Adding a branch and changing one's name, time zone and closed weekdays. Its code never changes:
// offline transactions and files name the branch by it. New due dates follow the change at once.
import type { Branch as ApiBranch } from '../../../shared/api/library.ts';
import type { BranchChange, NewBranch } from '../../../shared/api/administration.ts';
import { recordAudit } from '../../db/auditLog.ts';
import { presentLibraryBranch } from '../../presenters/library.ts';
import {
  alreadyExists,
  inChange,
  lowerOf,
  notFound,
  type AdminChangeProps,
} from './adminChange.ts';

function storedWeekdays(days: readonly number[]): string {
  return days.toSorted((a, b) => a - b).join(',');
}

export async function createBranch(
  props: AdminChangeProps & { branch: NewBranch },
): Promise<ApiBranch> {
  const { actor, at, branch } = props;
  return inChange(props.db, async (trx) => {
    const taken = await trx
      .selectFrom('branches')
      .select('code')
      .where(lowerOf('code'), '=', branch.code.toLowerCase())
      .executeTakeFirst();
    if (taken) {
      throw alreadyExists(
        `A branch with the code ${taken.code} exists already: choose another code, or edit that branch.`,
        { field: 'code' },
      );
    }
    const row = await trx
      .insertInto('branches')
      .values({
        code: branch.code,
        name: branch.name,
        time_zone: branch.timeZone,
        closed_weekdays: storedWeekdays(branch.closedWeekdays),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const after = presentLibraryBranch(row);
    await recordAudit(trx, {
      actor,
      at,
      action: 'branch.create',
      subjectType: 'branch',
      subjectId: row.id,
      before: null,
      after,
    });
    return after;
  });
}

export async function changeBranch(
  props: AdminChangeProps & { id: number; change: BranchChange },
): Promise<ApiBranch> {
  const { actor, at, id, change } = props;
  return inChange(props.db, async (trx) => {
    const existing = await trx
      .selectFrom('branches')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    if (!existing) throw notFound('branch', id);
    const row = await trx
      .updateTable('branches')
      .set({
        name: change.name,
        time_zone: change.timeZone,
        closed_weekdays: storedWeekdays(change.closedWeekdays),
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    const after = presentLibraryBranch(row);
    await recordAudit(trx, {
      actor,
      at,
      action: 'branch.update',
      subjectType: 'branch',
      subjectId: id,
      before: presentLibraryBranch(existing),
      after,
    });
    return after;
  });
}
