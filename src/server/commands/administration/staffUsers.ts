// Staff accounts: create one with a role and home branch, change the name, role and branch, set a
// new password, disable and enable. Setting a password or disabling ends the account's sessions in
// the same transaction, so a disabled account's next request is already refused. The library is
// never left without an active administrator.
import type {
  NewStaffUser,
  StaffUserChange,
  StaffUserRecord,
} from '../../../shared/api/administration.ts';
import { passwordProblem } from '../../../shared/staff/passwordStrength.ts';
import { hashPassword } from '../../auth/passwords.ts';
import type { Branch, StaffUser } from '../../db/schema.ts';
import { CircaError } from '../../errors.ts';
import { presentStaffUser } from '../../presenters/administration.ts';
import {
  alreadyExists,
  audited,
  inChange,
  lowerOf,
  notFound,
  type AdminChangeProps,
  type Trx,
} from './adminChange.ts';

interface PasswordCost {
  /** scrypt's cost N for the new hash (config.passwordCost). */
  passwordCost: number;
}

async function branchById(trx: Trx, id: number): Promise<Branch> {
  const branch = await trx
    .selectFrom('branches')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  if (!branch) {
    throw new CircaError(
      'BAD_REQUEST',
      400,
      'The home branch chosen does not exist: choose a branch from the list.',
      { field: 'branchId' },
    );
  }
  return branch;
}

async function userById(trx: Trx, id: number): Promise<StaffUser> {
  const user = await trx
    .selectFrom('staff_users')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  if (!user) throw notFound('staff member', id);
  return user;
}

async function present(trx: Trx, user: StaffUser): Promise<StaffUserRecord> {
  return presentStaffUser(user, await branchById(trx, user.branch_id));
}

function refusePassword(password: string, username: string): void {
  const problem = passwordProblem(password, { username });
  if (problem) throw new CircaError('BAD_REQUEST', 400, problem, { field: 'password' });
}

/** Refuses a change that would leave no active administrator besides `user`. */
async function keepAnAdministrator(trx: Trx, user: StaffUser, doing: string): Promise<void> {
  if (user.role !== 'admin' || user.disabled_at !== null) return;
  // Two administrators disabling each other at once would each see the other still active: the
  // administrators' rows are locked first, so the second waits and counts after the first.
  await trx
    .updateTable('staff_users')
    .set((eb) => ({ id: eb.ref('id') }))
    .where('role', '=', 'admin')
    .execute();
  const others = await trx
    .selectFrom('staff_users')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('role', '=', 'admin')
    .where('disabled_at', 'is', null)
    .where('id', '!=', user.id)
    .executeTakeFirstOrThrow();
  if (Number(others.count) === 0) {
    throw new CircaError(
      'LAST_ADMINISTRATOR',
      409,
      `${user.username} is the library’s only active administrator, so ${doing} would leave nobody to administer Circa. Make another staff member an administrator first.`,
    );
  }
}

export async function createStaffUser(
  props: AdminChangeProps & PasswordCost & { user: NewStaffUser },
): Promise<StaffUserRecord> {
  const { user } = props;
  refusePassword(user.password, user.username);
  // Hashed before the transaction: scrypt takes a while, and holds no lock meanwhile.
  const passwordHash = await hashPassword(user.password, props.passwordCost);
  return inChange(props.db, async (trx) => {
    const taken = await trx
      .selectFrom('staff_users')
      .select('username')
      .where(lowerOf('username'), '=', user.username.toLowerCase())
      .executeTakeFirst();
    if (taken) {
      throw alreadyExists(
        `The username ${taken.username} is taken: choose another (sign-in ignores letter case).`,
        { field: 'username' },
      );
    }
    await branchById(trx, user.branchId);
    const row = await trx
      .insertInto('staff_users')
      .values({
        username: user.username,
        display_name: user.displayName,
        role: user.role,
        branch_id: user.branchId,
        password_hash: passwordHash,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return audited(trx, props, {
      action: 'staffUser.create',
      subjectType: 'staff_user',
      subjectId: row.id,
      before: null,
      after: await present(trx, row),
    });
  });
}

export async function changeStaffUser(
  props: AdminChangeProps & { id: number; change: StaffUserChange },
): Promise<StaffUserRecord> {
  const { id, change } = props;
  return inChange(props.db, async (trx) => {
    const existing = await userById(trx, id);
    if (change.role !== 'admin') await keepAnAdministrator(trx, existing, 'changing their role');
    await branchById(trx, change.branchId);
    const row = await trx
      .updateTable('staff_users')
      .set({ display_name: change.displayName, role: change.role, branch_id: change.branchId })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    return audited(trx, props, {
      action: 'staffUser.update',
      subjectType: 'staff_user',
      subjectId: id,
      before: await present(trx, existing),
      after: await present(trx, row),
    });
  });
}

/** Sets a new password and ends every session of the account (they sign in with the new one). */
export async function resetStaffPassword(
  props: AdminChangeProps & PasswordCost & { id: number; password: string },
): Promise<StaffUserRecord> {
  const { id, password } = props;
  const known = await props.db
    .selectFrom('staff_users')
    .select('username')
    .where('id', '=', id)
    .executeTakeFirst();
  if (!known) throw notFound('staff member', id);
  refusePassword(password, known.username);
  const passwordHash = await hashPassword(password, props.passwordCost);
  return inChange(props.db, async (trx) => {
    const existing = await userById(trx, id);
    await trx
      .updateTable('staff_users')
      .set({ password_hash: passwordHash })
      .where('id', '=', id)
      .execute();
    await trx.deleteFrom('sessions').where('staff_user_id', '=', id).execute();
    const shown = await present(trx, existing);
    // The password itself never enters the log: the entry says only that it was set.
    return audited(trx, props, {
      action: 'staffUser.resetPassword',
      subjectType: 'staff_user',
      subjectId: id,
      before: shown,
      after: shown,
    });
  });
}

/** Disables the account and ends its sessions at once, in one transaction. */
export async function disableStaffUser(
  props: AdminChangeProps & { id: number; reason: string },
): Promise<StaffUserRecord> {
  const { at, id, reason } = props;
  return inChange(props.db, async (trx) => {
    const existing = await userById(trx, id);
    if (existing.disabled_at !== null) return present(trx, existing);
    await keepAnAdministrator(trx, existing, 'disabling their account');
    const row = await trx
      .updateTable('staff_users')
      .set({ disabled_at: at })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await trx.deleteFrom('sessions').where('staff_user_id', '=', id).execute();
    const after = await present(trx, row);
    await audited(trx, props, {
      action: 'staffUser.disable',
      subjectType: 'staff_user',
      subjectId: id,
      before: await present(trx, existing),
      after: { ...after, reason },
    });
    return after;
  });
}

export async function enableStaffUser(
  props: AdminChangeProps & { id: number },
): Promise<StaffUserRecord> {
  const { id } = props;
  return inChange(props.db, async (trx) => {
    const existing = await userById(trx, id);
    if (existing.disabled_at === null) return present(trx, existing);
    const row = await trx
      .updateTable('staff_users')
      .set({ disabled_at: null })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    return audited(trx, props, {
      action: 'staffUser.enable',
      subjectType: 'staff_user',
      subjectId: id,
      before: await present(trx, existing),
      after: await present(trx, row),
    });
  });
}
