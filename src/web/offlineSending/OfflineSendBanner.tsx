// The banner under the header while this browser holds offline transactions the server has not
// confirmed: how many and from which days, "Send now", the progress of a sending, and what the
// server made of them.
import { SendResultSummary } from '../offlineReports/SendResultSummary.tsx';
import { progressText, sendProblemText, unsentText } from '../../browser/sending/sendWords.ts';
import { offlineSendStore } from '../../browser/sending/sendStore.ts';
import { sendingReportHref } from '../../browser/sending/sendingReport.ts';
import { useOfflineSend } from './useOfflineSend.ts';
import { focusNextScan } from '../lib/focusNextScan.ts';

export function OfflineSendBanner() {
  const { unsent, days, phase, progress, result } = useOfflineSend();

  if (phase === 'sending') {
    const text = progress ? progressText(progress.sent, progress.total) : 'Preparing to send…';
    return (
      <div role="status" className="notice offline-send-banner">
        <p id="offline-send-progress">{text}</p>
        <progress
          aria-labelledby="offline-send-progress"
          value={progress?.sent ?? 0}
          max={progress?.total ?? 1}
        />
      </div>
    );
  }

  const problem = result ? sendProblemText(result) : null;
  const sendNow = (
    <button
      type="button"
      className="button--primary"
      onClick={() => {
        void offlineSendStore.send();
        // The button gives way to the progress bar: the desk goes on scanning meanwhile.
        focusNextScan();
      }}
    >
      Send now
    </button>
  );

  if (phase === 'finished' && result) {
    return (
      <div className="notice offline-send-banner">
        {problem ? (
          <div role="alert" className="alerts">
            <p>{problem}</p>
          </div>
        ) : null}
        {result.sent > 0 ? (
          <SendResultSummary
            summary={result.summary}
            reportHref={sendingReportHref(result)}
            duplicates={result.duplicates}
          />
        ) : null}
        <div className="actions">
          {unsent ? sendNow : null}
          <button
            type="button"
            onClick={() => {
              offlineSendStore.dismiss();
              focusNextScan();
            }}
          >
            Close
          </button>
        </div>
      </div>
    );
  }

  if (!unsent) return null;
  return (
    <div
      role="region"
      aria-label="Unsent offline transactions"
      className="notice offline-send-banner"
    >
      <p>{unsentText(unsent, days)}.</p>
      {sendNow}
    </div>
  );
}
