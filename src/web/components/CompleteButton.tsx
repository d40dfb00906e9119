// "Complete" with its keyboard shortcut shown on it, and the shortcut itself, which works from
// anywhere on the screen while a patron is in progress.
import { useEffect, useRef } from 'react';
import { COMPLETE_SHORTCUT, isCompleteShortcut } from '../../browser/desk/shortcuts.ts';

export function useCompleteShortcut(active: boolean, onComplete: () => void): void {
  const latest = useRef(onComplete);
  useEffect(() => {
    latest.current = onComplete;
  });
  useEffect(() => {
    if (!active) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (!isCompleteShortcut(event) || event.repeat) return;
      event.preventDefault();
      latest.current();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [active]);
}

export function CompleteButton({ onComplete }: { onComplete(): void }) {
  return (
    <button
      type="button"
      className="button--primary"
      aria-keyshortcuts={COMPLETE_SHORTCUT}
      onClick={onComplete}
    >
      Complete{' '}
      <kbd className="shortcut" aria-hidden="true">
        {COMPLETE_SHORTCUT}
      </kbd>
    </button>
  );
}
