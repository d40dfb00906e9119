// Register patron: scan the new card, type the name, choose the type and home branch; the card's
// expiry defaults to the type's card period. Opened from Check Out for an unknown card (the
// barcode filled in), it returns there with the new patron shown and the focus in Item barcode.
import { useRef, useState, type FormEvent } from 'react';
import { useLocation, useSearchParams } from 'wouter';
import { NewPatron, type RecordChoices } from '../../shared/api/patrons.ts';
import { api, describeError } from '../api/client.ts';
import { LoadError } from '../components/Alerts.tsx';
import { keepCheckOutInProgress } from '../lib/checkOutInProgress.ts';
import { useLoad } from '../lib/useLoad.ts';
import { useSession } from '../session/SessionContext.tsx';
import { PatronFields, type PatronFieldValues } from './PatronFields.tsx';

export function RegisterPatronScreen() {
  const [choices] = useLoad(() => api.getRecordChoices());
  return (
    <main className="screen" aria-labelledby="register-title">
      <h1 id="register-title">Register patron</h1>
      {choices.status === 'loading' ? <p className="muted">Loading…</p> : null}
      {choices.status === 'failed' ? <LoadError>{describeError(choices.error)}</LoadError> : null}
      {choices.status === 'loaded' ? <RegisterPatronForm choices={choices.data} /> : null}
    </main>
  );
}

function RegisterPatronForm({ choices }: { choices: RecordChoices }) {
  const session = useSession();
  const [, navigate] = useLocation();
  const [params] = useSearchParams();
  const fromCheckOut = params.get('from') === 'checkout';
  const homeBranch =
    choices.branches.find((b) => b.code === session.workstation?.branch.code)?.code ??
    choices.branches[0]?.code ??
    '';
  const [barcode, setBarcode] = useState(params.get('barcode') ?? '');
  const [values, setValues] = useState<PatronFieldValues>({
    name: '',
    patronType: choices.patronTypes[0]?.code ?? '',
    homeBranch,
    expiresOn: '',
    email: '',
    phone: '',
    address: '',
  });
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const nameField = useRef<HTMLDivElement>(null);
  const leave = () => navigate(fromCheckOut ? '/checkout' : '/patrons');

  const cardMonths = choices.patronTypes.find((t) => t.code === values.patronType)?.cardMonths;

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const typed = {
      barcode,
      ...values,
      expiresOn: values.expiresOn === '' ? undefined : values.expiresOn,
    };
    // Checked here first with the API's own schema, so a mistake is named before anything is sent.
    const parsed = NewPatron.safeParse(typed);
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? 'Check the form.');
      return;
    }
    setSaving(true);
    setError(null);
    try {
      const { patron } = await api.registerPatron(typed);
      if (fromCheckOut) {
        // Check Out picks the patron up on arrival, as after Back, and focuses Item barcode.
        keepCheckOutInProgress({ patronBarcode: patron.barcode, lent: [] });
        navigate('/checkout');
      } else {
        navigate(`/patrons/${encodeURIComponent(patron.barcode)}`);
      }
    } catch (failure) {
      // What was typed stays, so one field can be corrected.
      setError(describeError(failure));
      setSaving(false);
    }
  }

  return (
    <form
      className="record-form"
      onSubmit={onSubmit}
      noValidate
      aria-label="Register patron"
      onKeyDown={(event) => {
        if (event.key === 'Escape') leave();
      }}
    >
      <label>
        <span>Card barcode</span>
        <input
          // The card is already scanned when Check Out sent us: then Name has the focus.
          autoFocus={params.get('barcode') === null}
          value={barcode}
          autoComplete="off"
          spellCheck={false}
          onChange={(event) => setBarcode(event.target.value)}
          onKeyDown={(event) => {
            // A scanner ends with Enter: move on to the name rather than saving half a form.
            if (event.key === 'Enter') {
              event.preventDefault();
              nameField.current?.querySelector('input')?.focus();
            }
          }}
        />
      </label>
      <div ref={nameField} className="record-form__fields">
        <PatronFields
          values={values}
          choices={choices}
          onChange={setValues}
          focusName={params.get('barcode') !== null}
          expiryHint={
            cardMonths === undefined
              ? 'Leave empty for the patron type’s usual card period.'
              : `Leave empty for the usual ${cardMonths} months from today.`
          }
        />
      </div>
      <div className="actions record-actions">
        <button type="submit" className="button--primary" disabled={saving}>
          Register patron
        </button>
        <button type="button" onClick={leave}>
          Cancel
        </button>
      </div>
      <div role="alert" className="alerts">
        {error ? <p>{error}</p> : null}
      </div>
    </form>
  );
}
