// The fields of a patron, for registering one and for editing one: name, patron type, home
// branch, card expiry and contact details. The choices come from GET /api/record-choices.
import type { RecordChoices } from '../../shared/api/patrons.ts';

export interface PatronFieldValues {
  name: string;
  patronType: string;
  homeBranch: string;
  /** 'YYYY-MM-DD', or '' for the patron type's usual card period (registration only). */
  expiresOn: string;
  email: string;
  phone: string;
  address: string;
}

export function PatronFields({
  values,
  choices,
  onChange,
  expiryHint,
  focusName,
}: {
  values: PatronFieldValues;
  choices: RecordChoices;
  onChange(values: PatronFieldValues): void;
  expiryHint: string;
  /** Start in Name, e.g. when the card is already scanned. */
  focusName?: boolean;
}) {
  const set = (field: keyof PatronFieldValues) => (value: string) =>
    onChange({ ...values, [field]: value });
  return (
    <>
      <label>
        <span>Name</span>
        <input
          autoFocus={focusName}
          value={values.name}
          maxLength={200}
          autoComplete="off"
          onChange={(event) => set('name')(event.target.value)}
        />
      </label>
      <label>
        <span>Patron type</span>
        <select
          value={values.patronType}
          onChange={(event) => set('patronType')(event.target.value)}
        >
          {choices.patronTypes.map((type) => (
            <option key={type.code} value={type.code}>
              {type.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>Home branch</span>
        <select
          value={values.homeBranch}
          onChange={(event) => set('homeBranch')(event.target.value)}
        >
          {choices.branches.map((branch) => (
            <option key={branch.code} value={branch.code}>
              {branch.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>Card expires</span>
        <input
          type="date"
          value={values.expiresOn}
          aria-describedby="patron-expiry-hint"
          onChange={(event) => set('expiresOn')(event.target.value)}
        />
      </label>
      <p id="patron-expiry-hint" className="muted">
        {expiryHint}
      </p>
      <label>
        <span>Email (optional)</span>
        <input
          type="email"
          value={values.email}
          maxLength={254}
          onChange={(event) => set('email')(event.target.value)}
        />
      </label>
      <label>
        <span>Phone (optional)</span>
        <input
          type="tel"
          value={values.phone}
          maxLength={40}
          onChange={(event) => set('phone')(event.target.value)}
        />
      </label>
      <label>
        <span>Address (optional)</span>
        <textarea
          value={values.address}
          maxLength={500}
          rows={2}
          onChange={(event) => set('address')(event.target.value)}
        />
      </label>
    </>
  );
}
