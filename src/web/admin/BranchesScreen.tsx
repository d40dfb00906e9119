// Branches: each with its code, name, time zone and the weekdays it is always closed. Due dates
// end at 23:59 in the branch's time zone and never fall on a closed weekday or closed day.
import { useState } from 'react';
import { BranchChange, NewBranch } from '../../shared/api/administration.ts';
import type { Branch } from '../../shared/api/library.ts';
import { knownTimeZoneNames } from '../../shared/calendar/timeZones.ts';
import { api } from '../api/client.ts';
import { useRemote } from '../offlineReports/useRemote.ts';
import { may } from '../session/may.ts';
import { useSession } from '../session/SessionContext.tsx';
import { AdminPage } from './AdminPage.tsx';
import { ListState } from './ListState.tsx';
import { Field, RecordForm } from './RecordForm.tsx';
import { parseOrThrow } from './parseOrThrow.ts';
import { useEditing } from './useEditing.ts';

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

export function BranchesScreen() {
  const session = useSession();
  const canManage = may(session, 'branches.manage');
  const [version, setVersion] = useState(0);
  const branches = useRemote(`branches-${version}`, () => api.listAdminBranches());
  const { editing, open, close } = useEditing<Branch>();

  function saved() {
    setVersion((v) => v + 1);
    close();
  }

  return (
    <AdminPage
      id="branches"
      title="Branches"
      intro="Each branch lends in its own time zone: due dates end at 23:59 there, and never fall on the weekdays it is always closed (its other closed days are under Closed days)."
    >
      {canManage ? (
        <button type="button" className="button--primary" onClick={() => open({ kind: 'new' })}>
          Add branch
        </button>
      ) : null}
      {editing ? (
        <BranchForm
          branch={editing.kind === 'edit' ? editing.record : null}
          defaultTimeZone={session.user.branch.timeZone}
          onSaved={saved}
          onCancel={close}
        />
      ) : null}
      <ListState remote={branches} noun="branches" />
      {branches.data ? (
        <table className="loan-table">
          <caption>Branches</caption>
          <thead>
            <tr>
              <th scope="col">Code</th>
              <th scope="col">Name</th>
              <th scope="col">Time zone</th>
              <th scope="col">Always closed on</th>
              {canManage ? <th scope="col">Change</th> : null}
            </tr>
          </thead>
          <tbody>
            {branches.data.branches.map((branch) => (
              <tr key={branch.id}>
                <td>{branch.code}</td>
                <td>{branch.name}</td>
                <td>{branch.timeZone}</td>
                <td>{closedText(branch.closedWeekdays)}</td>
                {canManage ? (
                  <td>
                    <button
                      type="button"
                      aria-label={`Edit ${branch.name}`}
                      onClick={() => open({ kind: 'edit', record: branch })}
                    >
                      Edit
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
      {branch ? null : (
        <Field label="Code" hint="Short, no spaces, e.g. MAIN. It cannot change later.">
          <input value={code} maxLength={20} onChange={(e) => setCode(e.target.value)} />
        </Field>
      )}
      <Field label="Name">
        <input value={name} maxLength={200} onChange={(e) => setName(e.target.value)} />
      </Field>
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
