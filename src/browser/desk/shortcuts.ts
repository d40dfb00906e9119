// The desk's keyboard shortcuts, the same in both apps. Alt+C completes the patron: no browser or
// desktop binds it (Firefox's Alt menus are F, E, V, S, B, T, H), a scanner never sends it (only
// characters and Enter or Tab), and the physical key is read, so macOS's Option+C ("ç") works too.

/** As shown on the button and in aria-keyshortcuts. */
export const COMPLETE_SHORTCUT = 'Alt+C';

type KeyPress = Pick<KeyboardEvent, 'altKey' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'code'>;

export function isCompleteShortcut(event: KeyPress): boolean {
  return (
    event.altKey && !event.ctrlKey && !event.metaKey && !event.shiftKey && event.code === 'KeyC'
  );
}
