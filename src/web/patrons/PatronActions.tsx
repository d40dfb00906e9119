// What staff may do on a patron's page, each offered only when the session grants it: edit the
// record, block with a reason or unblock, renew the card. Each change answers with the patron as
// now stored, which the page shows at once; a refusal keeps what was typed.
import { useRef, useState } from 'react';
import type { Patron } from '../../shared/api/circulation.ts';
import { PatronChanges, type PatronRecord } from '../../shared/api/patrons.ts';
import { formatDay } from '../../shared/calendar/formatDates.ts';
import { api, describeError } from '../api/client.ts';
import { LoadError } from '../components/Alerts.tsx';
import { EditRecordForm } from '../components/EditRecordForm.tsx';
import { useLoad } from '../lib/useLoad.ts';
import { may } from '../session/may.ts';
import { useSession } from '../session/SessionContext.tsx';
import { PatronFields, type PatronFieldValues } from './PatronFields.tsx';

type Open = 'none' | 'edit' | 'block';

export function PatronActions({
  patron,
  onChanged,
}: {
  patron: Patron;
  onChanged(patron: PatronRecord): void;
}) {
  const session = useSession();
  const [record, replaceRecord] = useLoad(() => api.getPatronRecord(patron.barcode));
  const [open, setOpen] = useState<Open>('none');
  const [done, setDone] = useState('');
  const [error, setError] = useState<string | null>(null);
  const actionsRef = useRef<HTMLDivElement>(null);

  function changed(next: PatronRecord, said: string) {
    replaceRecord({ patron: next });
    onChanged(next);
    setOpen('none');
    setError(null);
    setDone(said);
    actionsRef.current?.querySelector('button')?.focus();
  }

  async function run(
    action: () => Promise<{ patron: PatronRecord }>,
    said: (p: PatronRecord) => string,
  ) {
    setError(null);
    try {
      const { patron: next } = await action();
      changed(next, said(next));
    } catch (failure) {
      setError(describeError(failure));
    }
  }

  const close = () => {
    setOpen('none');
    actionsRef.current?.querySelector('button')?.focus();
  };

  return (
    <section aria-labelledby="patron-record-title">
      <h2 id="patron-record-title">Contact details</h2>
      {record.status === 'failed' ? <LoadError>{describeError(record.error)}</LoadError> : null}
      {record.status === 'loaded' ? (
        <dl className="facts">
          <div>
            <dt>Email</dt>
            <dd>{record.data.patron.email ?? '—'}</dd>
          </div>
          <div>
            <dt>Phone</dt>
            <dd>{record.data.patron.phone ?? '—'}</dd>
          </div>
          <div>
            <dt>Address</dt>
            <dd>{record.data.patron.address ?? '—'}</dd>
          </div>
        </dl>
      ) : null}
      <div className="actions record-actions" ref={actionsRef}>
        {may(session, 'patron.edit') && record.status === 'loaded' ? (
          <button type="button" onClick={() => setOpen('edit')}>
            Edit
          </button>
        ) : null}
        {may(session, 'patron.renewCard') ? (
          <button
            type="button"
            onClick={() =>
              void run(
                () => api.renewCard(patron.id),
                (next) => `Card renewed: it now expires on ${formatDay(next.expiresOn)}.`,
              )
            }
          >
            Renew card
          </button>
        ) : null}
        {patron.status !== 'blocked' && may(session, 'patron.block') ? (
          <button type="button" onClick={() => setOpen('block')}>
            Block
          </button>
        ) : null}
        {patron.status === 'blocked' && may(session, 'patron.unblock') ? (
          <button
            type="button"
            onClick={() =>
              void run(
                () => api.unblockPatron(patron.id),
                () => 'Block removed.',
              )
            }
          >
            Unblock
          </button>
        ) : null}
      </div>
      <p role="status">{done}</p>
      {open === 'block' ? (
        <BlockForm
          onCancel={close}
          onBlock={(reason) =>
            run(
              () => api.blockPatron(patron.id, reason),
              () => 'Patron blocked: Check Out stops at this card until it is unblocked.',
            )
          }
        />
      ) : null}
      {open === 'edit' && record.status === 'loaded' ? (
        <EditPatron
          record={record.data.patron}
          onCancel={close}
          onSave={(changes) =>
            run(
              () => api.editPatron(patron.id, changes),
              () => 'Changes saved.',
            )
          }
        />
      ) : null}
      {error ? (
        <div role="alert" className="alerts">
          <p>{error}</p>
        </div>
      ) : null}
    </section>
  );
}

function BlockForm({
  onBlock,
  onCancel,
}: {
  onBlock(reason: string): Promise<void>;
  onCancel(): void;
}) {
  const [reason, setReason] = useState('');
  return (
    <form
      className="inline-form"
      aria-label="Block patron"
      onSubmit={(event) => {
        event.preventDefault();
        void onBlock(reason);
      }}
      onKeyDown={(event) => {
        if (event.key === 'Escape') onCancel();
      }}
    >
      <label>
        <span>Why is the patron blocked?</span>
        <input
          autoFocus
          value={reason}
          maxLength={200}
          onChange={(event) => setReason(event.target.value)}
        />
      </label>
      <button type="submit" className="button--primary">
        Block patron
      </button>
      <button type="button" onClick={onCancel}>
        Cancel
      </button>
    </form>
  );
}

function EditPatron({
  record,
  onSave,
  onCancel,
}: {
  record: PatronRecord;
  onSave(changes: PatronChanges): Promise<void>;
  onCancel(): void;
}) {
  const [values, setValues] = useState<PatronFieldValues>({
    name: record.name,
    patronType: record.patronType.code,
    homeBranch: record.homeBranch.code,
    expiresOn: record.expiresOn,
    email: record.email ?? '',
    phone: record.phone ?? '',
    address: record.address ?? '',
  });
  return (
    <EditRecordForm
      label="Edit patron"
      contract={PatronChanges}
      values={values}
      onSave={onSave}
      onCancel={onCancel}
      renderFields={(choices) => (
        <PatronFields
          values={values}
          choices={choices}
          onChange={setValues}
          expiryHint="To give the card a new period, use Renew card instead."
        />
      )}
    />
  );
}
