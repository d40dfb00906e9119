// "Place hold": a patron's card (scanned, then Enter), any copy of the title or only this copy, and
// the pickup branch (the desk's unless changed). A refusal keeps what was typed; after a hold is
// placed, focus returns to the card field for the next patron.
import { useRef, useState } from 'react';
import type { Hold } from '../../shared/api/holds.ts';
import { api, describeError } from '../api/client.ts';
import { useLoad } from '../lib/useLoad.ts';
import { useSession } from '../session/SessionContext.tsx';

type Which = 'any' | 'this';

export function PlaceHoldForm({
  titleId,
  itemBarcode,
  onPlaced,
}: {
  titleId: number;
  /** On an item's page: offer "This copy only" beside "Any copy". */
  itemBarcode?: string;
  onPlaced(hold: Hold): void;
}) {
  const session = useSession();
  const [branches] = useLoad(() => api.getBranches());
  const deskBranch = (session.workstation?.branch ?? session.user.branch).code;
  const [patronBarcode, setPatronBarcode] = useState('');
  const [which, setWhich] = useState<Which>('any');
  const [pickup, setPickup] = useState(deskBranch);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState('');
  const [busy, setBusy] = useState(false);
  const patronField = useRef<HTMLInputElement>(null);

  async function place() {
    setBusy(true);
    setError(null);
    setDone('');
    try {
      const hold = await api.placeHold({
        patronBarcode,
        ...(which === 'this' && itemBarcode ? { itemBarcode } : { titleId }),
        pickupBranchCode: pickup,
      });
      setDone(
        `Hold placed for ${hold.patron.name}, collected at ${hold.pickupBranch.name}` +
          (hold.queuePosition === null ? '.' : `: number ${hold.queuePosition} in the queue.`),
      );
      setPatronBarcode('');
      onPlaced(hold);
    } catch (failure) {
      setError(`${patronBarcode}: ${describeError(failure)}`);
    } finally {
      setBusy(false);
      patronField.current?.focus();
    }
  }

  const branchList = branches.status === 'loaded' ? branches.data.branches : [];
  return (
    <section aria-labelledby="place-hold-title">
      <h2 id="place-hold-title">Place hold</h2>
      <form
        className="inline-form"
        aria-label="Place hold"
        onSubmit={(event) => {
          event.preventDefault();
          if (!busy) void place();
        }}
      >
        <label>
          <span>Patron barcode</span>
          <input
            ref={patronField}
            value={patronBarcode}
            inputMode="numeric"
            autoComplete="off"
            onChange={(event) => setPatronBarcode(event.target.value)}
          />
        </label>
        {itemBarcode ? (
          <fieldset>
            <legend>Which copy</legend>
            <label>
              <input
                type="radio"
                name="which-copy"
                checked={which === 'any'}
                onChange={() => setWhich('any')}
              />
              <span>Any copy</span>
            </label>
            <label>
              <input
                type="radio"
                name="which-copy"
                checked={which === 'this'}
                onChange={() => setWhich('this')}
              />
              <span>This copy only</span>
            </label>
          </fieldset>
        ) : null}
        <label>
          <span>Pickup branch</span>
          <select value={pickup} onChange={(event) => setPickup(event.target.value)}>
            {branchList.length === 0 ? <option value={deskBranch}>{deskBranch}</option> : null}
            {branchList.map((branch) => (
              <option key={branch.code} value={branch.code}>
                {branch.name}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="button--primary" disabled={busy}>
          Place hold
        </button>
      </form>
      <p role="status">{done}</p>
      <div role="alert" className="alerts">
        {error ? <p>{error}</p> : null}
      </div>
    </section>
  );
}
