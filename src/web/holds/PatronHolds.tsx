// A patron's holds on their page: each with its status, queue position and pickup branch, and what
// staff may do to a hold that is still wanted: cancel it, suspend it until a day, resume it, change
// where it is collected. Every change reloads the list, so positions stay true.
import { useState } from 'react';
import { Link } from 'wouter';
import type { Hold } from '../../shared/api/holds.ts';
import { formatDate, formatDay } from '../../shared/calendar/formatDates.ts';
import { api, describeError } from '../api/client.ts';
import { LoadError } from '../components/Alerts.tsx';
import { useLoad } from '../lib/useLoad.ts';
import { may } from '../session/may.ts';
import { useSession } from '../session/SessionContext.tsx';
import { HOLD_STATUS_NAMES } from './holdStatusNames.ts';

const ACTIVE = new Set<Hold['status']>(['waiting', 'in_transit', 'on_shelf']);

export function PatronHolds({ barcode }: { barcode: string }) {
  const session = useSession();
  const [holds, replaceHolds] = useLoad(() => api.getPatronHolds(barcode));
  const [done, setDone] = useState('');
  const [error, setError] = useState<string | null>(null);
  const manage = may(session, 'hold.manage');

  async function run(action: () => Promise<string>) {
    setError(null);
    setDone('');
    try {
      const said = await action();
      replaceHolds(await api.getPatronHolds(barcode));
      setDone(said);
    } catch (failure) {
      setError(describeError(failure));
    }
  }

  return (
    <section aria-labelledby="patron-holds-title">
      <h2 id="patron-holds-title">Holds</h2>
      {holds.status === 'loading' ? <p className="muted">Loading the holds…</p> : null}
      {holds.status === 'failed' ? <LoadError>{describeError(holds.error)}</LoadError> : null}
      {holds.status === 'loaded' && holds.data.holds.length === 0 ? (
        <p className="muted">This patron has no holds.</p>
      ) : null}
      {holds.status === 'loaded' && holds.data.holds.length > 0 ? (
        <table className="loan-table">
          <caption className="visually-hidden">Holds</caption>
          <thead>
            <tr>
              <th scope="col">Title</th>
              <th scope="col">Status</th>
              <th scope="col">Queue position</th>
              <th scope="col">Pickup branch</th>
              <th scope="col">Placed</th>
              {manage ? <th scope="col">Actions</th> : null}
            </tr>
          </thead>
          <tbody>
            {holds.data.holds.map((hold) => (
              <HoldRow key={hold.id} hold={hold} manage={manage} run={run} />
            ))}
          </tbody>
        </table>
      ) : null}
      <p role="status">{done}</p>
      <div role="alert" className="alerts">
        {error ? <p>{error}</p> : null}
      </div>
    </section>
  );
}

type Open = 'none' | 'suspend' | 'pickup';

