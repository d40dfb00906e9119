// The report across uploads, by workstation and/or day: what happened at one desk, or on the day
// the network was down, whichever upload brought it. With sequence numbers it is the report of one
// sending (its View report), marking what an earlier upload had stored first.
import { Link, useSearchParams } from 'wouter';
import { SENDING_REPORT_PARAMS } from '../../browser/sending/sendingReport.ts';
import { api } from '../api/client.ts';
import { formatDay } from '../../shared/calendar/formatDates.ts';
import { may } from '../session/may.ts';
import { useSession } from '../session/SessionContext.tsx';
import { ReportView } from './ReportView.tsx';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A whole number from the address, or undefined when it is not one. */
function wholeNumber(raw: string | null): number | undefined {
  return raw !== null && /^\d{1,15}$/.test(raw) ? Number(raw) : undefined;
}

/** The uploads a sending made, "8,9" in the address. */
function uploadIds(raw: string | null): number[] | undefined {
  if (raw === null) return undefined;
  const ids = raw.split(',').map(wholeNumber);
  return ids.every((id) => id !== undefined) ? (ids as number[]) : undefined;
}

export function OfflineReportScreen() {
  const [params] = useSearchParams();
  const session = useSession();
  const everyWorkstation = may(session, 'offline.report.readAll');
  // The desk reads its own workstation's report; the server refuses it any other.
  const workstation = everyWorkstation
    ? params.get('workstation')?.trim() || undefined
    : (session.workstation?.name ?? undefined);
  const rawDay = params.get('day')?.trim() || undefined;
  const day = rawDay && DAY.test(rawDay) ? rawDay : undefined;
  const fromSequence = wholeNumber(params.get(SENDING_REPORT_PARAMS.fromSequence));
  const toSequence = wholeNumber(params.get(SENDING_REPORT_PARAMS.toSequence));
  const sentIn = uploadIds(params.get(SENDING_REPORT_PARAMS.sentIn));
  const filter = { workstation, day, fromSequence, toSequence };
  const numbers =
    fromSequence === undefined || toSequence === undefined
      ? ''
      : fromSequence === toSequence
        ? `, transaction ${fromSequence}`
        : `, transactions ${fromSequence}–${toSequence}`;
  const title = [
    'Offline report',
    workstation ? `for workstation ${workstation}${numbers}` : null,
    day ? `on ${formatDay(day)}` : null,
  ]
    .filter((part) => part !== null)
    .join(' ');

  return (
    <main className="screen screen--wide" aria-labelledby="offline-report-title">
      <p className="breadcrumb">
        <Link href="/offline-uploads">Offline uploads</Link>
      </p>
      <h1 id="offline-report-title">{title}</h1>
      {rawDay && !day ? (
        <p className="notice">
          “{rawDay}” is not a day in the form YYYY-MM-DD, so every day is shown.
        </p>
      ) : null}
      {sentIn ? (
        <p className="muted">
          Everything one sending carried. A transaction marked “stored before” had already reached
          the server with an earlier upload (a sending whose answer was lost, or a backup file): it
          was not stored twice.
        </p>
      ) : null}
      {!workstation && !day ? (
        <p className="muted">Every offline transaction the server has, from every workstation.</p>
      ) : null}
      <ReportView
        key={`${workstation}|${day}|${fromSequence}|${toSequence}`}
        filter={filter}
        caption={title}
        sentIn={sentIn}
        load={(tableFilter, page) => api.getOfflineReport({ ...filter, ...tableFilter }, page)}
      />
    </main>
  );
}
