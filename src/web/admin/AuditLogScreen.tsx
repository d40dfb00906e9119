// The audit log: every change to the library's set-up, newest first: when, who, what was changed
// and how (each field before and after). Filters narrow it by action, record, staff member and
// days; the days are read in this workstation's branch time zone, as the times are shown.
import { useState, type FormEvent } from 'react';
import type { AuditLogEntry } from '../../shared/api/administration.ts';
import { formatDateTime } from '../../shared/calendar/formatDates.ts';
import { api } from '../api/client.ts';
import type { AuditLogFilter } from '../api/administration.ts';
import { auditLogQuery } from '../api/administration.ts';
import { useRemote } from '../offlineReports/useRemote.ts';
import { AdminPage } from './AdminPage.tsx';
import { auditChanges } from './auditChanges.ts';
import { ListState } from './ListState.tsx';

const PAGE_SIZE = 50;

/** What administration writes; other areas add their own, which the filter accepts as typed. */
const KNOWN_ACTIONS = [
  'branch.create',
  'branch.update',
  'staffUser.create',
  'staffUser.update',
  'staffUser.resetPassword',
  'staffUser.disable',
  'staffUser.enable',
  'workstation.create',
  'workstation.update',
  'workstation.remove',
  'patronType.create',
  'patronType.update',
  'materialType.create',
  'materialType.update',
  'loanRule.create',
  'loanRule.update',
  'loanRule.delete',
  'barcodeRules.update',
];
const KNOWN_SUBJECTS = [
  'branch',
  'staff_user',
  'workstation',
  'patron_type',
  'material_type',
  'loan_rule',
  'barcode_rules',
];

type Filters = Required<
  Pick<AuditLogFilter, 'action' | 'subjectType' | 'subjectId' | 'actor' | 'from' | 'to'>
>;
const NO_FILTERS: Filters = {
  action: '',
  subjectType: '',
  subjectId: '',
  actor: '',
  from: '',
  to: '',
};

export function AuditLogScreen() {
  const [typed, setTyped] = useState<Filters>(NO_FILTERS);
  const [applied, setApplied] = useState<Filters>(NO_FILTERS);
  const [offset, setOffset] = useState(0);
  const query = { ...applied, offset, limit: PAGE_SIZE };
  const page = useRemote(auditLogQuery(query), () => api.readAuditLog(query));

  function apply(event: FormEvent) {
    event.preventDefault();
    setApplied(typed);
    setOffset(0);
  }

  function clear() {
    setTyped(NO_FILTERS);
    setApplied(NO_FILTERS);
    setOffset(0);
  }

  function field(name: keyof Filters) {
    return {
      value: typed[name],
      onChange: (event: { target: { value: string } }) =>
        setTyped((current) => ({ ...current, [name]: event.target.value })),
    };
  }

  return (
    <AdminPage
      id="audit-log"
      title="Audit log"
      intro="Every change to the library's set-up: when, who (a staff member, or the command line) and what, with each field before and after. Entries are never changed or removed."
    >
      <form className="admin-filters" aria-label="Filter the audit log" onSubmit={apply}>
        <label className="record-form__field">
          <span>Action</span>
          <input list="audit-actions" {...field('action')} />
        </label>
        <datalist id="audit-actions">
          {KNOWN_ACTIONS.map((action) => (
            <option key={action} value={action} />
          ))}
        </datalist>
        <label className="record-form__field">
          <span>Record type</span>
          <input list="audit-subjects" {...field('subjectType')} />
        </label>
        <datalist id="audit-subjects">
          {KNOWN_SUBJECTS.map((subject) => (
            <option key={subject} value={subject} />
          ))}
        </datalist>
        <label className="record-form__field">
          <span>Record id</span>
          <input {...field('subjectId')} />
        </label>
        <label className="record-form__field">
          <span>Staff member</span>
          <input {...field('actor')} />
        </label>
        <label className="record-form__field">
          <span>From</span>
          <input type="date" {...field('from')} />
        </label>
        <label className="record-form__field">
          <span>To</span>
          <input type="date" {...field('to')} />
        </label>
        <button type="submit" className="button--primary">
          Show entries
        </button>
        <button type="button" onClick={clear}>
          Clear filters
        </button>
      </form>
      <ListState remote={page} noun="audit log" />
      {page.data ? (
        page.data.entries.length === 0 ? (
          <p className="muted">No changes match these filters.</p>
        ) : (
          <>
            <AuditTable entries={page.data.entries} timeZone={page.data.timeZone} />
            <nav className="pager" aria-label="Pages of the audit log">
              <button
                type="button"
                disabled={offset === 0}
                onClick={() => setOffset(Math.max(0, offset - PAGE_SIZE))}
              >
                Newer
              </button>
              <button
                type="button"
                disabled={!page.data.hasMore}
                onClick={() => setOffset(offset + PAGE_SIZE)}
              >
                Older
              </button>
            </nav>
          </>
        )
      ) : null}
    </AdminPage>
  );
}

function AuditTable({
  entries,
  timeZone,
}: {
  entries: readonly AuditLogEntry[];
  timeZone: string;
}) {
  return (
    <div className="table-scroll">
      <table className="loan-table">
        <caption>Changes, newest first</caption>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Who</th>
            <th scope="col">Action</th>
            <th scope="col">Record</th>
            <th scope="col">Changes</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <tr key={entry.id}>
              <td className="nowrap">{formatDateTime(entry.at, timeZone)}</td>
              <td>{entry.actor}</td>
              <td>{entry.action}</td>
              <td>
                {entry.subjectType}
                {entry.subjectId === null ? '' : ` ${entry.subjectId}`}
              </td>
              <td>
                <Changes entry={entry} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Changes({ entry }: { entry: AuditLogEntry }) {
  const changes = auditChanges(entry.before, entry.after);
  if (changes.length === 0) return <span className="muted">No field changed</span>;
  return (
    <ul className="audit-change">
      {changes.map((change) => (
        <li key={change.field}>
          {change.field}:{' '}
          {change.before === null
            ? change.after
            : change.after === null
              ? `${change.before} (removed)`
              : `${change.before} → ${change.after}`}
        </li>
      ))}
    </ul>
  );
}
