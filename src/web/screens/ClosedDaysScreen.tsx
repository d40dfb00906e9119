// Closed days per branch, read-only: due dates never fall on them (or on the branch's closed
// weekdays); a loan due then moves to the next open day.
import { useState } from 'react';
import type { Branch } from '../../shared/api/library.ts';
import { api, describeError } from '../api/client.ts';
import { LoadError } from '../components/Alerts.tsx';
import { formatDay } from '../../shared/calendar/formatDates.ts';
import { useLoad } from '../lib/useLoad.ts';
import { may } from '../session/may.ts';
import { useSession } from '../session/SessionContext.tsx';
import { ClosedDayForm } from './ClosedDayForm.tsx';

const WEEKDAY_NAMES = [
  'Sundays',
  'Mondays',
  'Tuesdays',
  'Wednesdays',
  'Thursdays',
  'Fridays',
  'Saturdays',
];

export function ClosedDaysScreen() {
  const session = useSession();
  const [branches] = useLoad(() => api.getBranches());
  const [branchCode, setBranchCode] = useState(
    (session.workstation?.branch ?? session.user.branch).code,
  );

  return (
    <main className="screen" aria-labelledby="closed-days-title">
      <h1 id="closed-days-title">Closed days</h1>
      <p className="muted">
        Loans that would fall due on a closed day are due on the next open day.
      </p>
      {branches.status === 'failed' ? <LoadError>{describeError(branches.error)}</LoadError> : null}
      {branches.status === 'loaded' ? (
        <div className="inline-form">
          <label>
            <span>Branch</span>
            <select value={branchCode} onChange={(event) => setBranchCode(event.target.value)}>
              {branches.data.branches.map((branch) => (
                <option key={branch.code} value={branch.code}>
                  {branch.name}
                </option>
              ))}
            </select>
          </label>
        </div>
      ) : null}
      <BranchClosedDays
        key={branchCode}
        branchCode={branchCode}
        canManage={may(session, 'closedDays.manage')}
      />
    </main>
  );
}

function BranchClosedDays({ branchCode, canManage }: { branchCode: string; canManage: boolean }) {
  const [closedDays, replace] = useLoad(() => api.getClosedDays(branchCode));
  const [removeError, setRemoveError] = useState<string | null>(null);
  if (closedDays.status === 'loading') return <p className="muted">Loading the closed days…</p>;
  if (closedDays.status === 'failed') {
    return <LoadError>{describeError(closedDays.error)}</LoadError>;
  }
  const { branch, closedDays: days } = closedDays.data;

  async function reopen(date: string) {
    setRemoveError(null);
    try {
      await api.removeClosedDay(branch.code, date);
      replace({ branch, closedDays: days.filter((day) => day.date !== date) });
    } catch (failure) {
      setRemoveError(describeError(failure));
    }
  }
  return (
    <section aria-labelledby="branch-closed-title">
      <h2 id="branch-closed-title">{branch.name}</h2>
      <p>{closedWeekdaysText(branch)}</p>
      {canManage ? (
        <ClosedDayForm
          branchCode={branch.code}
          onAdded={(added) =>
            replace({
              branch,
              closedDays: [...days, added].toSorted((a, b) => a.date.localeCompare(b.date)),
            })
          }
        />
      ) : null}
      {canManage ? (
        <div role="alert" className="alerts">
          {removeError ? <p>{removeError}</p> : null}
        </div>
      ) : null}
      {days.length === 0 ? (
        <p className="muted">No closed days are set for this branch.</p>
      ) : (
        <table className="loan-table">
          <caption>Closed days at {branch.name}</caption>
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">Reason</th>
              {canManage ? <th scope="col">Change</th> : null}
            </tr>
          </thead>
          <tbody>
            {days.map((day) => (
              <tr key={day.date}>
                <td>{formatDay(day.date)}</td>
                <td>{day.reason}</td>
                {canManage ? (
                  <td>
                    <button
                      type="button"
                      aria-label={`Reopen on ${formatDay(day.date)}`}
                      onClick={() => void reopen(day.date)}
                    >
                      Reopen
                    </button>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function closedWeekdaysText(branch: Branch): string {
  if (branch.closedWeekdays.length === 0) return 'Open every day of the week.';
  const names = branch.closedWeekdays.toSorted((a, b) => a - b).map((day) => WEEKDAY_NAMES[day]);
  return `Always closed on ${names.join(' and ')}.`;
}
