// Which record a page's form is open for, if any, and where the focus goes back when it closes:
// to the button that opened it (the list's Add or a row's Edit), so the keyboard stays in place.
import { useRef, useState } from 'react';

export type Editing<T> = { kind: 'new' } | { kind: 'edit'; record: T };

export function useEditing<T>() {
  const [editing, setEditing] = useState<Editing<T> | null>(null);
  const opener = useRef<HTMLElement | null>(null);

  function open(target: Editing<T>): void {
    opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    setEditing(target);
  }

  function close(): void {
    setEditing(null);
    const button = opener.current;
    // After React has removed the form; a row that re-rendered keeps its button element.
    requestAnimationFrame(() => {
      if (button?.isConnected) button.focus();
      else document.querySelector<HTMLElement>('main h1')?.focus();
    });
  }

  return { editing, open, close };
}
