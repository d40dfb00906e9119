// The desk screens' row of actions: Complete (also Alt+C) first, any screen's own buttons after it,
// and "Recording…" while scans wait to be stored.
import type { ReactNode } from 'react';
import { COMPLETE_SHORTCUT } from '../../browser/desk/shortcuts.ts';

export function CompleteActions(props: {
  onComplete: () => void;
  /** Scans are waiting to be stored. */
  recording: boolean;
  children?: ReactNode;
}) {
  return (
    <div className="actions">
      <button
        type="button"
        className="primary"
        aria-keyshortcuts={COMPLETE_SHORTCUT}
        onClick={props.onComplete}
      >
        Complete{' '}
        <kbd className="shortcut" aria-hidden="true">
          {COMPLETE_SHORTCUT}
        </kbd>
      </button>
      {props.children}
      {props.recording && <span role="status">Recording…</span>}
    </div>
  );
}
