// The offline client's frame: who and where this is, whether the server answers, how many
// transactions wait to be sent (and sending them when the server is back), the backup file, the
// journal on disk, and the desk's tabs (Check Out, Check In, …) and Settings.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { localDate } from '../../shared/calendar/dueDates.ts';
import type { OfflineSnapshot } from '../../shared/offline/snapshot.ts';
import {
  buildBackupFiles,
  downloadFile,
  recordBackupSaved,
} from '../../browser/backup/backupFile.ts';
import type { Journal } from '../../browser/journal/journal.ts';
import {
  EndOfDayReminder,
  JournalIndicator,
  JournalUnwritableAlert,
} from '../journal/JournalNotices.tsx';
import { useJournalStatus } from '../journal/useJournalStatus.ts';
import { useKeptOnlyHere } from '../journal/useKeptOnlyHere.ts';
import { DESK_TABS } from './deskTabs.tsx';
import { DeskTabList } from './DeskTabList.tsx';
import { BlockListAgeLabel, BlockListStaleWarning } from '../checkout/BlockListAgeNotice.tsx';
import type { Outbox, OutboxCounts } from '../../browser/outbox/outbox.ts';
import { LostTransactionsNotice } from '../recovery/LostTransactionsNotice.tsx';
import { SendNotice } from '../sending/SendNotice.tsx';
import { useSending } from '../sending/useSending.ts';
import { SettingsScreen } from '../settings/SettingsScreen.tsx';
import { useServerStatus } from '../status/useServerStatus.ts';
import { ServerUpNotice } from '../status/ServerUpNotice.tsx';
import type { OfflineDb } from '../../browser/storage/database.ts';
import { countConfirmedSent, deleteConfirmedSent } from '../../browser/recovery/resendMissing.ts';
import {
  writePrintOptions,
  writeSpecialLoanSetting,
  type Installation,
  type PrintOptions,
  type SpecialLoanSetting,
} from '../../browser/storage/localState.ts';
import { requestPersistentStorage, type StorageState } from '../../browser/storage/persistence.ts';

/** Other tabs record too: the unsent count is re-read this often. */
export const COUNTS_REFRESH_INTERVAL_MS = 2_000;

const SERVER_TEXT = {
  checking: 'Checking the server…',
  reachable: 'Server reachable',
  unreachable: 'Server unreachable',
} as const;

export interface AppProps {
  db: OfflineDb;
  /** The outbox, recording through the journal when one is kept. */
  outbox: Outbox;
  journal: Journal;
  snapshot: OfflineSnapshot;
  installation: Installation;
  printOptions: PrintOptions;
  specialLoan: SpecialLoanSetting;
  /** Set when a new version of the client is waiting; calling it switches to it. */
  update: (() => void) | null;
}

