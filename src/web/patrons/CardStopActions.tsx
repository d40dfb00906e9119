// What Check Out offers when a card stops at the patron, each only when the session grants it:
// "Renew card" for an expired card, and for a supervisor "Unblock" and "Lend anyway (once)" with
// a reason. Lending anyway holds for this patron's visit only, until Complete or the next card;
// the server writes each loan made so to the audit log with who allowed it and why.
import { useState } from 'react';
import type { Patron } from '../../shared/api/circulation.ts';
import { api, describeError } from '../api/client.ts';
import { may } from '../session/may.ts';
import { useSession } from '../session/SessionContext.tsx';

export function CardStopActions({
  patron,
  lendingAnyway,
  onCardChanged,
  onLendAnyway,
}: {
  patron: Patron;
  /** The reason given, while this visit lends past the card. */
  lendingAnyway: string | null;
  /** The card was renewed or unblocked: look the patron up again. */
  onCardChanged(): void;
  onLendAnyway(reason: string): void;
}) {
  const session = useSession();
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [working, setWorking] = useState(false);

  if (lendingAnyway !== null) {
    return (
      <p className="notice" role="status">
        Lending anyway for this visit only: {lendingAnyway}
      </p>
    );
  }

  async function change(action: () => Promise<unknown>) {
    setWorking(true);
    setError(null);
    try {
      await action();
      onCardChanged();
    } catch (failure) {
      setError(describeError(failure));
    } finally {
      setWorking(false);
    }
  }

  const canRenew = patron.status === 'expired' && may(session, 'patron.renewCard');
  const canUnblock = patron.status === 'blocked' && may(session, 'patron.unblock');
  const canLendAnyway = may(session, 'loan.override');
  if (!canRenew && !canUnblock && !canLendAnyway) return null;

  return (
    <section className="card-actions" aria-label="Card actions">
      <div className="actions record-actions">
        {canRenew ? (
          <button
            type="button"
            className="button--primary"
            disabled={working}
            onClick={() => void change(() => api.renewCard(patron.id))}
          >
            Renew card
          </button>
        ) : null}
        {canUnblock ? (
          <button
            type="button"
            disabled={working}
            onClick={() => void change(() => api.unblockPatron(patron.id))}
          >
            Unblock
          </button>
        ) : null}
        {canLendAnyway && !asking ? (
          <button type="button" disabled={working} onClick={() => setAsking(true)}>
            Lend anyway (once)
          </button>
        ) : null}
      </div>
      {asking ? (
        <form
          className="inline-form"
          aria-label="Lend anyway (once)"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            if (reason.trim() === '') {
              setError('Say why this card may borrow now: the reason is kept with each loan.');
              return;
            }
            onLendAnyway(reason.trim());
          }}
          onKeyDown={(event) => {
            if (event.key === 'Escape') {
              setAsking(false);
              setError(null);
            }
          }}
        >
          <label>
            <span>Why may this card borrow now?</span>
            <input
              autoFocus
              value={reason}
              maxLength={200}
              onChange={(event) => setReason(event.target.value)}
            />
          </label>
          <button type="submit" className="button--primary">
            Lend for this visit
          </button>
          <button type="button" onClick={() => setAsking(false)}>
            Cancel
          </button>
        </form>
      ) : null}
      {error ? (
        <div role="alert" className="alerts">
          <p>{error}</p>
        </div>
      ) : null}
    </section>
  );
}