function HoldRow({
  hold,
  manage,
  run,
}: {
  hold: Hold;
  manage: boolean;
  run(action: () => Promise<string>): Promise<void>;
}) {
  const [open, setOpen] = useState<Open>('none');
  const active = ACTIVE.has(hold.status);
  const waiting = hold.status === 'waiting';
  const title = hold.title.title;

  return (
    <tr>
      <td>
        <Link href={`/titles/${hold.title.id}`}>{title}</Link>
        {hold.item ? <span className="muted"> (copy {hold.item.barcode} only)</span> : null}
      </td>
      <td>
        {HOLD_STATUS_NAMES[hold.status]}
        {hold.suspendedUntil ? (
          <span className="muted"> — suspended until {formatDay(hold.suspendedUntil)}</span>
        ) : null}
        {hold.shelfExpiresOn ? (
          <span className="muted"> — waits until {formatDay(hold.shelfExpiresOn)}</span>
        ) : null}
      </td>
      <td>{hold.queuePosition ?? '—'}</td>
      <td>{hold.pickupBranch.name}</td>
      <td>{formatDate(hold.placedAt, hold.pickupBranch.timeZone)}</td>
      {manage ? (
        <td>
          {active ? (
            <div className="actions">
              <button
                type="button"
                onClick={() =>
                  void run(async () => {
                    const { releasedItem } = await api.cancelHold(hold.id);
                    if (!releasedItem) return `Hold on ${title} cancelled.`;
                    return hold.status === 'on_shelf'
                      ? `Hold cancelled. Take ${releasedItem.title} (${releasedItem.barcode}) off the hold shelf and check it in.`
                      : `Hold cancelled. ${releasedItem.title} (${releasedItem.barcode}) is in transit for it: check it in when it arrives.`;
                  })
                }
              >
                Cancel hold
              </button>
              {waiting && hold.suspendedUntil === null ? (
                <button
                  type="button"
                  aria-expanded={open === 'suspend'}
                  onClick={() => setOpen(open === 'suspend' ? 'none' : 'suspend')}
                >
                  Suspend
                </button>
              ) : null}
              {waiting && hold.suspendedUntil !== null ? (
                <button
                  type="button"
                  onClick={() =>
                    void run(async () => {
                      await api.resumeHold(hold.id);
                      return `Hold on ${title} resumed: it can be filled from today.`;
                    })
                  }
                >
                  Resume
                </button>
              ) : null}
              {waiting ? (
                <button
                  type="button"
                  aria-expanded={open === 'pickup'}
                  onClick={() => setOpen(open === 'pickup' ? 'none' : 'pickup')}
                >
                  Change pickup
                </button>
              ) : null}
            </div>
          ) : null}
          {open === 'suspend' ? (
            <SuspendForm
              onClose={() => setOpen('none')}
              onSuspend={(until) =>
                run(async () => {
                  await api.suspendHold(hold.id, until);
                  setOpen('none');
                  return `Hold on ${title} suspended until ${formatDay(until)}; it keeps its place in the queue.`;
                })
              }
            />
          ) : null}
          {open === 'pickup' ? (
            <PickupForm
              current={hold.pickupBranch.code}
              onClose={() => setOpen('none')}
              onChange={(branchCode) =>
                run(async () => {
                  const changed = await api.changeHoldPickup(hold.id, branchCode);
                  setOpen('none');
                  return `Hold on ${title} will be collected at ${changed.pickupBranch.name}.`;
                })
              }
            />
          ) : null}
        </td>
      ) : null}
    </tr>
  );
}

function SuspendForm({
  onSuspend,
  onClose,
}: {
  onSuspend(until: string): Promise<void>;
  onClose(): void;
}) {
  const [until, setUntil] = useState('');
  return (
    <form
      className="inline-form"
      aria-label="Suspend hold"
      onSubmit={(event) => {
        event.preventDefault();
        void onSuspend(until);
      }}
      onKeyDown={(event) => {
        if (event.key === 'Escape') onClose();
      }}
    >
      <label>
        <span>Suspend until</span>
        <input
          type="date"
          autoFocus
          required
          value={until}
          onChange={(event) => setUntil(event.target.value)}
        />
      </label>
      <button type="submit" className="button--primary">
        Save suspension
      </button>
      <button type="button" onClick={onClose}>
        Close
      </button>
    </form>
  );
}

function PickupForm({
  current,
  onChange,
  onClose,
}: {
  current: string;
  onChange(branchCode: string): Promise<void>;
  onClose(): void;
}) {
  const [branches] = useLoad(() => api.getBranches());
  const [branchCode, setBranchCode] = useState(current);
  return (
    <form
      className="inline-form"
      aria-label="Change pickup branch"
      onSubmit={(event) => {
        event.preventDefault();
        void onChange(branchCode);
      }}
      onKeyDown={(event) => {
        if (event.key === 'Escape') onClose();
      }}
    >
      <label>
        <span>New pickup branch</span>
        <select
          autoFocus
          value={branchCode}
          onChange={(event) => setBranchCode(event.target.value)}
        >
          {branches.status === 'loaded' ? (
            branches.data.branches.map((branch) => (
              <option key={branch.code} value={branch.code}>
                {branch.name}
              </option>
            ))
          ) : (
            <option value={current}>{current}</option>
          )}
        </select>
      </label>
      <button type="submit" className="button--primary">
        Save pickup branch
      </button>
      <button type="button" onClick={onClose}>
        Close
      </button>
    </form>
  );
}
