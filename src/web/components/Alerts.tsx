// The alert region for refusals and failures. It is always in the page, so screen readers
// announce each message the moment it appears; an empty region takes no space.
import type { ReactNode } from 'react';

export interface AlertMessage {
  /** Stable key for the list. */
  id: string;
  text: string;
  /** An action that resolves the problem, e.g. the supervisor's "Check in and lend". */
  action?: { label: string; onClick(): void };
}

export function Alerts({
  messages,
  onDismiss,
}: {
  messages: readonly AlertMessage[];
  onDismiss?: () => void;
}) {
  return (
    <div role="alert" className="alerts">
      {messages.length > 0 ? (
        <>
          <ul>
            {messages.map((message) => (
              <li key={message.id}>
                <span>{message.text}</span>
                {message.action ? (
                  <button type="button" onClick={message.action.onClick}>
                    {message.action.label}
                  </button>
                ) : null}
              </li>
            ))}
          </ul>
          {onDismiss ? (
            <button type="button" className="alerts__dismiss" onClick={onDismiss}>
              Clear messages
            </button>
          ) : null}
        </>
      ) : null}
    </div>
  );
}

/** A single line of error text for pages that load once (patron page, loan rules…). */
export function LoadError({ children }: { children: ReactNode }) {
  return (
    <div role="alert" className="alerts">
      <p>{children}</p>
    </div>
  );
}
