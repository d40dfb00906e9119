// Workstations: the desks Circa knows, at which branch, and when each was last used. A browser
// names its workstation at sign-in, which adds it; here administrators add one ahead, rename or
// move one, and remove one that never lent (one with history stays, so reports can name it).
import { useState } from 'react';
import { WorkstationInput, type WorkstationRecord } from '../../shared/api/administration.ts';
import type { Branch } from '../../shared/api/library.ts';
import { formatDateTime } from '../../shared/calendar/formatDates.ts';
import { api } from '../api/client.ts';
import { useRemote } from '../offlineReports/useRemote.ts';
import { may } from '../session/may.ts';
import { useSession } from '../session/SessionContext.tsx';
import { AdminPage } from './AdminPage.tsx';
import { ListState } from './ListState.tsx';
import { parseOrThrow } from './parseOrThrow.ts';
import { Field, RecordForm } from './RecordForm.tsx';
import { useEditing } from './useEditing.ts';

export function WorkstationsScreen() {
  const session = useSession();
  const canManage = may(session, 'workstations.manage');
  const [version, setVersion] = useState(0);
  const workstations = useRemote(`workstations-${version}`, () => api.listWorkstations());
  const branches = useRemote('branches', () => api.listAdminBranches());
  const { editing, open, close } = useEditing<{
    workstation: WorkstationRecord;
    form: 'change' | 'remove';
  }>();

  function saved() {
    setVersion((v) => v + 1);
    close();
  }

  return (
    <AdminPage
      id="workstations"
      title="Workstations"
      intro="The computers staff lend from. Each belongs to a branch, whose time zone, closed days and loan rules it uses; offline clients and reports name it."
    >
      {canManage ? (
        <button type="button" className="button--primary" onClick={() => open({ kind: 'new' })}>
          Add workstation
        </button>
      ) : null}
      {editing?.kind === 'new' || (editing?.kind === 'edit' && editing.record.form === 'change') ? (
        <WorkstationForm
          workstation={editing.kind === 'edit' ? editing.record.workstation : null}
          branches={branches.data?.branches ?? []}
          onSaved={saved}
          onCancel={() => close()}
        />
      ) : null}
      {editing?.kind === 'edit' && editing.record.form === 'remove' ? (
        <RecordForm
          title={`Remove ${editing.record.workstation.name}?`}
          submitLabel="Remove workstation"
          onSubmit={async () => {
            await api.removeWorkstation(editing.record.workstation.id);
            setVersion((v) => v + 1);
            close({ removed: true });
          }}
          onCancel={() => close()}
        >
          <p>
            Only a workstation that never lent or sent offline transactions can be removed. A
            browser signed in there is asked which workstation it is when the page is next loaded.
          </p>
        </RecordForm>
      ) : null}
      <ListState remote={workstations} noun="workstations" />
      {workstations.data ? (
        <table className="loan-table">
          <caption>Workstations</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Branch</th>
              <th scope="col">Added</th>
              <th scope="col">Last used</th>
              {canManage ? <th scope="col">Change</th> : null}
            </tr>
          </thead>
          <tbody>
            {workstations.data.workstations.map((workstation) => (
              <tr key={workstation.id}>
                <td>{workstation.name}</td>
                <td>{workstation.branch.name}</td>
                <td>{formatDateTime(workstation.createdAt, workstation.branch.timeZone)}</td>
                <td>
                  {workstation.lastUsedAt === null
                    ? 'Never'
                    : formatDateTime(workstation.lastUsedAt, workstation.branch.timeZone)}
                </td>
                {canManage ? (
                  <td className="nowrap">
                    <button
                      type="button"
                      aria-label={`Edit ${workstation.name}`}
                      onClick={() =>
                        open({ kind: 'edit', record: { workstation, form: 'change' } })
                      }
                    >
                      Edit
                    </button>{' '}
                    <button
                      type="button"
                      aria-label={`Remove ${workstation.name}`}
                      onClick={() =>
                        open({ kind: 'edit', record: { workstation, form: 'remove' } })
                      }
                    >
                      Remove
                    </button>
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

function WorkstationForm({
  workstation,
  branches,
  onSaved,
  onCancel,
}: {
  workstation: WorkstationRecord | null;
  branches: readonly Branch[];
  onSaved(): void;
  onCancel(): void;
}) {
  const [name, setName] = useState(workstation?.name ?? '');
  const [branchId, setBranchId] = useState(workstation ? String(workstation.branch.id) : '');

  async function submit() {
    const input = parseOrThrow(WorkstationInput, { name, branchId: Number(branchId) });
    if (workstation) await api.changeWorkstation(workstation.id, input);
    else await api.createWorkstation(input);
    onSaved();
  }

  return (
    <RecordForm
      title={workstation ? `Change ${workstation.name}` : 'Add a workstation'}
      submitLabel={workstation ? 'Save workstation' : 'Add workstation'}
      onSubmit={submit}
      onCancel={onCancel}
    >
      <Field
        label="Name"
        hint="Letters, digits, spaces, dots, dashes, e.g. MAIN-DESK-2. Offline clients set up with the old name keep sending under it."
      >
        <input value={name} maxLength={40} onChange={(e) => setName(e.target.value)} />
      </Field>
      <Field label="Branch">
        <select value={branchId} onChange={(e) => setBranchId(e.target.value)}>
          <option value="">Choose a branch</option>
          {branches.map((branch) => (
            <option key={branch.id} value={String(branch.id)}>
              {branch.name}
            </option>
          ))}
        </select>
      </Field>
    </RecordForm>
  );
}
