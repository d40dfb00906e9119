// The alert that follows a sign-in when this workstation recorded offline transactions the server
// never received and this browser no longer holds (its site data was cleared, or it is another
// browser). It stays at the top until dismissed for this page load, and comes back at the next
// sign-in while they are still missing: nothing a librarian recorded may go quietly missing.
import { useSyncExternalStore } from 'react';
import { Link } from 'wouter';
import { offlineInstallStore } from '../../browser/install/installStore.ts';
import { describeLostTransactions } from '../../shared/offline/recoveryWords.ts';
import { focusNextScan } from '../lib/focusNextScan.ts';
import { may } from '../session/may.ts';
import { useSession } from '../session/SessionContext.tsx';

export const UPLOAD_OFFLINE_FILE_PATH = '/offline-uploads/new';

export function LostTransactionsAlert() {
  const { lost } = useSyncExternalStore(
    offlineInstallStore.subscribe,
    offlineInstallStore.getState,
  );
  const session = useSession();
  if (!lost) return null;
  const mayUpload = may(session, 'offline.uploadFile');
  const words = describeLostTransactions({ ...lost, mayUpload });
  return (
    <div role="alert" className="alerts lost-transactions-alert">
      <p>
        <strong>{words.heading}</strong>
      </p>
      <ol>
        {words.steps.map((step) => (
          <li key={step}>{step}</li>
        ))}
      </ol>
      <div className="actions">
        {mayUpload ? <Link href={UPLOAD_OFFLINE_FILE_PATH}>Upload offline file</Link> : null}
        <button
          type="button"
          onClick={() => {
            offlineInstallStore.dismissLost();
            focusNextScan();
          }}
        >
          Hide until next sign-in
        </button>
      </div>
    </div>
  );
}
