// Adding a branch and changing one's name, time zone and closed weekdays. Its code never changes:
// offline transactions and files name the branch by it. New due dates follow the change at once.
import type { Branch as ApiBranch } from '../../../shared/api/library.ts';
import type { BranchChange, NewBranch } from '../../../shared/api/administration.ts';
import { presentLibraryBranch } from '../../presenters/library.ts';
import {
  audited,
  existingRecord,
  inChange,
  refuseTakenCode,
  type AdminChangeProps,
} from './adminChange.ts';

function storedWeekdays(days: readonly number[]): string {
  return days.toSorted((a, b) => a - b).join(',');
}

export async function createBranch(
  props: AdminChangeProps & { branch: NewBranch },
): Promise<ApiBranch> {
  const { branch } = props;
  return inChange(props.db, async (trx) => {
    await refuseTakenCode(trx, 'branches', branch.code, 'branch');
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
    return audited(trx, props, {
      action: 'branch.create',
      subjectType: 'branch',
      subjectId: row.id,
      before: null,
      after: presentLibraryBranch(row),
    });
  });
}

export async function changeBranch(
  props: AdminChangeProps & { id: number; change: BranchChange },
): Promise<ApiBranch> {
  const { id, change } = props;
  return inChange(props.db, async (trx) => {
    const existing = await existingRecord(trx, 'branches', id, 'branch');
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
    return audited(trx, props, {
      action: 'branch.update',
      subjectType: 'branch',
      subjectId: id,
      before: presentLibraryBranch(existing),
      after: presentLibraryBranch(row),
    });
  });
}
