// Register Patron, offline: a new card, the patron's name and type, and an email or a phone. Each
// problem shows beside its field and nothing is recorded until all are right; a registration shows
// as done only once stored durably. "Check out to this patron" then opens Check Out with the card.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { DeskContext } from '../../browser/desk/deskSession.ts';
import { OutboxWriteError } from '../../browser/outbox/outbox.ts';
import {
  NO_PATRON_TYPES_MESSAGE,
  registerPatron,
  type RegistrationEntry,
  type RegistrationField,
  type RegistrationForm,
} from '../../browser/register/registerPatron.ts';

const FIELDS: { field: RegistrationField; label: string; type?: string }[] = [
  { field: 'cardBarcode', label: 'Card barcode' },
  { field: 'name', label: 'Name' },
  { field: 'patronTypeCode', label: 'Patron type' },
  { field: 'email', label: 'Email', type: 'email' },
  { field: 'phone', label: 'Phone', type: 'tel' },
];

const fieldId = (field: RegistrationField) => `register-${field}`;
const errorId = (field: RegistrationField) => `register-${field}-error`;

export function RegisterPatronScreen(props: {
  context: DeskContext;
  onRecorded: () => void;
  /** Opens Check Out with this card entered. */
  onCheckOut: (patronBarcode: string) => void;
}) {
  const { context, onRecorded, onCheckOut } = props;
  const patronTypes = context.snapshot.patronTypes ?? [];
  const blank = (): RegistrationForm => ({
    cardBarcode: '',
    name: '',
    patronTypeCode: patronTypes[0]?.code ?? '',
    email: '',
    phone: '',
  });
  const [form, setForm] = useState(blank);
  const [errors, setErrors] = useState<Partial<Record<RegistrationField, string>>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [registered, setRegistered] = useState<RegistrationEntry | null>(null);
  const [saving, setSaving] = useState(false);
  const cardField = useRef<HTMLInputElement>(null);
  const checkOutButton = useRef<HTMLButtonElement>(null);
  const unavailable = patronTypes.length === 0;

  // The usual next step after registering, one Enter away.
  useEffect(() => {
    if (registered !== null) checkOutButton.current?.focus();
  }, [registered]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (saving || unavailable) return;
    setSaving(true);
    setFailure(null);
    try {
      const result = await registerPatron(context, form);
      if (!result.ok) {
        setErrors(result.errors);
        return;
      }
      setErrors({});
      setRegistered(result.entry);
      setForm(blank());
      onRecorded();
    } catch (error) {
      setFailure(
        error instanceof OutboxWriteError
          ? error.message
          : 'The patron was NOT registered because of an unexpected error. Choose Register again; if it fails again, save a backup file and reload the page.',
      );
    } finally {
      setSaving(false);
    }
  };

  const registerAnother = () => {
    setRegistered(null);
    queueMicrotask(() => cardField.current?.focus());
  };

  const set = (field: RegistrationField, value: string) => setForm({ ...form, [field]: value });

  return (
    <section aria-labelledby="register-heading">
      <h2 id="register-heading">Register Patron</h2>
      {unavailable && (
        <p className="alert" role="alert">
          {NO_PATRON_TYPES_MESSAGE}
        </p>
      )}
      {failure && (
        <p className="alert" role="alert">
          {failure}
        </p>
      )}
      {registered && (
        <div className="banner info" role="status">
          <p>
            Registered {registered.name} with card {registered.patronBarcode} (record no.{' '}
            {registered.sequence}). The patron may borrow with it now; Circa creates the patron when
            this workstation next sends.
          </p>
          <div className="actions">
            <button
              type="button"
              className="primary"
              ref={checkOutButton}
              onClick={() => onCheckOut(registered.patronBarcode)}
            >
              Check out to this patron
            </button>
            <button type="button" onClick={registerAnother}>
              Register another patron
            </button>
          </div>
        </div>
      )}
      <form onSubmit={submit} className="register-form" noValidate>
        <fieldset disabled={unavailable}>
          <legend>New patron</legend>
          {FIELDS.map(({ field, label, type }) => (
            <div className="field" key={field}>
              <label htmlFor={fieldId(field)}>{label}</label>
              {field === 'patronTypeCode' ? (
                <select
                  id={fieldId(field)}
                  value={form.patronTypeCode}
                  aria-invalid={errors[field] !== undefined}
                  aria-describedby={errors[field] ? errorId(field) : undefined}
                  onChange={(event) => set(field, event.target.value)}
                >
                  {patronTypes.map((patronType) => (
                    <option key={patronType.code} value={patronType.code}>
                      {patronType.name || patronType.code}
                    </option>
                  ))}
                </select>
              ) : (
                <input
                  id={fieldId(field)}
                  ref={field === 'cardBarcode' ? cardField : undefined}
                  type={type ?? 'text'}
                  autoComplete="off"
                  value={form[field]}
                  aria-invalid={errors[field] !== undefined}
                  aria-describedby={errors[field] ? errorId(field) : undefined}
                  onChange={(event) => set(field, event.target.value)}
                />
              )}
              {errors[field] && (
                <span className="field-error" id={errorId(field)}>
                  {errors[field]}
                </span>
              )}
            </div>
          ))}
          <p className="notice">Give an email address or a phone number, or both.</p>
          <div className="actions">
            <button type="submit" className="primary" disabled={saving}>
              Register
            </button>
          </div>
        </fieldset>
      </form>
    </section>
  );
}
