// Add item: scan the new label, type what the item is, choose its material type and owning branch.
// Saved, it opens the item's page; "Save and add another" keeps the type and branch for the next.
import { useRef, useState, type FormEvent } from 'react';
import { useLocation } from 'wouter';
import { NewItem } from '../../shared/api/items.ts';
import type { RecordChoices } from '../../shared/api/patrons.ts';
import { api, describeError } from '../api/client.ts';
import { LoadError } from '../components/Alerts.tsx';
import { useLoad } from '../lib/useLoad.ts';
import { useSession } from '../session/SessionContext.tsx';
import { ItemFields, type ItemFieldValues } from './ItemFields.tsx';

export function AddItemScreen() {
  const [choices] = useLoad(() => api.getRecordChoices());
  return (
    <main className="screen" aria-labelledby="add-item-title">
      <h1 id="add-item-title">Add item</h1>
      {choices.status === 'loading' ? <p className="muted">Loading…</p> : null}
      {choices.status === 'failed' ? <LoadError>{describeError(choices.error)}</LoadError> : null}
      {choices.status === 'loaded' ? <AddItemForm choices={choices.data} /> : null}
    </main>
  );
}

function AddItemForm({ choices }: { choices: RecordChoices }) {
  const session = useSession();
  const [, navigate] = useLocation();
  const [barcode, setBarcode] = useState('');
  const [values, setValues] = useState<ItemFieldValues>({
    title: '',
    author: '',
    callNumber: '',
    materialType: choices.materialTypes[0]?.code ?? '',
    branch:
      choices.branches.find((b) => b.code === session.workstation?.branch.code)?.code ??
      choices.branches[0]?.code ??
      '',
  });
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState('');
  const [saving, setSaving] = useState(false);
  const barcodeField = useRef<HTMLInputElement>(null);
  const fields = useRef<HTMLDivElement>(null);

  async function save(another: boolean) {
    const typed = { barcode, ...values };
    const parsed = NewItem.safeParse(typed);
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? 'Check the form.');
      return;
    }
    setSaving(true);
    setError(null);
    try {
      const { item } = await api.addItem(typed);
      if (!another) {
        navigate(`/items/${encodeURIComponent(item.barcode)}`);
        return;
      }
      setSaved(`Added “${item.title}” (${item.barcode}). Scan the next item’s barcode.`);
      setBarcode('');
      setValues({ ...values, title: '', author: '', callNumber: '' });
      barcodeField.current?.focus();
    } catch (failure) {
      setError(describeError(failure));
    } finally {
      setSaving(false);
    }
  }

  return (
    <form
      className="record-form"
      aria-label="Add item"
      noValidate
      onSubmit={(event: FormEvent) => {
        event.preventDefault();
        void save(false);
      }}
      onKeyDown={(event) => {
        if (event.key === 'Escape') navigate('/items');
      }}
    >
      <label>
        <span>Item barcode</span>
        <input
          ref={barcodeField}
          autoFocus
          value={barcode}
          autoComplete="off"
          spellCheck={false}
          onChange={(event) => setBarcode(event.target.value)}
          onKeyDown={(event) => {
            // A scanner ends with Enter: move on to the title rather than saving half a form.
            if (event.key === 'Enter') {
              event.preventDefault();
              fields.current?.querySelector('input')?.focus();
            }
          }}
        />
      </label>
      <div ref={fields} className="record-form__fields">
        <ItemFields values={values} choices={choices} onChange={setValues} />
      </div>
      <div className="actions record-actions">
        <button type="submit" className="button--primary" disabled={saving}>
          Add item
        </button>
        <button type="button" disabled={saving} onClick={() => void save(true)}>
          Save and add another
        </button>
        <button type="button" onClick={() => navigate('/items')}>
          Cancel
        </button>
      </div>
      <p role="status">{saved}</p>
      <div role="alert" className="alerts">
        {error ? <p>{error}</p> : null}
      </div>
    </form>
  );
}
