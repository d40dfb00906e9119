// The offline client's notice about sending: the server is back and transactions wait, how far a
// sending has got, what the server made of them (with the way to the report), or why it stopped.
import {
  describeOutcomeSummary,
  describeRepeats,
  transactionCount,
} from '../../shared/offline/outcomeSummaryWords.ts';
import { sendingReportHref } from '../../browser/sending/sendingReport.ts';
import type { ServerStatus } from '../../browser/server/heartbeat.ts';
import type { SendResult } from '../../browser/sending/sendOutbox.ts';
import { progressText, sendProblemText } from '../../browser/sending/sendWords.ts';
import type { SendingState } from './useSending.ts';

const numbers = new Intl.NumberFormat('en-US');

export interface SendNoticeProps {
  state: SendingState;
  serverStatus: ServerStatus;
  unsent: number;
  onSend: () => void;
  onDismiss: () => void;
}

export function SendNotice({ state, serverStatus, unsent, onSend, onDismiss }: SendNoticeProps) {
  if (state.phase === 'sending') {
    const text = progressText(state.sent, state.total);
    return (
      <div className="banner info send-notice" role="status">
        <p id="send-progress-label">{text}</p>
        <progress aria-labelledby="send-progress-label" value={state.sent} max={state.total} />
      </div>
    );
  }
  if (state.phase === 'finished') {
    return (
      <SendOutcome result={state.result} unsent={unsent} onSend={onSend} onDismiss={onDismiss} />
    );
  }
  if (serverStatus !== 'reachable' || unsent === 0) return null;
  return (
    <div className="banner info send-notice" role="status">
      <p>
        The server is back. {numbers.format(unsent)}{' '}
        {unsent === 1 ? 'transaction is' : 'transactions are'} waiting to be sent.
      </p>
      <button type="button" onClick={onSend}>
        Send now
      </button>
    </div>
  );
}

function SendOutcome(props: {
  result: SendResult;
  unsent: number;
  onSend: () => void;
  onDismiss: () => void;
}) {
  const { result, unsent, onSend, onDismiss } = props;
  const problem = sendProblemText(result);
  if (result.failure?.reason === 'SIGNED_OUT') {
    return (
      <div className="alert send-notice" role="alert">
        <p>
          You are not signed in to Circa in this browser, so the {numbers.format(unsent)} waiting{' '}
          {unsent === 1 ? 'transaction cannot' : 'transactions cannot'} be sent yet. Sign in to the
          staff app: this tab sends {unsent === 1 ? 'it' : 'them'} as soon as you come back to it.
        </p>
        <a href="/" target="_blank" rel="noopener">
          Sign in to the staff app
        </a>
      </div>
    );
  }
  return (
    <div className={problem ? 'alert send-notice' : 'banner info send-notice'} role="status">
      {problem && <p>{problem}</p>}
      {result.sent > 0 && <SendSummary result={result} />}
      {problem && unsent > 0 && (
        <button type="button" onClick={onSend}>
          Send now
        </button>
      )}{' '}
      <button type="button" onClick={onDismiss}>
        Close
      </button>
    </div>
  );
}

/** The same words as the staff app's summary, with the link to the report in a new tab. */
function SendSummary({ result }: { result: SendResult }) {
  const repeats = describeRepeats(result.duplicates, result.summary.total);
  return (
    <div className="send-summary">
      <p>The server has {transactionCount(result.summary.total)} from this sending:</p>
      <ul>
        {describeOutcomeSummary(result.summary).map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      {repeats && <p>{repeats}</p>}
      <a href={sendingReportHref(result)} target="_blank" rel="noopener">
        View report
      </a>
    </div>
  );
}
