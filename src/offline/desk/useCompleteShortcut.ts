// Alt+C completes from anywhere on the desk screen that is shown, as in the staff app.
import { useEffect, useRef } from 'react';
import { isCompleteShortcut } from '../../browser/desk/shortcuts.ts';

export function useCompleteShortcut(complete: () => Promise<void> | void): void {
  const latest = useRef(complete);
  useEffect(() => {
    latest.current = complete;
  });
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!isCompleteShortcut(event) || event.repeat) return;
      event.preventDefault();
      void latest.current();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, []);
}
