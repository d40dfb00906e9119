// The library's own settings: its name (printed on receipts), the loan period
// offline when no loan rule matches, what offline clients may do, the hold shelf, floating items and
// how long returned loans keep the patron. Supervisors read them; administrators change them, and
// the change is in the audit log.
import { useState } from 'react';
import {
  LibrarySettingsChange,
  type LibrarySettingsView,
  type OfflineRenewalRefusal,
} from '../../shared/api/librarySettings.ts';
import type { OfflineOverridePolicy } from '../../shared/processing/outcome.ts';
import { api } from '../api/client.ts';
import { useRemote } from '../offlineReports/useRemote.ts';
import { may } from '../session/may.ts';
import { useSession, useSessionContext } from '../session/SessionContext.tsx';
import { AdminPage } from './AdminPage.tsx';
import { ListState } from './ListState.tsx';
import { parseOrThrow } from './parseOrThrow.ts';
import { Field, numberFrom, RecordForm } from './RecordForm.tsx';
import { useEditing } from './useEditing.ts';

const OVERRIDE_POLICY_WORDS: Record<OfflineOverridePolicy, string> = {
  apply_and_flag: 'Make the loan and list it for a supervisor to review',
  hold: 'Hold it until a supervisor applies it',
};

const RENEWAL_REFUSAL_WORDS: Record<OfflineRenewalRefusal, string> = {
  apply_with_warning: 'Apply the renewal and warn in the report',
  exception: 'Keep it as an exception for a supervisor',
};

const BLOCK_LIST_WORDS = {
  yes: 'Send a block list: card numbers and reason codes (blocked, expired), never names',
  no: 'Send no block list: offline clients do not know blocked or expired cards',
};

const hours = (n: number) => (n === 1 ? '1 hour' : `${n} hours`);
const days = (n: number) => (n === 1 ? '1 day' : `${n} days`);
const openDays = (n: number) => (n === 1 ? '1 open day' : `${n} open days`);

const FLOAT_WORDS = {
  yes: 'A returned item stays where it was returned',
  no: 'A returned item goes home to its own branch',
};

/** How long returned loans keep the patron, in words (docs/privacy.md says what is kept). */
const INSTALL_WORDS = {
  yes: 'Yes: every staff browser gets it at sign-in',
  no: 'No: staff install it from the user menu',
} as const;

const INSTALL_HINT =
  'Each staff sign-in in a browser without the offline client installs it in the background, with nothing for staff to do. A browser without it cannot lend while the library system is down.';

function loanHistoryWords(keepDays: number | null): string {
  if (keepDays === null) return 'Keep forever';
  if (keepDays === 0) return 'Forget the patron as soon as the item is returned';
  return `${days(keepDays)} after the return, then forget the patron`;
}

