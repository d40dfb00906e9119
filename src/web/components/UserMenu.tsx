// The user menu: a button named with the signed-in username that opens a menu, following the
// WAI-ARIA menu button pattern (arrow keys, Home/End, Escape, type-ahead by first letter).
// Other parts of the app add entries by passing more `items`; see Header.tsx.
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { focusNextScan } from '../lib/focusNextScan.ts';

export interface UserMenuItem {
  /** Stable key, e.g. 'sign-out'. */
  id: string;
  /** What the entry says, e.g. "Sign out". It is the item's accessible name. */
  label: string;
  onSelect(): void;
  /** A short count or word beside the label, e.g. unsent transactions. */
  badge?: { text: string; description: string };
  disabled?: boolean;
}

export interface UserMenuProps {
  username: string;
  /** Full name and role, shown at the top of the open menu. */
  caption?: string;
  items: readonly UserMenuItem[];
  /**
   * A badge on the button (e.g. the "!" while the offline client is not installed). It is an image
   * whose accessible name is the description, drawn over the button's corner but outside it, so the
   * button's name stays the username; the button is also described by it.
   */
  badge?: { text: string; description: string };
}

export function UserMenu({ username, caption, items, badge }: UserMenuProps) {
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const itemRefs = useRef<Array<HTMLButtonElement | null>>([]);
  const rootRef = useRef<HTMLDivElement>(null);
  const menuId = useId();
  const badgeId = useId();

  const enabled = items.map((item, index) => (item.disabled ? -1 : index)).filter((i) => i >= 0);

  function openAt(index: number | undefined) {
    if (index === undefined) return;
    setActive(index);
    setOpen(true);
  }

  function close({ returnFocus }: { returnFocus: boolean }) {
    setOpen(false);
    if (returnFocus) buttonRef.current?.focus();
  }

  useEffect(() => {
    if (open) itemRefs.current[active]?.focus();
  }, [open, active]);

  // A click anywhere outside closes the menu, as it does in any desktop app.
  useEffect(() => {
    if (!open) return;
    const onPointerDown = (event: PointerEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [open]);

  function onButtonKeyDown(event: KeyboardEvent) {
    if (event.key === 'ArrowDown' || event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      openAt(enabled[0]);
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      openAt(enabled.at(-1));
    }
  }

  function move(step: number) {
    const position = enabled.indexOf(active);
    const next = enabled[(position + step + enabled.length) % enabled.length];
    if (next !== undefined) setActive(next);
  }

  function onMenuKeyDown(event: KeyboardEvent) {
    switch (event.key) {
      case 'ArrowDown':
        move(1);
        break;
      case 'ArrowUp':
        move(-1);
        break;
      case 'Home':
        if (enabled[0] !== undefined) setActive(enabled[0]);
        break;
      case 'End':
        if (enabled.at(-1) !== undefined) setActive(enabled.at(-1)!);
        break;
      case 'Escape':
        close({ returnFocus: true });
        break;
      case 'Tab':
        // Tab leaves the menu and goes on through the page.
        setOpen(false);
        return;
      default: {
        if (event.key.length !== 1) return;
        const letter = event.key.toLowerCase();
        const match = enabled.find((i) => items[i]!.label.toLowerCase().startsWith(letter));
        if (match === undefined) return;
        setActive(match);
      }
    }
    event.preventDefault();
  }

  function select(item: UserMenuItem) {
    // Back to the screen's scan field, not this button: the next scan's Enter must not reopen it.
    close({ returnFocus: false });
    item.onSelect();
    focusNextScan();
  }

  return (
    <div className="user-menu" ref={rootRef}>
      <button
        ref={buttonRef}
        type="button"
        className="user-menu__button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={menuId}
        aria-describedby={badge ? badgeId : undefined}
        onClick={() => (open ? close({ returnFocus: false }) : openAt(enabled[0]))}
        onKeyDown={onButtonKeyDown}
      >
        {username}
        {/* Not CSS ::after: generated content would become part of the button's name. */}
        <span className="user-menu__caret" aria-hidden="true">
          ▾
        </span>
      </button>
      {badge ? (
        <span
          id={badgeId}
          className="badge user-menu__badge"
          role="img"
          aria-label={badge.description}
        >
          {badge.text}
        </span>
      ) : null}
      <div className="user-menu__popup" hidden={!open}>
        {caption ? <p className="user-menu__caption">{caption}</p> : null}
        <ul id={menuId} role="menu" aria-label={username} onKeyDown={onMenuKeyDown}>
          {items.map((item, index) => (
            <li key={item.id} role="none">
              <button
                ref={(element) => {
                  itemRefs.current[index] = element;
                }}
                type="button"
                role="menuitem"
                tabIndex={index === active ? 0 : -1}
                disabled={item.disabled}
                aria-describedby={item.badge ? `${menuId}-${item.id}-badge` : undefined}
                onClick={() => select(item)}
              >
                {item.label}
                {item.badge ? (
                  <>
                    <span className="badge" aria-hidden="true">
                      {item.badge.text}
                    </span>
                    <span id={`${menuId}-${item.id}-badge`} hidden>
                      {item.badge.description}
                    </span>
                  </>
                ) : null}
              </button>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
