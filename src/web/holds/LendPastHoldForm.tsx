// A supervisor's "Lend anyway" for an item that waits for another patron's hold: asks why before
// Check Out sends the item again with the reason; the server puts the other hold back to waiting
// and keeps the reason, with who gave it, in the audit log.
import { useState } from 'react';

export function LendPastHoldForm({
  itemBarcode,
  onLend,
  onCancel,
}: {
  itemBarcode: string;
  onLend(reason: string): void;
  onCancel(): void;
}) {
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <form
      className="inline-form"
      aria-label="Lend past the hold"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const given = reason.trim();
        if (given === '') {
          setProblem('Say why: the reason is kept in the audit log, with your name.');
          return;
        }
        onLend(given);
      }}
      onKeyDown={(event) => {
        if (event.key === 'Escape') onCancel();
      }}
    >
      <label>
        <span>Why lend item {itemBarcode} past the other patron's hold?</span>
        <input
          autoFocus
          value={reason}
          maxLength={200}
          onChange={(event) => {
            setReason(event.target.value);
            setProblem(null);
          }}
        />
      </label>
      <button type="submit" className="button--primary">
        Lend with this reason
      </button>
      <button type="button" onClick={onCancel}>
        Cancel
      </button>
      {problem ? (
        <div role="alert" className="alerts">
          <p>{problem}</p>
        </div>
      ) : null}
    </form>
  );
}
