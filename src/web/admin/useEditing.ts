// Which record a page's form is open for, if any, and where the focus goes back when it closes:
// to the button that opened it (the list's Add or a row's Edit), so the keyboard stays in place;
// to the page's heading when that row is gone (a rule deleted).
import { useRef, useState } from 'react';
import { focusNextScan } from '../lib/focusNextScan.ts';

export type Editing<T> = { kind: 'new' } | { kind: 'edit'; record: T };

export function useEditing<T>() {
  const [editing, setEditing] = useState<Editing<T> | null>(null);
  const opener = useRef<HTMLElement | null>(null);

  function open(target: Editing<T>): void {
    opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    setEditing(target);
  }

  /** `removed`: the record (and so its row's button) is going: the focus goes to the heading. */
  function close(options: { removed?: boolean } = {}): void {
    setEditing(null);
    const button = options.removed ? null : opener.current;
    // After React has removed the form; a row that re-rendered keeps its button element.
    requestAnimationFrame(() => {
      if (button?.isConnected) button.focus();
      else focusNextScan();
    });
  }

  return { editing, open, close };
}
