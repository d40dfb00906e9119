// Workstations: the desks Circa knows, at which branch, and when each was last used. A browser
// names its workstation at sign-in, which adds it; here administrators add one ahead, rename or
// move one, and remove one that never lent (one with history stays, so reports can name it).
import { useState } from 'react';
import {
  WorkstationInput,
  type WorkstationList,
  type WorkstationRecord,
} from '../../shared/api/administration.ts';
import type { Branch } from '../../shared/api/library.ts';
import { formatDateTime } from '../../shared/calendar/formatDates.ts';
import { api } from '../api/client.ts';
import { useRemote } from '../offlineReports/useRemote.ts';
import { AddRecordButton } from './AddRecordButton.tsx';
import { AdminPage } from './AdminPage.tsx';
import { ListState } from './ListState.tsx';
import { parseOrThrow } from './parseOrThrow.ts';
import { BranchSelect } from './BranchSelect.tsx';
import { Field, RecordForm } from './RecordForm.tsx';
import { RecordTable } from './RecordTable.tsx';
import { useAdminList } from './useAdminList.ts';

export function WorkstationsScreen() {
  const { canManage, list, editing, open, close, reload, saved } = useAdminList<
    WorkstationList,
    { workstation: WorkstationRecord; form: 'change' | 'remove' }
  >('workstations', 'workstations.manage', () => api.listWorkstations());
  const branches = useRemote('branches', () => api.listAdminBranches());

  return (
    <AdminPage
      id="workstations"
      title="Workstations"
      intro="The computers staff lend from. Each belongs to a branch, whose time zone, closed days and loan rules it uses; offline clients and reports name it."
    >
      <AddRecordButton
        canManage={canManage}
        label="Add workstation"
        onClick={() => open({ kind: 'new' })}
      />
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
            reload();
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
      <ListState remote={list} noun="workstations" />
      {list.data ? (
        <RecordTable
          caption="Workstations"
          columns={[
            { header: 'Name', cell: (workstation) => workstation.name },
            { header: 'Branch', cell: (workstation) => workstation.branch.name },
            {
              header: 'Added',
              cell: (workstation) =>
                formatDateTime(workstation.createdAt, workstation.branch.timeZone),
            },
            {
              header: 'Last used',
              cell: (workstation) =>
                workstation.lastUsedAt === null
                  ? 'Never'
                  : formatDateTime(workstation.lastUsedAt, workstation.branch.timeZone),
            },
          ]}
          records={list.data.workstations}
          actions={
            canManage
              ? (workstation) => [
                  {
                    label: 'Edit',
                    name: `Edit ${workstation.name}`,
                    onClick: () => open({ kind: 'edit', record: { workstation, form: 'change' } }),
                  },
                  {
                    label: 'Remove',
                    name: `Remove ${workstation.name}`,
                    onClick: () => open({ kind: 'edit', record: { workstation, form: 'remove' } }),
                  },
                ]
              : undefined
          }
        />
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
        <BranchSelect branches={branches} value={branchId} onChange={setBranchId} />
      </Field>
    </RecordForm>
  );
}
