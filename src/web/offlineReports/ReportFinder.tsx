// "Report by workstation and day": opens the report across uploads for one desk, one day or both.
import { useState, type FormEvent } from 'react';
import { useLocation } from 'wouter';

export function ReportFinder() {
  const [, navigate] = useLocation();
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
      <h2 id="report-finder-title">Report by workstation and day</h2>
      <form className="inline-form" onSubmit={open}>
        <label>
          <span>Workstation</span>
          <input
            value={workstation}
            onChange={(event) => setWorkstation(event.target.value)}
            placeholder="Every workstation"
          />
        </label>
        <label>
          <span>Day</span>
          <input type="date" value={day} onChange={(event) => setDay(event.target.value)} />
        </label>
        <button type="submit">Show report</button>
      </form>
    </section>
  );
}
