// The desk's tabs (the ARIA tabs pattern, activated by hand: arrow keys, Home and End move between
// tabs, Enter or Space opens one) and the shown screen's panel. Opening a screen puts the focus in
// its first field, ready for the scanner. While a patron is in progress the other tabs wait.
import { useRef, type KeyboardEvent, type ReactNode } from 'react';
import type { DeskTab } from './deskTabs.tsx';

const idOf = (name: string) => name.toLowerCase().replaceAll(/[^a-z]+/g, '-');

export function DeskTabList(props: {
  tabs: readonly DeskTab[];
  current: string;
  onChoose: (name: string) => void;
  /** A patron is in progress: only the current tab may be used. */
  locked: boolean;
  children: ReactNode;
}) {
  const { tabs, current, onChoose, locked } = props;
  const tabRefs = useRef<(HTMLButtonElement | null)[]>([]);
  const panel = useRef<HTMLDivElement>(null);

  const choose = (name: string) => {
    if (name === current) return;
    onChoose(name);
    // After the new screen is drawn: the focus goes to its first field, ready for the scanner.
    setTimeout(() => {
      panel.current
        ?.querySelector<HTMLElement>('input:not([disabled]):not([readonly]), select, textarea')
        ?.focus();
    }, 0);
  };

  const onKeyDown = (event: KeyboardEvent, index: number) => {
    const last = tabs.length - 1;
    const target =
      event.key === 'ArrowRight'
        ? (index + 1) % tabs.length
        : event.key === 'ArrowLeft'
          ? (index + last) % tabs.length
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? last
              : null;
    if (target === null) return;
    event.preventDefault();
    tabRefs.current[target]?.focus();
  };

  return (
    <>
      <div role="tablist" aria-label="Desk" className="tabs">
        {tabs.map((tab, index) => {
          const selected = tab.name === current;
          return (
            <button
              key={tab.name}
              type="button"
              role="tab"
              id={`desk-tab-${idOf(tab.name)}`}
              ref={(node) => {
                tabRefs.current[index] = node;
              }}
              aria-selected={selected}
              aria-controls={selected ? `desk-panel-${idOf(tab.name)}` : undefined}
              tabIndex={selected ? 0 : -1}
              disabled={locked && !selected}
              onClick={() => choose(tab.name)}
              onKeyDown={(event) => onKeyDown(event, index)}
            >
              {tab.name}
            </button>
          );
        })}
      </div>
      {locked && <p className="tabs-note">Complete the current patron to change screens.</p>}
      <div
        ref={panel}
        role="tabpanel"
        id={`desk-panel-${idOf(current)}`}
        aria-labelledby={`desk-tab-${idOf(current)}`}
      >
        {props.children}
      </div>
    </>
  );
}
