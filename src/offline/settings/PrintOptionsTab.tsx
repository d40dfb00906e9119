// Print Options: print a loan receipt on Complete or not, "Items returned" on Check In's Complete
// or not, the receipts' header text, and the paper.
import { useState, type FormEvent } from 'react';
import type { PrintOptions } from '../../browser/storage/localState.ts';

export function PrintOptionsTab(props: {
  value: PrintOptions;
  onSave: (options: PrintOptions) => Promise<void>;
}) {
  const [draft, setDraft] = useState(props.value);
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await props.onSave(draft);
      setStatus({ ok: true, text: 'Print options saved.' });
    } catch {
      setStatus({
        ok: false,
        text: 'The print options could not be saved: the browser refused to store them. Try again; if it keeps failing, reload the page.',
      });
    }
  };

  return (
    <form onSubmit={submit}>
      <label className="choice">
        <input
          type="checkbox"
          checked={draft.printReceipts}
          onChange={(event) => setDraft({ ...draft, printReceipts: event.target.checked })}
        />
        Print a loan receipt when I choose Complete
      </label>
      <label className="choice">
        <input
          type="checkbox"
          checked={draft.printCheckInReceipts}
          onChange={(event) => setDraft({ ...draft, printCheckInReceipts: event.target.checked })}
        />
        Print “Items returned” when I choose Complete on Check In
      </label>
      <label className="choice">
        <input
          type="checkbox"
          checked={draft.printRenewalReceipts}
          onChange={(event) => setDraft({ ...draft, printRenewalReceipts: event.target.checked })}
        />
        Print a receipt of renewed loans when I choose Complete at Renew
      </label>
      <fieldset>
        <legend>Paper</legend>
        <label className="choice">
          <input
            type="radio"
            name="paper"
            checked={draft.paper === 'receipt'}
            onChange={() => setDraft({ ...draft, paper: 'receipt' })}
          />
          80 mm receipt printer
        </label>
        <label className="choice">
          <input
            type="radio"
            name="paper"
            checked={draft.paper === 'page'}
            onChange={() => setDraft({ ...draft, paper: 'page' })}
          />
          A4 or Letter page
        </label>
      </fieldset>
      <div className="field">
        <label htmlFor="receipt-header">Receipt header text</label>
        <textarea
          id="receipt-header"
          rows={3}
          maxLength={500}
          value={draft.headerText}
          onChange={(event) => setDraft({ ...draft, headerText: event.target.value })}
        />
      </div>
      <div className="actions">
        <button type="submit" className="primary">
          Save
        </button>
      </div>
      {status && (
        <p className={status.ok ? 'notice' : 'alert'} role={status.ok ? 'status' : 'alert'}>
          {status.text}
        </p>
      )}
    </form>
  );
}
