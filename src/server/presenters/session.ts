// Turns the signed-in staff member's rows into the SessionInfo the web apps see, with the actions
// their role allows.
import type { Kysely } from 'kysely';
import type { BranchSummary, SessionInfo } from '../../shared/api/session.ts';
import type { StaffContext } from '../auth/guard.ts';
import type { Branch, Database } from '../db/schema.ts';
import { actionsOf } from '../policies/policies.ts';

export function presentBranch(branch: Branch): BranchSummary {
  return { id: branch.id, code: branch.code, name: branch.name, timeZone: branch.time_zone };
}

export async function presentSessionInfo(
  db: Kysely<Database>,
  staff: StaffContext,
): Promise<SessionInfo> {
  const { user, workstation, session } = staff;
  const branchIds = [user.branch_id, ...(workstation ? [workstation.branch_id] : [])];
  const branches = await db
    .selectFrom('branches')
    .selectAll()
    .where('id', 'in', branchIds)
    .execute();
  // For what the staff app prints under the library's name (the loan receipt).
  const library = await db
    .selectFrom('library_settings')
    .select(['library_name', 'install_offline_client_at_sign_in'])
    .where('id', '=', 1)
    .executeTakeFirst();
  const branchById = new Map(branches.map((b) => [b.id, b]));
  const branchOf = (id: number): BranchSummary => {
    const branch = branchById.get(id);
    if (!branch) throw new Error(`Branch ${id} of the signed-in staff member does not exist.`);
    return presentBranch(branch);
  };
  return {
    libraryName: library?.library_name ?? '',
    user: {
      id: user.id,
      username: user.username,
      displayName: user.display_name,
      role: user.role,
      branch: branchOf(user.branch_id),
    },
    // As Outline's presenters attach `policies`: the app asks "may I?" instead of knowing roles.
    actions: actionsOf(user.role),
    workstation: workstation
      ? { id: workstation.id, name: workstation.name, branch: branchOf(workstation.branch_id) }
      : null,
    csrfToken: session.csrf_token,
    expiresAt: session.expires_at,
    installOfflineClientAtSignIn: library?.install_offline_client_at_sign_in === 1,
  };
}
