// Settings: six tabs — Print Options, Special Loan, Sounds, Workform Defaults, Installation, Journal.
import { useRef, useState, type KeyboardEvent } from 'react';
import type { OfflineSnapshot } from '../../shared/offline/snapshot.ts';
import type { OutboxCounts } from '../../browser/outbox/outbox.ts';
import type { ConfirmedSent } from './DeleteSentTransactions.tsx';
import type { StorageState } from '../../browser/storage/persistence.ts';
import type {
  Installation,
  PrintOptions,
  SpecialLoanSetting,
} from '../../browser/storage/localState.ts';
import type { Journal } from '../../browser/journal/journal.ts';
import { InstallationTab } from './InstallationTab.tsx';
import { JournalTab } from './JournalTab.tsx';
import { PrintOptionsTab } from './PrintOptionsTab.tsx';
import { SoundsTab } from './SoundsTab.tsx';
import { SpecialLoanTab } from './SpecialLoanTab.tsx';
import { WorkformDefaultsTab } from './WorkformDefaultsTab.tsx';

const TABS = [
  'Print Options',
  'Special Loan',
  'Sounds',
  'Workform Defaults',
  'Installation',
  'Journal',
] as const;
type Tab = (typeof TABS)[number];

export function SettingsScreen(props: {
  snapshot: OfflineSnapshot;
  installation: Installation;
  counts: OutboxCounts;
  confirmedSent: ConfirmedSent;
  /** Read the counts again (after deleting sent transactions). */
  onCountsChanged: () => void;
  storage: StorageState | null;
  /** The branch's date now ('YYYY-MM-DD'). */
  today: () => string;
  printOptions: PrintOptions;
  onSavePrintOptions: (options: PrintOptions) => Promise<void>;
  specialLoan: SpecialLoanSetting;
  onSaveSpecialLoan: (setting: SpecialLoanSetting) => Promise<void>;
  journal: Journal;
}) {
  const [tab, setTab] = useState<Tab>('Print Options');
  const tabRefs = useRef<(HTMLButtonElement | null)[]>([]);

  // Arrow keys move between tabs, as the ARIA tabs pattern expects.
  const onKeyDown = (event: KeyboardEvent, index: number) => {
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (step === 0) return;
    const next = (index + step + TABS.length) % TABS.length;
    setTab(TABS[next]!);
    tabRefs.current[next]?.focus();
  };

  const panelId = (t: Tab) => `settings-panel-${t.replaceAll(' ', '-').toLowerCase()}`;
  const tabId = (t: Tab) => `settings-tab-${t.replaceAll(' ', '-').toLowerCase()}`;

  return (
    <section aria-labelledby="settings-heading">
      <h2 id="settings-heading">Settings</h2>
      <div role="tablist" aria-label="Settings" className="tabs">
        {TABS.map((t, index) => (
          <button
            key={t}
            type="button"
            role="tab"
            id={tabId(t)}
            ref={(node) => {
              tabRefs.current[index] = node;
            }}
            aria-selected={tab === t}
            aria-controls={panelId(t)}
            tabIndex={tab === t ? 0 : -1}
            onClick={() => setTab(t)}
            onKeyDown={(event) => onKeyDown(event, index)}
          >
            {t}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={panelId(tab)} aria-labelledby={tabId(tab)} className="panel">
        {tab === 'Print Options' && (
          <PrintOptionsTab value={props.printOptions} onSave={props.onSavePrintOptions} />
        )}
        {tab === 'Special Loan' && (
          <SpecialLoanTab
            value={props.specialLoan}
            today={props.today}
            onSave={props.onSaveSpecialLoan}
          />
        )}
        {tab === 'Sounds' && <SoundsTab />}
        {tab === 'Workform Defaults' && <WorkformDefaultsTab snapshot={props.snapshot} />}
        {tab === 'Installation' && (
          <InstallationTab
            snapshot={props.snapshot}
            installation={props.installation}
            counts={props.counts}
            storage={props.storage}
            confirmedSent={props.confirmedSent}
            onCountsChanged={props.onCountsChanged}
          />
        )}
        {tab === 'Journal' && (
          <JournalTab
            journal={props.journal}
            workstation={props.snapshot.workstation}
            timeZone={props.snapshot.branch.timeZone}
            today={props.today}
          />
        )}
      </div>
    </section>
  );
}
