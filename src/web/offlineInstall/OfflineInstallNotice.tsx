// What the staff app shows after "Install offline client": where the client lives and to bookmark
// it, or what went wrong and what to do.
import { OFFLINE_CLIENT_URL } from '../../browser/install/installOfflineClient.ts';
import { offlineInstallStore } from '../../browser/install/installStore.ts';
import { useOfflineInstall } from './useOfflineInstall.ts';
import { focusNextScan } from '../lib/focusNextScan.ts';

export function OfflineInstallNotice() {
  const { phase, error } = useOfflineInstall();
  if (phase === 'installing') {
    return (
      <div role="status" className="notice offline-install-notice">
        Installing the offline client…
      </div>
    );
  }
  if (phase === 'failed') {
    return (
      <div role="alert" className="alerts offline-install-notice">
        <p>{error}</p>
        <button
          type="button"
          onClick={() => {
            offlineInstallStore.dismiss();
            // The notice goes away: back to the scan field, not to the page.
            focusNextScan();
          }}
        >
          Close
        </button>
      </div>
    );
  }
  if (phase !== 'installed') return null;
  const address = new URL(OFFLINE_CLIENT_URL, window.location.href).href;
  return (
    <div role="status" className="notice offline-install-notice">
      <p>
        <strong>The offline client is installed on this workstation.</strong> Open{' '}
        <a href={OFFLINE_CLIENT_URL} target="_blank" rel="noopener">
          {address}
        </a>{' '}
        now and bookmark it (Ctrl+D, or ⌘D on a Mac): when the library system is down, that bookmark
        is where you check material out.
      </p>
      <button
        type="button"
        onClick={() => {
          offlineInstallStore.dismiss();
          // The notice goes away: back to the scan field, not to the page.
          focusNextScan();
        }}
      >
        Close
      </button>
    </div>
  );
}
