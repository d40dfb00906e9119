// Print Options for this workstation: print a loan receipt on Complete or not, hold and transit
// slips at Check In or not, the receipt's header text and the paper both print on. Kept in this browser's offline database, so the offline client prints the same way.
import { useState, type FormEvent } from 'react';
import type { PrintOptions } from '../../browser/storage/localState.ts';
import { loadPrintOptions, savePrintOptions } from '../../browser/storage/printOptionsStore.ts';
import { LoadError } from '../components/Alerts.tsx';
import { useLoad } from '../lib/useLoad.ts';

const NOT_STORED =
  'This browser refused to store the print options (private browsing, or storage switched off). Allow this site to store data, then try again.';

export function PrintOptionsScreen() {
  const [options] = useLoad(() => loadPrintOptions());
  return (
    <main className="screen" aria-labelledby="print-options-title">
      <h1 id="print-options-title">Print options</h1>
      <p className="muted">
        For this workstation: the offline client on this computer prints the same way.
      </p>
      {options.status === 'failed' ? <LoadError>{NOT_STORED}</LoadError> : null}
      {options.status === 'loaded' ? <PrintOptionsForm value={options.data} /> : null}
    </main>
  );
}

function PrintOptionsForm({ value }: { value: PrintOptions }) {
  const [draft, setDraft] = useState(value);
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setStatus(null);
    try {
      await savePrintOptions(draft);
      setStatus({ ok: true, text: 'Print options saved.' });
    } catch {
      setStatus({ ok: false, text: NOT_STORED });
    }
  };

  return (
    <form className="print-options" onSubmit={submit} aria-label="Print options">
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
          checked={draft.printSlips}
          onChange={(event) => setDraft({ ...draft, printSlips: event.target.checked })}
        />
        Print hold and transit slips
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
      <label className="print-options__header">
        <span>Receipt header text</span>
        <textarea
          rows={3}
          maxLength={500}
          value={draft.headerText}
          onChange={(event) => setDraft({ ...draft, headerText: event.target.value })}
        />
      </label>
      <div className="actions">
        <button type="submit" className="button--primary">
          Save
        </button>
      </div>
      <p role="status">{status?.ok ? status.text : null}</p>
      <div role="alert" className="alerts">
        {status && !status.ok ? <p>{status.text}</p> : null}
      </div>
    </form>
  );
}
