// Staff users: who may sign in, with which role and home branch. Administrators add accounts, set
// a new password (which signs the person out everywhere), and disable an account when someone
// leaves (their sessions end at once). The last active administrator cannot be removed.
import { useState } from 'react';
import {
  DisableStaffUser,
  NewStaffUser,
  PasswordReset,
  StaffUserChange,
  type StaffUserRecord,
} from '../../shared/api/administration.ts';
import type { Branch } from '../../shared/api/library.ts';
import { StaffRole } from '../../shared/api/session.ts';
import { formatDateTime } from '../../shared/calendar/formatDates.ts';
import { passwordProblem } from '../../shared/staff/passwordStrength.ts';
import { api, describeError } from '../api/client.ts';
import { useRemote } from '../offlineReports/useRemote.ts';
import { may } from '../session/may.ts';
import { useSession } from '../session/SessionContext.tsx';
import { AdminPage } from './AdminPage.tsx';
import { ListState } from './ListState.tsx';
import { FormProblem, parseOrThrow } from './parseOrThrow.ts';
import { Field, RecordForm } from './RecordForm.tsx';
import { useEditing } from './useEditing.ts';

const ROLE_NAMES: Record<StaffRole, string> = {
  circulation: 'Circulation',
  supervisor: 'Supervisor',
  admin: 'Administrator',
};

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

function RoleAndBranch({
  role,
  setRole,
  branchId,
  setBranchId,
  branches,
}: {
  role: StaffRole;
  setRole(role: StaffRole): void;
  branchId: string;
  setBranchId(id: string): void;
  branches: readonly Branch[];
}) {
  return (
    <>
      <Field label="Role">
        <select value={role} onChange={(e) => setRole(StaffRole.parse(e.target.value))}>
          {StaffRole.options.map((option) => (
            <option key={option} value={option}>
              {ROLE_NAMES[option]}
            </option>
          ))}
        </select>
      </Field>
      <Field label="Home branch" hint="Where they usually work; new workstations start here.">
        <select value={branchId} onChange={(e) => setBranchId(e.target.value)}>
          <option value="">Choose a branch</option>
          {branches.map((branch) => (
            <option key={branch.id} value={String(branch.id)}>
              {branch.name}
            </option>
          ))}
        </select>
      </Field>
    </>
  );
}

function NewStaffUserForm({
  branches,
  onSaved,
  onCancel,
}: {
  branches: readonly Branch[];
  onSaved(): void;
  onCancel(): void;
}) {
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<StaffRole>('circulation');
  const [branchId, setBranchId] = useState('');
  const [password, setPassword] = useState('');

  async function submit() {
    const user = parseOrThrow(NewStaffUser, {
      username,
      displayName,
      role,
      branchId: Number(branchId),
      password,
    });
    await api.createStaffUser(user);
    onSaved();
  }

  return (
    <RecordForm
      title="Add a staff user"
      submitLabel="Add staff user"
      onSubmit={submit}
      onCancel={onCancel}
    >
      <Field label="Username" hint="What they type to sign in; it cannot change later.">
        <input
          value={username}
          autoComplete="off"
          maxLength={100}
          onChange={(e) => setUsername(e.target.value)}
        />
      </Field>
      <Field label="Name" hint="As receipts and reports show it.">
        <input
          value={displayName}
          maxLength={200}
          onChange={(e) => setDisplayName(e.target.value)}
        />
      </Field>
      <RoleAndBranch
        role={role}
        setRole={setRole}
        branchId={branchId}
        setBranchId={setBranchId}
        branches={branches}
      />
      <Field
        label="Password"
        hint="At least 12 characters; a few words together are easy to remember."
      >
        <input
          type="password"
          autoComplete="new-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
      </Field>
    </RecordForm>
  );
}

function StaffUserForm({
  user,
  branches,
  onSaved,
  onCancel,
}: {
  user: StaffUserRecord;
  branches: readonly Branch[];
  onSaved(): void;
  onCancel(): void;
}) {
  const [displayName, setDisplayName] = useState(user.displayName);
  const [role, setRole] = useState<StaffRole>(user.role);
  const [branchId, setBranchId] = useState(String(user.branch.id));

  async function submit() {
    const change = parseOrThrow(StaffUserChange, {
      displayName,
      role,
      branchId: Number(branchId),
    });
    await api.changeStaffUser(user.id, change);
    onSaved();
  }

  return (
    <RecordForm
      title={`Change ${user.username}`}
      submitLabel="Save staff user"
      onSubmit={submit}
      onCancel={onCancel}
    >
      <Field label="Name">
        <input
          value={displayName}
          maxLength={200}
          onChange={(e) => setDisplayName(e.target.value)}
        />
      </Field>
      <RoleAndBranch
        role={role}
        setRole={setRole}
        branchId={branchId}
        setBranchId={setBranchId}
        branches={branches}
      />
    </RecordForm>
  );
}

function PasswordForm({
  user,
  onSaved,
  onCancel,
}: {
  user: StaffUserRecord;
  onSaved(): void;
  onCancel(): void;
}) {
  const [password, setPassword] = useState('');

  async function submit() {
    const { password: checked } = parseOrThrow(PasswordReset, { password });
    const problem = passwordProblem(checked, { username: user.username });
    if (problem) throw new FormProblem(problem);
    await api.resetStaffPassword(user.id, checked);
    onSaved();
  }

  return (
    <RecordForm
      title={`Set a new password for ${user.username}`}
      submitLabel="Set password"
      onSubmit={submit}
      onCancel={onCancel}
    >
      <Field
        label="New password"
        hint="They are signed out everywhere and sign in again with this password."
      >
        <input
          type="password"
          autoComplete="new-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
      </Field>
    </RecordForm>
  );
}

function DisableForm({
  user,
  onSaved,
  onCancel,
}: {
  user: StaffUserRecord;
  onSaved(): void;
  onCancel(): void;
}) {
  const [reason, setReason] = useState('');

  async function submit() {
    const { reason: checked } = parseOrThrow(DisableStaffUser, { reason });
    await api.disableStaffUser(user.id, checked);
    onSaved();
  }

  return (
    <RecordForm
      title={`Disable ${user.username}`}
      submitLabel="Disable account"
      onSubmit={submit}
      onCancel={onCancel}
    >
      <Field
        label="Reason"
        hint="Kept in the audit log. They are signed out at once and cannot sign in until enabled again."
      >
        <input value={reason} maxLength={200} onChange={(e) => setReason(e.target.value)} />
      </Field>
    </RecordForm>
  );
}
