// The forms of the Staff users page: add an account, change its name, role and home branch, set a
// new password, and disable it with a reason. Each checks what was typed against the API contract
// before sending, so a mistake is explained in the same words the server would use.
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
import { passwordProblem } from '../../shared/staff/passwordStrength.ts';
import { api } from '../api/client.ts';
import { FormProblem, parseOrThrow } from './parseOrThrow.ts';
import { BranchSelect } from './BranchSelect.tsx';
import { Field, RecordForm } from './RecordForm.tsx';

export const ROLE_NAMES: Record<StaffRole, string> = {
  circulation: 'Circulation',
  supervisor: 'Supervisor',
  admin: 'Administrator',
};

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
        <BranchSelect branches={branches} value={branchId} onChange={setBranchId} />
      </Field>
    </>
  );
}

export function NewStaffUserForm({
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

export function StaffUserForm({
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

export function PasswordForm({
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

export function DisableForm({
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
