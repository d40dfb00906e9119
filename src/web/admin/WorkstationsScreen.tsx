// Workstations: the desks Circa knows, at which branch, how each one's offline client stands
// (installed, version, data age, unsent, journal) and when each was last seen, so a supervisor
// finds the desk that could not lend through the next outage before it happens. A browser names
// its workstation at sign-in, which adds it; here administrators add one ahead, rename or move
// one, and remove one that never lent (one with history stays, so reports can name it).
import { useState } from 'react';
import { Link } from 'wouter';
import {
  WorkstationInput,
  type WorkstationList,
  type WorkstationRecord,
} from '../../shared/api/administration.ts';
import type { Branch } from '../../shared/api/library.ts';
import { formatDateTime } from '../../shared/calendar/formatDates.ts';
import { describeRuns } from '../../shared/offline/recovery.ts';
import { describeAgo, describeLastSeen } from '../../shared/workstations/notSeen.ts';
import {
  describeOfflineClient,
  JOURNAL_WORDS,
  matchesFilter,
  newestAppVersion,
  seenMoments,
  WORKSTATION_FILTER_WORDS,
  WORKSTATION_FILTERS,
  type WorkstationFilter,
} from '../../shared/workstations/offlineClientHealth.ts';
import { api } from '../api/client.ts';
import { useNow } from '../lib/useNow.ts';
import { workstationReportHref } from '../offlineReports/MissingTransactions.tsx';
import { useRemote } from '../offlineReports/useRemote.ts';
import { may } from '../session/may.ts';
import { useSession } from '../session/SessionContext.tsx';
import { AddRecordButton } from './AddRecordButton.tsx';
import { AdminPage } from './AdminPage.tsx';
import { ListState } from './ListState.tsx';
import { parseOrThrow } from './parseOrThrow.ts';
import { BranchSelect } from './BranchSelect.tsx';
import { Field, RecordForm } from './RecordForm.tsx';
import { RecordTable, type RecordColumn } from './RecordTable.tsx';
import { useAdminList } from './useAdminList.ts';

export function WorkstationsScreen() {
  const { canManage, list, editing, open, close, reload, saved } = useAdminList<
    WorkstationList,
    { workstation: WorkstationRecord; form: 'change' | 'remove' }
  >('workstations', 'workstations.manage', () => api.listWorkstations());
  const branches = useRemote('branches', () => api.listAdminBranches());
  const session = useSession();
  const [filter, setFilter] = useState<WorkstationFilter>('all');
  // One moment for the whole table, so every age in it is measured from the same now.
  const now = useNow();
  const workstations = list.data?.workstations ?? [];
  const newestVersion = newestAppVersion(workstations);
  const shown = workstations.filter((w) => matchesFilter(w, filter, { now, newestVersion }));
  const columns = workstationColumns({
    now,
    mayReadReport: may(session, 'offline.report.read'),
  });

  return (
    <AdminPage
      id="workstations"
      title="Workstations"
      intro="The computers staff lend from. Each belongs to a branch, whose time zone, closed days and loan rules it uses; offline clients and reports name it. Its offline client reports at each sign-in: a desk without one, or not seen for a week, could not lend through the next outage."
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
        <>
          <Field label="Show">
            <select
              value={filter}
              onChange={(e) => setFilter(asFilter(e.target.value))}
              className="workstation-filter"
            >
              {WORKSTATION_FILTERS.map((choice) => (
                <option key={choice} value={choice}>
                  {WORKSTATION_FILTER_WORDS[choice]}
                </option>
              ))}
            </select>
          </Field>
          {shown.length === 0 ? <p className="muted">No workstation to show here.</p> : null}
        </>
      ) : null}
      {list.data && shown.length > 0 ? (
        <RecordTable
          caption="Workstations"
          columns={columns}
          records={shown}
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

function asFilter(value: string): WorkstationFilter {
  return WORKSTATION_FILTERS.find((choice) => choice === value) ?? 'all';
}

/** The list's columns: what a supervisor needs to see that every desk could lend offline. */
function workstationColumns(props: {
  now: number;
  mayReadReport: boolean;
}): RecordColumn<WorkstationRecord>[] {
  const { now, mayReadReport } = props;
  return [
    { header: 'Name', cell: (workstation) => workstation.name },
    { header: 'Branch', cell: (workstation) => workstation.branch.name },
    {
      header: 'Offline client',
      cell: (workstation) => describeOfflineClient(workstation.offlineClient, now),
    },
    {
      header: 'Unsent at last report',
      cell: ({ offlineClient, branch }) =>
        offlineClient ? (
          <span title={formatDateTime(offlineClient.reportedAt, branch.timeZone)}>
            {offlineClient.unsent} · {describeAgo(offlineClient.reportedAt, now)}
          </span>
        ) : (
          '—'
        ),
    },
    {
      header: 'Journal',
      cell: ({ offlineClient }) => (offlineClient ? JOURNAL_WORDS[offlineClient.journal] : '—'),
    },
    {
      header: 'Last seen',
      cell: (workstation) => {
        const seen = describeLastSeen(seenMoments(workstation), now);
        return seen.notSeen ? <strong className="not-seen">{seen.text}</strong> : seen.text;
      },
    },
    {
      header: 'Not received',
      cell: ({ name, sequences }) => {
        if (sequences.missingCount === 0) return 'None';
        const runs = describeRuns(sequences.missing);
        return mayReadReport ? <Link href={workstationReportHref(name)}>{runs}</Link> : runs;
      },
    },
  ];
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
