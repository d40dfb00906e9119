// Admins close a branch for a day (a holiday, a staff day). Due dates falling on it move to the
// next open day; loans already made keep theirs.
import { useState, type FormEvent } from 'react';
import { NewClosedDay } from '../../shared/api/library.ts';
import { api, describeError } from '../api/client.ts';

export function ClosedDayForm({
  branchCode,
  onAdded,
}: {
  branchCode: string;
  onAdded(closedDay: { date: string; reason: string }): void;
}) {
  const [date, setDate] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const parsed = NewClosedDay.safeParse({ branch: branchCode, date, reason });
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? 'Check the date and the reason.');
      return;
    }
    setSaving(true);
    setError(null);
    try {
      const created = await api.addClosedDay(parsed.data);
      onAdded(created.closedDay);
      setDate('');
      setReason('');
    } catch (failure) {
      setError(describeError(failure));
    } finally {
      setSaving(false);
    }
  }

  return (
    <form className="inline-form" onSubmit={onSubmit} noValidate aria-label="Add a closed day">
      <label>
        <span>Date</span>
        <input type="date" value={date} onChange={(event) => setDate(event.target.value)} />
      </label>
      <label>
        <span>Reason</span>
        <input value={reason} maxLength={200} onChange={(event) => setReason(event.target.value)} />
      </label>
      <button type="submit" className="button--primary" disabled={saving}>
        Add closed day
      </button>
      <div role="alert" className="alerts">
        {error ? <p>{error}</p> : null}
      </div>
    </form>
  );
}
