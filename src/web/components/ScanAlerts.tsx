// The one alert region of Check Out and Check In: the latest scan's result in a live region, so a
// screen reader announces it, and the earlier ones folded into "Earlier messages", so refusals
// never stack up and push the patron and Complete off the screen.
import type { ScanMessage } from '../../browser/desk/scanMessages.ts';

export interface ScanAlert extends ScanMessage {
  /** An action that resolves the problem, e.g. the supervisor's "Check in and lend". */
  action?: { label: string; onClick(): void };
}

export function ScanAlerts({
  messages,
  onDismiss,
}: {
  /** Newest first. */
  messages: readonly ScanAlert[];
  onDismiss(): void;
}) {
  const [latest, ...earlier] = messages;
  return (
    <section className="scan-alerts" aria-label="Scan messages">
      <div role="alert" className={latest ? `scan-alert scan-alert--${latest.tone}` : 'scan-alert'}>
        {latest ? <AlertLine alert={latest} /> : null}
      </div>
      {latest ? (
        <div className="scan-alerts__tools">
          {earlier.length > 0 ? (
            <details className="scan-alerts__history">
              <summary>Earlier messages ({earlier.length})</summary>
              <ul>
                {earlier.map((alert) => (
                  <li key={alert.id} className={`scan-alert--${alert.tone}`}>
                    <AlertLine alert={alert} />
                  </li>
                ))}
              </ul>
            </details>
          ) : null}
          <button type="button" className="scan-alerts__dismiss" onClick={onDismiss}>
            Clear messages
          </button>
        </div>
      ) : null}
    </section>
  );
}

function AlertLine({ alert }: { alert: ScanAlert }) {
  return (
    <>
      <span>{alert.text}</span>
      {alert.action ? (
        <button type="button" onClick={alert.action.onClick}>
          {alert.action.label}
        </button>
      ) : null}
    </>
  );
}