export function LibrarySettingsScreen() {
  const session = useSession();
  const canManage = may(session, 'librarySettings.manage');
  const [version, setVersion] = useState(0);
  const settings = useRemote(`library-settings-${version}`, () => api.getLibrarySettings());
  const { editing, open, close } = useEditing<LibrarySettingsView>();
  const current = settings.data;
  // The session answer carries the name the receipts print: read it again once it has changed.
  const { retryLoad: reloadSession } = useSessionContext();

  return (
    <AdminPage
      id="library-settings"
      title="Library"
      intro="The library's name, what offline clients do, the hold shelf, floating items and how long loan history names the patron. Changes apply from the next request; offline clients take them with their next refresh."
    >
      <ListState remote={settings} noun="library settings" />
      {current ? (
        <dl className="facts">
          <div>
            <dt>Name</dt>
            <dd>{current.libraryName}</dd>
          </div>
          <div>
            <dt>Offline loan period when no loan rule matches</dt>
            <dd>{days(current.defaultLoanDays)}</dd>
          </div>
          <div>
            <dt>Longest offline Special Loan</dt>
            <dd>{days(current.offlineSpecialLoanMaxDays)}</dd>
          </div>
          <div>
            <dt>Install the offline client at sign-in</dt>
            <dd>{current.installOfflineClientAtSignIn ? INSTALL_WORDS.yes : INSTALL_WORDS.no}</dd>
          </div>
          <div>
            <dt>Send a block list to offline clients</dt>
            <dd>{current.offlineBlockedList ? BLOCK_LIST_WORDS.yes : BLOCK_LIST_WORDS.no}</dd>
          </div>
          <div>
            <dt>Warn when the block list is older than</dt>
            <dd>{hours(current.offlineBlockListMaxAgeHours)}</dd>
          </div>
          <div>
            <dt>Offline renewals a rule refuses</dt>
            <dd>{RENEWAL_REFUSAL_WORDS[current.offlineRenewalRefusal]}</dd>
          </div>
          <div>
            <dt>An offline loan only a supervisor could make online</dt>
            <dd>{OVERRIDE_POLICY_WORDS[current.offlineOverridePolicy]}</dd>
          </div>
          <div>
            <dt>Days on the hold shelf</dt>
            <dd>{openDays(current.holdShelfDays)}</dd>
          </div>
          <div>
            <dt>Items float</dt>
            <dd>{current.itemsFloat ? FLOAT_WORDS.yes : FLOAT_WORDS.no}</dd>
          </div>
          <div>
            <dt>Keep loan history</dt>
            <dd>{loanHistoryWords(current.loanHistoryDays)}</dd>
          </div>
        </dl>
      ) : null}
      {canManage && current ? (
        <button
          type="button"
          className="button--primary"
          onClick={() => open({ kind: 'edit', record: current })}
        >
          Change library settings
        </button>
      ) : null}
      {editing?.kind === 'edit' ? (
        <LibrarySettingsForm
          settings={editing.record}
          onSaved={() => {
            setVersion((v) => v + 1);
            close();
            reloadSession();
          }}
          onCancel={close}
        />
      ) : null}
    </AdminPage>
  );
}

