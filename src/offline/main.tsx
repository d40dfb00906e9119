// The offline client's entry: open the IndexedDB database, read the snapshot and settings, keep the
// service worker up to date (asking before switching versions), and show the Check Out screen.
// oxlint-disable-next-line import/no-unassigned-import -- first, before any schema parses
import '../shared/zodWithoutEval.ts';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Workbox } from 'workbox-window';
import { App } from './app/App.tsx';
import { NotInstalled } from './app/NotInstalled.tsx';
import {
  OFFLINE_CLIENT_URL,
  OFFLINE_SERVICE_WORKER_URL,
} from '../browser/install/installOfflineClient.ts';
import { createJournal } from '../browser/journal/journal.ts';
import { createJournaledOutbox } from '../browser/journal/journaledOutbox.ts';
import { loadJournalFolder } from '../browser/journal/journalFolder.ts';
import { canKeepJournal } from '../browser/journal/journalState.ts';
import { createJournalWriter } from '../browser/journal/journalWriter.ts';
import { createIndexedDbOutbox } from '../browser/outbox/indexedDbOutbox.ts';
import { openOfflineDb } from '../browser/storage/database.ts';
import {
  readInstallation,
  readPrintOptions,
  readSnapshot,
  readSpecialLoanSetting,
} from '../browser/storage/localState.ts';
// oxlint-disable-next-line import/no-unassigned-import -- the stylesheet, emitted as a file for the CSP
import './offline.css';

const root = createRoot(document.getElementById('root')!);

async function start(): Promise<void> {
  const db = await openOfflineDb(undefined, (event) => {
    // Another tab runs a newer version that must upgrade the database: close and follow it.
    (event.target as IDBDatabase).close();
    window.location.reload();
  });
  const [snapshot, installation, printOptions, specialLoan] = await Promise.all([
    readSnapshot(db),
    readInstallation(db),
    readPrintOptions(db),
    readSpecialLoanSetting(db),
  ]);
  if (snapshot === null || installation === null) {
    const stored = await db.count('keyval');
    root.render(<NotInstalled reason={stored > 0 ? 'unreadable' : 'missing'} />);
    return;
  }
  // Every desk screen records through the journal: IndexedDB first, then the journal folder.
  const journal = createJournal({
    db,
    writer: createJournalWriter({
      db,
      timeZone: snapshot.branch.timeZone,
      appVersion: snapshot.appVersion,
    }),
    folder: canKeepJournal() ? await loadJournalFolder(db).catch(() => null) : null,
    workstation: snapshot.workstation,
    supported: canKeepJournal(),
    serverSequences: snapshot.sequences,
  });
  const outbox = createJournaledOutbox(createIndexedDbOutbox(db), journal);
  const render = (update: (() => void) | null) =>
    root.render(
      <StrictMode>
        <App
          db={db}
          outbox={outbox}
          journal={journal}
          snapshot={snapshot}
          installation={installation}
          printOptions={printOptions}
          specialLoan={specialLoan}
          update={update}
        />
      </StrictMode>,
    );
  render(null);
  // Checks the remembered folder's permission and writes what it misses (after the first render:
  // the desk never waits for the disk to open).
  void journal.start();

  if ('serviceWorker' in navigator) {
    const workbox = new Workbox(OFFLINE_SERVICE_WORKER_URL, { scope: OFFLINE_CLIENT_URL });
    // A new version waits until staff choose it, so an update never reloads mid-checkout.
    workbox.addEventListener('waiting', () => {
      render(() => {
        workbox.addEventListener('controlling', () => window.location.reload());
        workbox.messageSkipWaiting();
      });
    });
    // With the server down the update check fails; the cached version keeps working.
    workbox.register().catch(() => undefined);
  }
}

start().catch(() => {
  root.render(
    <main>
      <p className="alert" role="alert">
        The offline client could not open its storage in this browser. Close other Circa tabs, then
        reload this page. If it still fails, check that this site may store data (it must not be a
        private window).
      </p>
    </main>,
  );
});
