// The report across uploads, by workstation and/or day: what happened at one desk, or on the day
// the network was down, whichever upload brought it.
import { Link, useSearchParams } from 'wouter';
import { api } from '../api/client.ts';
import { formatDay } from '../../shared/calendar/formatDates.ts';
import { may } from '../session/may.ts';
import { useSession } from '../session/SessionContext.tsx';
import { ReportView } from './ReportView.tsx';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

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
  const filter = { workstation, day };
  const title = [
    'Offline report',
    workstation ? `for workstation ${workstation}` : null,
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
      {!workstation && !day ? (
        <p className="muted">Every offline transaction the server has, from every workstation.</p>
      ) : null}
      <ReportView
        key={`${workstation}|${day}`}
        filter={filter}
        caption={title}
        load={(outcome, page) => api.getOfflineReport({ ...filter, outcome }, page)}
      />
    </main>
  );
}
