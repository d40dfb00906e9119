// Staff users: who may sign in, with which role and home branch. Administrators add accounts, set
// a new password (which signs the person out everywhere), and disable an account when someone
// leaves (their sessions end at once). The last active administrator cannot be removed.
import { useState } from 'react';
import type { StaffUserRecord } from '../../shared/api/administration.ts';
import { formatDateTime } from '../../shared/calendar/formatDates.ts';
import { api, describeError } from '../api/client.ts';
import { useRemote } from '../offlineReports/useRemote.ts';
import { may } from '../session/may.ts';
import { useSession } from '../session/SessionContext.tsx';
import { AdminPage } from './AdminPage.tsx';
import { ListState } from './ListState.tsx';
import {
  DisableForm,
  NewStaffUserForm,
  PasswordForm,
  ROLE_NAMES,
  StaffUserForm,
} from './StaffUserForms.tsx';
import { useEditing } from './useEditing.ts';

type Editing =
  | { form: 'details'; user: StaffUserRecord }
  | { form: 'password'; user: StaffUserRecord }
  | { form: 'disable'; user: StaffUserRecord };

export function StaffUsersScreen() {
  const session = useSession();
  const canManage = may(session, 'staffUsers.manage');
  const timeZone = (session.workstation?.branch ?? session.user.branch).timeZone;
  const [version, setVersion] = useState(0);
  const users = useRemote(`staff-${version}`, () => api.listStaffUsers());
  const branches = useRemote('branches', () => api.listAdminBranches());
  const { editing, open, close } = useEditing<Editing>();
  const [enableError, setEnableError] = useState<string | null>(null);

  function saved() {
    setVersion((v) => v + 1);
    close();
  }

  async function enable(user: StaffUserRecord) {
    setEnableError(null);
    try {
      await api.enableStaffUser(user.id);
      setVersion((v) => v + 1);
    } catch (failure) {
      setEnableError(describeError(failure));
    }
  }

  const branchList = branches.data?.branches ?? [];
  return (
    <AdminPage
      id="staff-users"
      title="Staff users"
      intro="Who may sign in to Circa. Circulation staff lend and return; supervisors also decide what needs a supervisor and read this set-up; administrators change it."
    >
      {canManage ? (
        <button type="button" className="button--primary" onClick={() => open({ kind: 'new' })}>
          Add staff user
        </button>
      ) : null}
      {editing?.kind === 'new' ? (
        <NewStaffUserForm branches={branchList} onSaved={saved} onCancel={close} />
      ) : null}
      {editing?.kind === 'edit' && editing.record.form === 'details' ? (
        <StaffUserForm
          user={editing.record.user}
          branches={branchList}
          onSaved={saved}
          onCancel={close}
        />
      ) : null}
      {editing?.kind === 'edit' && editing.record.form === 'password' ? (
        <PasswordForm user={editing.record.user} onSaved={saved} onCancel={close} />
      ) : null}
      {editing?.kind === 'edit' && editing.record.form === 'disable' ? (
        <DisableForm user={editing.record.user} onSaved={saved} onCancel={close} />
      ) : null}
      <div role="alert" className="alerts">
        {enableError ? <p>{enableError}</p> : null}
      </div>
      <ListState remote={users} noun="staff users" />
      {users.data ? (
        <table className="loan-table">
          <caption>Staff users</caption>
          <thead>
            <tr>
              <th scope="col">Username</th>
              <th scope="col">Name</th>
              <th scope="col">Role</th>
              <th scope="col">Home branch</th>
              <th scope="col">Account</th>
              {canManage ? <th scope="col">Change</th> : null}
            </tr>
          </thead>
          <tbody>
            {users.data.staffUsers.map((user) => (
              <tr key={user.id}>
                <td>{user.username}</td>
                <td>{user.displayName}</td>
                <td>{ROLE_NAMES[user.role]}</td>
                <td>{user.branch.name}</td>
                <td>
                  {user.disabledAt === null
                    ? 'Active'
                    : `Disabled ${formatDateTime(user.disabledAt, timeZone)}`}
                </td>
                {canManage ? (
                  <td className="nowrap">
                    <button
                      type="button"
                      aria-label={`Edit ${user.username}`}
                      onClick={() => open({ kind: 'edit', record: { form: 'details', user } })}
                    >
                      Edit
                    </button>{' '}
                    <button
                      type="button"
                      aria-label={`Set a new password for ${user.username}`}
                      onClick={() => open({ kind: 'edit', record: { form: 'password', user } })}
                    >
                      New password
                    </button>{' '}
                    {user.disabledAt === null ? (
                      <button
                        type="button"
                        aria-label={`Disable ${user.username}`}
                        onClick={() => open({ kind: 'edit', record: { form: 'disable', user } })}
                      >
                        Disable
                      </button>
                    ) : (
                      <button
                        type="button"
                        aria-label={`Enable ${user.username}`}
                        onClick={() => void enable(user)}
                      >
                        Enable
                      </button>
                    )}
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </AdminPage>
  );
}