export function App(props: AppProps) {
  const { db, outbox, snapshot, installation } = props;
  const [view, setView] = useState<'desk' | 'settings'>('desk');
  const [tab, setTab] = useState(DESK_TABS[0]!.name);
  const deskTab = DESK_TABS.find((t) => t.name === tab) ?? DESK_TABS[0]!;
  // Each desk screen's session, kept while staff visit another tab or Settings.
  const [sessions] = useState(() => new Map<string, unknown>());
  const keep = useCallback(
    <T,>(key: string, create: () => T): T => {
      if (!sessions.has(key)) sessions.set(key, create());
      return sessions.get(key) as T;
    },
    [sessions],
  );
  /** A card Register Patron hands to Check Out; a new one remounts Check Out with it entered. */
  const [checkOutCard, setCheckOutCard] = useState<string | undefined>(undefined);
  const chooseTab = useCallback((name: string) => {
    setCheckOutCard(undefined);
    setTab(name);
  }, []);
  const [counts, setCounts] = useState<OutboxCounts>({ recorded: 0, unsent: 0, sent: 0 });
  const [storage, setStorage] = useState<StorageState | null>(null);
  const [printOptions, setPrintOptions] = useState(props.printOptions);
  const [specialLoan, setSpecialLoan] = useState(props.specialLoan);
  const [patronInProgress, setPatronInProgress] = useState(false);
  const [backupMessage, setBackupMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const serverStatus = useServerStatus();
  const journalStatus = useJournalStatus(props.journal);
  const keptOnlyHere = useKeptOnlyHere(db, outbox, counts.unsent, journalStatus.state === 'on');

  // What "Delete offline transactions" may remove: sent and confirmed, never only sent.
  const confirmedSent = useMemo(
    () => ({ count: () => countConfirmedSent(db), remove: () => deleteConfirmedSent(db) }),
    [db],
  );
  const refreshCounts = useCallback(() => {
    outbox.counts().then(setCounts, () => undefined);
  }, [outbox]);

  const sending = useSending({
    outbox,
    serverStatus,
    unsent: counts.unsent,
    onFinished: refreshCounts,
  });

  useEffect(() => {
    refreshCounts();
    const timer = setInterval(refreshCounts, COUNTS_REFRESH_INTERVAL_MS);
    return () => clearInterval(timer);
  }, [refreshCounts]);

  // Asked at start, and read again each time Settings opens so the Installation tab is current.
  const refreshStorage = useCallback(() => {
    void requestPersistentStorage().then(setStorage);
  }, []);
  useEffect(refreshStorage, [refreshStorage]);

  const saveBackup = async () => {
    try {
      const files = buildBackupFiles({
        appVersion: snapshot.appVersion,
        unsent: await outbox.unsent(),
        now: Date.now(),
      });
      if (files.length === 0) {
        setBackupMessage({
          ok: true,
          text: 'Nothing to back up: every transaction has been sent.',
        });
        return;
      }
      files.forEach(downloadFile);
      const savedAt = Date.now();
      await recordBackupSaved(db, savedAt);
      keptOnlyHere.backupSaved(savedAt);
      const total = files.reduce((sum, f) => sum + f.count, 0);
      setBackupMessage({
        ok: true,
        text: `Saved ${total} unsent transaction${total === 1 ? '' : 's'} to ${files.map((f) => f.name).join(', ')} in your downloads. Keep the file until the transactions are sent.`,
      });
    } catch {
      setBackupMessage({
        ok: false,
        text: 'The backup file could not be written. Try again; the transactions are still safe in this browser.',
      });
    }
  };

  const today = () => localDate(Date.now() + installation.clockOffsetMs, snapshot.branch.timeZone);

  return (
    <>
      <header className="app-header">
        <h1 className="app-title">
          {snapshot.libraryName} — offline circulation
          <small>
            {snapshot.branch.name} · workstation {snapshot.workstation} ·{' '}
            {snapshot.staff.displayName}
          </small>
        </h1>
        <span className="header-spacer" />
        <BlockListAgeLabel snapshot={snapshot} clockOffsetMs={installation.clockOffsetMs} />
        <span className="server-status" data-status={serverStatus} role="status">
          {SERVER_TEXT[serverStatus]}
        </span>
        <span
          className="unsent-count"
          data-pending={counts.unsent > 0}
          aria-label={`${counts.unsent} unsent transactions`}
        >
          Unsent: {counts.unsent}
        </span>
        <JournalIndicator status={journalStatus} />
        <button type="button" onClick={saveBackup}>
          Save backup file
        </button>
        {view === 'desk' ? (
          <button
            type="button"
            onClick={() => {
              refreshStorage();
              setView('settings');
            }}
            disabled={patronInProgress}
          >
            Settings
          </button>
        ) : (
          <button type="button" onClick={() => setView('desk')}>
            Back to {deskTab.name}
          </button>
        )}
      </header>
      <main>
        <LostTransactionsNotice
          db={db}
          snapshot={snapshot}
          installation={installation}
          serverStatus={serverStatus}
        />
        {props.update && (
          <p className="banner info" role="status">
            A new version of the offline client is ready.{' '}
            <button type="button" onClick={props.update} disabled={patronInProgress}>
              Use the new version
            </button>{' '}
            {patronInProgress && 'Complete the current patron first.'}
          </p>
        )}
        <ServerUpNotice serverStatus={serverStatus} />
        <JournalUnwritableAlert status={journalStatus} journal={props.journal} />
        <EndOfDayReminder
          status={journalStatus}
          keptOnlyHere={keptOnlyHere.count}
          onSaveBackup={() => void saveBackup()}
        />
        <BlockListStaleWarning snapshot={snapshot} clockOffsetMs={installation.clockOffsetMs} />
        <SendNotice
          state={sending.state}
          serverStatus={serverStatus}
          unsent={counts.unsent}
          onSend={() => void sending.send()}
          onDismiss={sending.dismiss}
        />
        {backupMessage && (
          <p className={backupMessage.ok ? 'banner info' : 'alert'} role="status">
            {backupMessage.text}
          </p>
        )}
        {view === 'desk' ? (
          <DeskTabList
            tabs={DESK_TABS}
            current={deskTab.name}
            onChoose={chooseTab}
            locked={patronInProgress}
          >
            {deskTab.render({
              context: {
                snapshot,
                clockOffsetMs: installation.clockOffsetMs,
                outbox,
                now: Date.now,
              },
              printOptions,
              specialLoanSetting: specialLoan,
              onRecorded: refreshCounts,
              onPatronInProgress: setPatronInProgress,
              keep,
              checkOutCard,
              openCheckOut: (card) => {
                setCheckOutCard(card);
                setTab('Check Out');
              },
            })}
          </DeskTabList>
        ) : (
          <SettingsScreen
            snapshot={snapshot}
            installation={installation}
            counts={counts}
            confirmedSent={confirmedSent}
            onCountsChanged={refreshCounts}
            storage={storage}
            today={today}
            printOptions={printOptions}
            onSavePrintOptions={async (options) => {
              await writePrintOptions(db, options);
              setPrintOptions(options);
            }}
            specialLoan={specialLoan}
            onSaveSpecialLoan={async (setting) => {
              await writeSpecialLoanSetting(db, setting);
              setSpecialLoan(setting);
            }}
            journal={props.journal}
          />
        )}
      </main>
    </>
  );
}