function LibrarySettingsForm({
  settings,
  onSaved,
  onCancel,
}: {
  settings: LibrarySettingsView;
  onSaved(): void;
  onCancel(): void;
}) {
  const [name, setName] = useState(settings.libraryName);
  const [loanDays, setLoanDays] = useState(String(settings.defaultLoanDays));
  const [specialDays, setSpecialDays] = useState(String(settings.offlineSpecialLoanMaxDays));
  const [installAtSignIn, setInstallAtSignIn] = useState(settings.installOfflineClientAtSignIn);
  const [blockedList, setBlockedList] = useState(settings.offlineBlockedList);
  const [blockListAge, setBlockListAge] = useState(String(settings.offlineBlockListMaxAgeHours));
  const [renewalRefusal, setRenewalRefusal] = useState(settings.offlineRenewalRefusal);
  const [policy, setPolicy] = useState(settings.offlineOverridePolicy);
  const [shelfDays, setShelfDays] = useState(String(settings.holdShelfDays));
  const [itemsFloat, setItemsFloat] = useState(settings.itemsFloat);
  const [keepForever, setKeepForever] = useState(settings.loanHistoryDays === null);
  const [historyDays, setHistoryDays] = useState(String(settings.loanHistoryDays ?? 30));

  async function submit() {
    const checked = parseOrThrow(LibrarySettingsChange, {
      libraryName: name,
      defaultLoanDays: numberFrom(loanDays),
      offlineSpecialLoanMaxDays: numberFrom(specialDays),
      installOfflineClientAtSignIn: installAtSignIn,
      offlineBlockedList: blockedList,
      offlineBlockListMaxAgeHours: numberFrom(blockListAge),
      offlineRenewalRefusal: renewalRefusal,
      offlineOverridePolicy: policy,
      holdShelfDays: numberFrom(shelfDays),
      itemsFloat,
      loanHistoryDays: keepForever ? null : numberFrom(historyDays),
    });
    await api.changeLibrarySettings(checked);
    onSaved();
  }

  return (
    <RecordForm
      title="Change library settings"
      submitLabel="Save library settings"
      onSubmit={submit}
      onCancel={onCancel}
    >
      <Field label="Name" hint="Printed on receipts, online and offline.">
        <input value={name} maxLength={200} onChange={(e) => setName(e.target.value)} />
      </Field>
      <NumberField
        label="Offline loan period (days)"
        hint="For an offline loan when no loan rule matches its patron type and material type."
        value={loanDays}
        onChange={setLoanDays}
      />
      <NumberField
        label="Longest offline Special Loan (days)"
        hint="A later due date recorded offline is held for a supervisor."
        value={specialDays}
        onChange={setSpecialDays}
      />
      <div className="record-form__field">
        <label className="checkbox">
          <input
            type="checkbox"
            checked={installAtSignIn}
            aria-describedby="install-at-sign-in-hint"
            onChange={(e) => setInstallAtSignIn(e.target.checked)}
          />
          Install the offline client at sign-in
        </label>
        <small id="install-at-sign-in-hint" className="muted">
          {INSTALL_HINT}
        </small>
      </div>
      <YesNoField
        label="Send a block list to offline clients"
        hint="Card numbers and a reason code (blocked, or expired with the date) of blocked and expired cards, never names, addresses or why a card was blocked, so the desk can warn while the server is down. Kept in each staff browser and refreshed with every sign-in."
        value={blockedList}
        onChange={setBlockedList}
        options={[
          ['no', BLOCK_LIST_WORDS.no],
          ['yes', BLOCK_LIST_WORDS.yes],
        ]}
      />
      <NumberField
        label="Warn when the block list is older than (hours)"
        hint="An offline client whose list is older says plainly that it may miss recent blocks."
        value={blockListAge}
        onChange={setBlockListAge}
      />
      <Field
        label="Offline renewals a rule refuses"
        hint="Renewal limit reached, or a hold waiting for another patron. The patron already left with the new due date; either way the report says so."
      >
        <select
          value={renewalRefusal}
          onChange={(e) =>
            setRenewalRefusal(e.target.value === 'exception' ? 'exception' : 'apply_with_warning')
          }
        >
          <option value="apply_with_warning">{RENEWAL_REFUSAL_WORDS.apply_with_warning}</option>
          <option value="exception">{RENEWAL_REFUSAL_WORDS.exception}</option>
        </select>
      </Field>
      <Field label="An offline loan only a supervisor could make online">
        <select
          value={policy}
          onChange={(e) => setPolicy(e.target.value === 'hold' ? 'hold' : 'apply_and_flag')}
        >
          <option value="apply_and_flag">{OVERRIDE_POLICY_WORDS.apply_and_flag}</option>
          <option value="hold">{OVERRIDE_POLICY_WORDS.hold}</option>
        </select>
      </Field>
      <NumberField
        label="Days on the hold shelf"
        hint="Open days an item waits for the patron who asked for it; then the hold expires."
        value={shelfDays}
        onChange={setShelfDays}
      />
      <YesNoField
        label="Items float"
        hint="Floating: an item returned at another branch stays there instead of travelling home."
        value={itemsFloat}
        onChange={setItemsFloat}
        options={[
          ['no', FLOAT_WORDS.no],
          ['yes', FLOAT_WORDS.yes],
        ]}
      />
      <Field
        label="Keep loan history"
        hint="How long a returned loan (and a settled offline transaction) still names the patron."
      >
        <select
          value={keepForever ? 'forever' : 'days'}
          onChange={(e) => setKeepForever(e.target.value === 'forever')}
        >
          <option value="days">For a number of days</option>
          <option value="forever">Keep forever</option>
        </select>
      </Field>
      {keepForever ? null : (
        <NumberField
          label="Days to keep loan history"
          hint="0 forgets the patron as soon as the item is returned. The item's count of loans stays."
          value={historyDays}
          onChange={setHistoryDays}
        />
      )}
    </RecordForm>
  );
}

/** A number typed as text (checked by the contract on save), in a labelled field. */
function NumberField(props: {
  label: string;
  hint: string;
  value: string;
  onChange(value: string): void;
}) {
  return (
    <Field label={props.label} hint={props.hint}>
      <input
        inputMode="numeric"
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
      />
    </Field>
  );
}

/** A yes-or-no setting as a choice between two sentences, listed in `options` order. */
function YesNoField(props: {
  label: string;
  hint: string;
  value: boolean;
  onChange(value: boolean): void;
  options: readonly (readonly ['yes' | 'no', string])[];
}) {
  return (
    <Field label={props.label} hint={props.hint}>
      <select
        value={props.value ? 'yes' : 'no'}
        onChange={(e) => props.onChange(e.target.value === 'yes')}
      >
        {props.options.map(([value, words]) => (
          <option key={value} value={value}>
            {words}
          </option>
        ))}
      </select>
    </Field>
  );
}
