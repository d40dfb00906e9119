// The one alert region of the offline Check Out: the latest scan's problem or warning in a live
// region, the earlier ones of this visit folded into "Earlier messages", so they never push the
// scan fields and Complete down the screen.
import type { ScanMessage } from '../../browser/desk/scanMessages.ts';

export function ScanAlerts(props: { alert: ScanMessage | null; history: readonly ScanMessage[] }) {
  const { alert, history } = props;
  return (
    <div className="scan-alerts">
      <div role="alert">
        {alert && <p className={`alert alert--${alert.tone}`}>{alert.text}</p>}
      </div>
      {history.length > 0 && (
        <details className="scan-alerts__history">
          <summary>Earlier messages ({history.length})</summary>
          <ul>
            {history.map((message) => (
              <li key={message.id} className={`alert--${message.tone}`}>
                {message.text}
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
