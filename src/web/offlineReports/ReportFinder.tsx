// "Report by workstation and day": opens the report across uploads for one desk, one day or both.
import { useState, type FormEvent } from 'react';
import { useLocation } from 'wouter';
import { may } from '../session/may.ts';
import { useSession } from '../session/SessionContext.tsx';

export function ReportFinder() {
  const [, navigate] = useLocation();
  // Other workstations' reports are for supervisors: the desk picks a day of its own report.
  const everyWorkstation = may(useSession(), 'offline.report.readAll');
  const [workstation, setWorkstation] = useState('');
  const [day, setDay] = useState('');

  function open(event: FormEvent) {
    event.preventDefault();
    const query = new URLSearchParams();
    if (workstation.trim()) query.set('workstation', workstation.trim());
    if (day) query.set('day', day);
    navigate(`/offline-report${query.size > 0 ? `?${query}` : ''}`);
  }

  return (
    <section aria-labelledby="report-finder-title">
      <h2 id="report-finder-title">
        {everyWorkstation ? 'Report by workstation and day' : 'Report of this workstation by day'}
      </h2>
      <form className="inline-form" onSubmit={open}>
        {everyWorkstation ? (
          <label>
            <span>Workstation</span>
            <input
              value={workstation}
              onChange={(event) => setWorkstation(event.target.value)}
              placeholder="Every workstation"
            />
          </label>
        ) : null}
        <label>
          <span>Day</span>
          <input type="date" value={day} onChange={(event) => setDay(event.target.value)} />
        </label>
        <button type="submit">Show report</button>
      </form>
    </section>
  );
}
