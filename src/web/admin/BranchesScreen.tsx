// Branches: each with its code, name, time zone and the weekdays it is always closed. Due dates
// end at 23:59 in the branch's time zone and never fall on a closed weekday or closed day.
import { useState } from 'react';
import { BranchChange, NewBranch, type AdminBranchList } from '../../shared/api/administration.ts';
import type { Branch } from '../../shared/api/library.ts';
import { knownTimeZoneNames } from '../../shared/calendar/timeZones.ts';
import { api } from '../api/client.ts';
import { useSession } from '../session/SessionContext.tsx';
import { CodeAndNameFields } from './CodeAndNameFields.tsx';
import { CodedRecordsPage } from './CodedRecordsPage.tsx';
import { Field, RecordForm } from './RecordForm.tsx';
import { parseOrThrow } from './parseOrThrow.ts';

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

export function BranchesScreen() {
  const session = useSession();
  return (
    <CodedRecordsPage
      id="branches"
      title="Branches"
      intro="Each branch lends in its own time zone: due dates end at 23:59 there, and never fall on the weekdays it is always closed (its other closed days are under Closed days)."
      noun="branches"
      addLabel="Add branch"
      manage="branches.manage"
      load={() => api.listAdminBranches()}
      records={(list: AdminBranchList) => list.branches}
      moreColumns={[
        { header: 'Time zone', cell: (branch) => branch.timeZone },
        { header: 'Always closed on', cell: (branch) => closedText(branch.closedWeekdays) },
      ]}
      renderForm={(branch, done) => (
        <BranchForm branch={branch} defaultTimeZone={session.user.branch.timeZone} {...done} />
      )}
    />
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
