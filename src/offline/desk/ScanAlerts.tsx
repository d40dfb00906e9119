// The one alert region of every offline desk screen: the latest scan's problem or warning in a live
// region, the earlier ones of this visit folded into "Earlier messages", so they never push the
// scan fields and Complete down the screen. Each new message sounds once: a refusal buzzes, a
// warning chimes, a notice is silent.
import { useEffect } from 'react';
import { soundScanMessage, type ScanMessage } from '../../browser/desk/scanMessages.ts';

export function ScanAlerts(props: { alert: ScanMessage | null; history: readonly ScanMessage[] }) {
  const { alert, history } = props;
  useEffect(() => {
    if (alert) soundScanMessage(alert.tone);
  }, [alert]);
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
