// Branches: each with its code, name, time zone and the weekdays it is always closed. Due dates
// end at 23:59 in the branch's time zone and never fall on a closed weekday or closed day.
import { useState } from 'react';
import { BranchChange, NewBranch, type AdminBranchList } from '../../shared/api/administration.ts';
import type { Branch } from '../../shared/api/library.ts';
import { knownTimeZoneNames } from '../../shared/calendar/timeZones.ts';
import { api } from '../api/client.ts';
import { AddRecordButton } from './AddRecordButton.tsx';
import { AdminPage } from './AdminPage.tsx';
import { CodeAndNameFields } from './CodeAndNameFields.tsx';
import { ListState } from './ListState.tsx';
import { Field, RecordForm } from './RecordForm.tsx';
import { parseOrThrow } from './parseOrThrow.ts';
import { RecordTable } from './RecordTable.tsx';
import { useAdminList } from './useAdminList.ts';

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

export function BranchesScreen() {
  const { session, canManage, list, editing, open, close, saved } = useAdminList<
    AdminBranchList,
    Branch
  >('branches', 'branches.manage', () => api.listAdminBranches());

  return (
    <AdminPage
      id="branches"
      title="Branches"
      intro="Each branch lends in its own time zone: due dates end at 23:59 there, and never fall on the weekdays it is always closed (its other closed days are under Closed days)."
    >
      <AddRecordButton
        canManage={canManage}
        label="Add branch"
        onClick={() => open({ kind: 'new' })}
      />
      {editing ? (
        <BranchForm
          branch={editing.kind === 'edit' ? editing.record : null}
          defaultTimeZone={session.user.branch.timeZone}
          onSaved={saved}
          onCancel={close}
        />
      ) : null}
      <ListState remote={list} noun="branches" />
      {list.data ? (
        <RecordTable
          caption="Branches"
          columns={[
            { header: 'Code', cell: (branch) => branch.code },
            { header: 'Name', cell: (branch) => branch.name },
            { header: 'Time zone', cell: (branch) => branch.timeZone },
            { header: 'Always closed on', cell: (branch) => closedText(branch.closedWeekdays) },
          ]}
          records={list.data.branches}
          actions={
            canManage
              ? (branch) => [
                  {
                    label: 'Edit',
                    name: `Edit ${branch.name}`,
                    onClick: () => open({ kind: 'edit', record: branch }),
                  },
                ]
              : undefined
          }
        />
      ) : null}
    </AdminPage>
  );
}

function closedText(days: readonly number[]): string {
  if (days.length === 0) return 'Open every day';
  return days
    .toSorted((a, b) => a - b)
    .map((day) => WEEKDAYS[day])
    .join(', ');
}

function BranchForm({
  branch,
  defaultTimeZone,
  onSaved,
  onCancel,
}: {
  /** Null: a new branch. */
  branch: Branch | null;
  /** For a new branch: the signed-in staff member's, most often right. */
  defaultTimeZone: string;
  onSaved(): void;
  onCancel(): void;
}) {
  const [code, setCode] = useState(branch?.code ?? '');
  const [name, setName] = useState(branch?.name ?? '');
  const [timeZone, setTimeZone] = useState(branch?.timeZone ?? defaultTimeZone);
  const [closed, setClosed] = useState<number[]>(branch?.closedWeekdays ?? []);
  const [zones] = useState(knownTimeZoneNames);

  async function submit() {
    const change = { name, timeZone, closedWeekdays: closed };
    if (branch) {
      await api.changeBranch(branch.id, parseOrThrow(BranchChange, change));
    } else {
      await api.createBranch(parseOrThrow(NewBranch, { ...change, code }));
    }
    onSaved();
  }

  function toggle(day: number, on: boolean) {
    setClosed((days) => (on ? [...days, day] : days.filter((d) => d !== day)));
  }

  return (
    <RecordForm
      title={branch ? `Change ${branch.name}` : 'Add a branch'}
      submitLabel={branch ? 'Save branch' : 'Add branch'}
      onSubmit={submit}
      onCancel={onCancel}
    >
      <CodeAndNameFields
        adding={branch === null}
        code={code}
        setCode={setCode}
        codeHint="Short, no spaces, e.g. MAIN. It cannot change later."
        name={name}
        setName={setName}
      />
      <Field label="Time zone" hint="Where the branch is, e.g. America/New_York.">
        <input
          value={timeZone}
          list="branch-time-zones"
          onChange={(e) => setTimeZone(e.target.value)}
        />
      </Field>
      <datalist id="branch-time-zones">
        {zones.map((zone) => (
          <option key={zone} value={zone} />
        ))}
      </datalist>
      <fieldset>
        <legend>Always closed on</legend>
        {WEEKDAYS.map((day, index) => (
          <label key={day} className="checkbox">
            <input
              type="checkbox"
              checked={closed.includes(index)}
              onChange={(e) => toggle(index, e.target.checked)}
            />
            {day}
          </label>
        ))}
      </fieldset>
    </RecordForm>
  );
}
