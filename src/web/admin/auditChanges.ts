// What an audit log entry changed, in lines a person reads: each field that differs between the
// record before and after, or the whole record when it was created or removed.

export interface FieldChange {
  field: string;
  before: string | null;
  after: string | null;
}

function show(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(show).join(', ') || '—';
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    // A nested record (a branch, a patron type) reads best by its code or name.
    const label = record.code ?? record.username ?? record.name;
    return typeof label === 'string' ? label : JSON.stringify(value);
  }
  return String(value);
}

function fieldsOf(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : { value };
}

/** The fields that differ, in the order they appear; ids are left out (the entry names the record). */
export function auditChanges(before: unknown, after: unknown): FieldChange[] {
  const was = before === null || before === undefined ? null : fieldsOf(before);
  const now = after === null || after === undefined ? null : fieldsOf(after);
  const fields = [...new Set([...Object.keys(was ?? {}), ...Object.keys(now ?? {})])].filter(
    (field) => field !== 'id',
  );
  return fields.flatMap((field) => {
    const from = was === null ? null : show(was[field]);
    const to = now === null ? null : show(now[field]);
    return from === to ? [] : [{ field, before: from, after: to }];
  });
}
