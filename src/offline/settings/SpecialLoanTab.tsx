// Settings → Special Loan: one due date (or loan days) for every check-out until turned off. The
// date and days can be chosen only once "Apply to all check-outs" is ticked.
import { useState, type FormEvent } from 'react';
import { SpecialLoanFields } from '../checkout/SpecialLoanFields.tsx';
import {
  describeTerm,
  parseTermDraft,
  termToDraft,
} from '../../browser/checkout/specialLoanTerm.ts';
import type { SpecialLoanSetting } from '../../browser/storage/localState.ts';

export function SpecialLoanTab(props: {
  value: SpecialLoanSetting;
  today: () => string;
  onSave: (setting: SpecialLoanSetting) => Promise<void>;
}) {
  const [applyToAll, setApplyToAll] = useState(props.value.applyToAll);
  const [draft, setDraft] = useState(termToDraft(props.value.term));
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    let setting: SpecialLoanSetting = { applyToAll: false, term: null };
    if (applyToAll) {
      const parsed = parseTermDraft(draft, props.today());
      if (!parsed.ok) {
        setStatus({ ok: false, text: parsed.message });
        return;
      }
      setting = { applyToAll: true, term: parsed.term };
    }
    try {
      await props.onSave(setting);
      setStatus({
        ok: true,
        text: setting.term
          ? `Saved: every check-out is now ${describeTerm(setting.term)} until you turn this off.`
          : 'Saved: check-outs use the loan period again.',
      });
    } catch {
      setStatus({
        ok: false,
        text: 'The special loan could not be saved: the browser refused to store it. Try again; if it keeps failing, reload the page.',
      });
    }
  };

  return (
    <form onSubmit={submit}>
      <label className="choice">
        <input
          type="checkbox"
          checked={applyToAll}
          onChange={(event) => setApplyToAll(event.target.checked)}
        />
        Apply to all check-outs
      </label>
      <SpecialLoanFields value={draft} onChange={setDraft} disabled={!applyToAll} />
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
