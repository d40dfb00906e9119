// Reads the audit log newest first, a page at a time, filtered by action, what was changed, who
// changed it and when (days in the reader's branch time zone).
import type { Kysely } from 'kysely';
import type { AuditLogPage, AuditLogQuery } from '../../../shared/api/administration.ts';
import { addDays } from '../../../shared/calendar/dueDates.ts';
import { localEndOfDay } from '../../../shared/calendar/localTime.ts';
import { MS_PER_DAY, parseCalendarDate } from '../../../shared/calendar/calendarDates.ts';
import type { Database } from '../../db/schema.ts';
import { presentAuditEntry } from '../../presenters/administration.ts';

const MS_PER_MINUTE = 60_000;

/** The first instant of a local day: one minute after the day before ends at 23:59. */
function startOfDay(date: string, timeZone: string): number {
  const endOfDayBefore = localEndOfDay(addDays(date, -1), timeZone);
  // A day skipped by a date-line move has no 23:59; its UTC midnight is close enough for a filter.
  return endOfDayBefore === null
    ? (parseCalendarDate(date) ?? 0) * MS_PER_DAY
    : endOfDayBefore + MS_PER_MINUTE;
}

export async function readAuditLog(props: {
  db: Kysely<Database>;
  query: AuditLogQuery;
  /** The reader's branch time zone, in which `from` and `to` are days. */
  timeZone: string;
}): Promise<AuditLogPage> {
  const { db, query, timeZone } = props;
  let select = db.selectFrom('audit_log').selectAll();
  if (query.action !== undefined) select = select.where('action', '=', query.action);
  if (query.subjectType !== undefined)
    select = select.where('subject_type', '=', query.subjectType);
  if (query.subjectId !== undefined) select = select.where('subject_id', '=', query.subjectId);
  if (query.actor !== undefined) select = select.where('actor', '=', query.actor);
  if (query.from !== undefined) select = select.where('at', '>=', startOfDay(query.from, timeZone));
  if (query.to !== undefined) {
    select = select.where('at', '<', startOfDay(addDays(query.to, 1), timeZone));
  }
  // One more than the page shows, to know whether older entries match.
  const rows = await select
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .offset(query.offset)
    .limit(query.limit + 1)
    .execute();
  return {
    entries: rows.slice(0, query.limit).map(presentAuditEntry),
    offset: query.offset,
    hasMore: rows.length > query.limit,
    timeZone,
  };
}
