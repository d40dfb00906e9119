// Staff users: who may sign in, with which role and home branch. Administrators add accounts, set
// a new password (which signs the person out everywhere), and disable an account when someone
// leaves (their sessions end at once). The last active administrator cannot be removed.
import { useState } from 'react';
import type { StaffUserList, StaffUserRecord } from '../../shared/api/administration.ts';
import { formatDateTime } from '../../shared/calendar/formatDates.ts';
import { api, describeError } from '../api/client.ts';
import { useRemote } from '../offlineReports/useRemote.ts';
import { AddRecordButton } from './AddRecordButton.tsx';
import { AdminPage } from './AdminPage.tsx';
import { ListState } from './ListState.tsx';
import { RecordTable } from './RecordTable.tsx';
import {
  DisableForm,
  NewStaffUserForm,
  PasswordForm,
  ROLE_NAMES,
  StaffUserForm,
} from './StaffUserForms.tsx';
import { useAdminList } from './useAdminList.ts';

type Editing =
  | { form: 'details'; user: StaffUserRecord }
  | { form: 'password'; user: StaffUserRecord }
  | { form: 'disable'; user: StaffUserRecord };

export function StaffUsersScreen() {
  const { session, canManage, list, editing, open, close, reload, saved } = useAdminList<
    StaffUserList,
    Editing
  >('staff', 'staffUsers.manage', () => api.listStaffUsers());
  const timeZone = (session.workstation?.branch ?? session.user.branch).timeZone;
  const branches = useRemote('branches', () => api.listAdminBranches());
  const [enableError, setEnableError] = useState<string | null>(null);

  async function enable(user: StaffUserRecord) {
    setEnableError(null);
    try {
      await api.enableStaffUser(user.id);
      reload();
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
      <AddRecordButton
        canManage={canManage}
        label="Add staff user"
        onClick={() => open({ kind: 'new' })}
      />
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
      <ListState remote={list} noun="staff users" />
      {list.data ? (
        <RecordTable
          caption="Staff users"
          columns={[
            { header: 'Username', cell: (user) => user.username },
            { header: 'Name', cell: (user) => user.displayName },
            { header: 'Role', cell: (user) => ROLE_NAMES[user.role] },
            { header: 'Home branch', cell: (user) => user.branch.name },
            {
              header: 'Account',
              cell: (user) =>
                user.disabledAt === null
                  ? 'Active'
                  : `Disabled ${formatDateTime(user.disabledAt, timeZone)}`,
            },
          ]}
          records={list.data.staffUsers}
          actions={
            canManage
              ? (user) => [
                  {
                    label: 'Edit',
                    name: `Edit ${user.username}`,
                    onClick: () => open({ kind: 'edit', record: { form: 'details', user } }),
                  },
                  {
                    label: 'New password',
                    name: `Set a new password for ${user.username}`,
                    onClick: () => open({ kind: 'edit', record: { form: 'password', user } }),
                  },
                  user.disabledAt === null
                    ? {
                        label: 'Disable',
                        name: `Disable ${user.username}`,
                        onClick: () => open({ kind: 'edit', record: { form: 'disable', user } }),
                      }
                    : {
                        label: 'Enable',
                        name: `Enable ${user.username}`,
                        onClick: () => void enable(user),
                      },
                ]
              : undefined
          }
        />
      ) : null}
    </AdminPage>
  );
}
