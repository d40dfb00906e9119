// After an action that is not a scan ("Send now", a user menu entry, closing a message), focus goes
// back where the next scan or keystroke belongs: the screen's scan field, or else its heading. Left
// on a menu button, the next scan's Enter would open the menu instead of lending.

/** Marks a barcode field as where scans go; the last enabled one on the screen gets the focus. */
export const SCAN_FIELD_ATTRIBUTE = 'data-scan-field';

export function focusNextScan(root: ParentNode = document): void {
  const fields = root.querySelectorAll<HTMLInputElement>(
    `main [${SCAN_FIELD_ATTRIBUTE}]:not(:disabled)`,
  );
  const field = fields[fields.length - 1];
  if (field) {
    field.focus();
    return;
  }
  const heading = root.querySelector<HTMLElement>('main h1');
  if (!heading) return;
  // Focusable by script only, so it is not an extra Tab stop.
  if (!heading.hasAttribute('tabindex')) heading.tabIndex = -1;
  heading.focus();
}
