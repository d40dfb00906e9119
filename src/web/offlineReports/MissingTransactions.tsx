// Sequence gaps: each workstation numbers its transactions, so numbers the server has not seen
// mean a file left behind on some computer. Numbers used twice are shown too.
import { Link } from 'wouter';
import type { SequenceReport } from '../../shared/api/offline.ts';
import { api, describeError } from '../api/client.ts';
import { LoadError } from '../components/Alerts.tsx';
import { useRemote } from './useRemote.ts';

export function workstationReportHref(workstation: string): string {
  return `/offline-report?${new URLSearchParams({ workstation })}`;
}

export function MissingTransactions() {
  const gaps = useRemote('gaps', () => api.getOfflineGaps());
  return (
    <section aria-labelledby="missing-title">
      <h2 id="missing-title">Missing transactions</h2>
      {gaps.error ? <LoadError>{describeError(gaps.error)}</LoadError> : null}
      {gaps.data ? <GapList report={gaps.data} /> : null}
      {gaps.loading && !gaps.data ? <p className="muted">Checking the sequence numbers…</p> : null}
    </section>
  );
}

function GapList({ report }: { report: SequenceReport }) {
  const withGaps = report.workstations.filter((w) => w.gaps.length > 0);
  return (
    <>
      {withGaps.length === 0 && report.sequenceConflicts.length === 0 ? (
        <p>
          Nothing is missing: every workstation’s transactions have arrived, numbered without gaps.
        </p>
      ) : null}
      {withGaps.length > 0 ? (
        <ul className="gap-list">
          {withGaps.flatMap((workstation) =>
            workstation.gaps.map((gap) => (
              <li key={`${workstation.workstation}-${gap.from}`}>
                {gap.message}{' '}
                <Link href={workstationReportHref(workstation.workstation)}>
                  Report for {workstation.workstation}
                </Link>
              </li>
            )),
          )}
        </ul>
      ) : null}
      {withGaps.length > 0 ? (
        <p className="muted">
          Look for an offline client or a backup file on that workstation, and send or upload it.
        </p>
      ) : null}
      {report.sequenceConflicts.length > 0 ? (
        <>
          <h3>Numbers used twice</h3>
          <ul className="gap-list">
            {report.sequenceConflicts.map((conflict) => (
              <li key={`${conflict.workstation}-${conflict.sequence}`}>{conflict.message}</li>
            ))}
          </ul>
        </>
      ) : null}
      {report.workstations.length > 0 ? (
        <table className="loan-table">
          <caption>Workstations that sent offline transactions</caption>
          <thead>
            <tr>
              <th scope="col">Workstation</th>
              <th scope="col">Received</th>
              <th scope="col">Highest number</th>
              <th scope="col">Report</th>
            </tr>
          </thead>
          <tbody>
            {report.workstations.map((workstation) => (
              <tr key={workstation.workstation}>
                <td>{workstation.workstation}</td>
                <td>{workstation.received}</td>
                <td>{workstation.lastSequence}</td>
                <td>
                  <Link href={workstationReportHref(workstation.workstation)}>
                    Report for {workstation.workstation}
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </>
  );
}
