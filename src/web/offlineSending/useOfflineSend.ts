// React bindings for sending this browser's offline transactions from the staff app: the state the
// banner shows, and the user menu's "Send offline transactions to server" with its count.
import { useEffect, useSyncExternalStore } from 'react';
import { offlineTransactionCount } from '../../browser/sending/sendWords.ts';
import type { UserMenuItem } from '../components/UserMenu.tsx';
import { offlineSendStore, type OfflineSendState } from '../../browser/sending/sendStore.ts';

/** The state alone, for the user menu; the banner (always mounted) keeps it fresh. */
export function useOfflineSendState(): OfflineSendState {
  return useSyncExternalStore(offlineSendStore.subscribe, offlineSendStore.getState);
}

/** The state, read when the app opens and again whenever the tab regains the focus. */
export function useOfflineSend(): OfflineSendState {
  const current = useOfflineSendState();
  useEffect(() => {
    void offlineSendStore.refresh();
    // The offline client may have recorded more in another tab meanwhile.
    const refresh = () => void offlineSendStore.refresh();
    window.addEventListener('focus', refresh);
    return () => window.removeEventListener('focus', refresh);
  }, []);
  return current;
}

const numbers = new Intl.NumberFormat('en-US');

export interface OfflineSendMenuContent {
  items: UserMenuItem[];
  /** The unsent count for the menu button, while there is one. */
  badge?: { text: string; description: string };
}

export function useOfflineSendMenuItems(): OfflineSendMenuContent {
  const { unsent, phase } = useOfflineSendState();
  if (!unsent) return { items: [] };
  const badge = {
    text: numbers.format(unsent),
    description: `${offlineTransactionCount(unsent)} not sent to the server`,
  };
  return {
    items: [
      {
        id: 'send-offline-transactions',
        label: 'Send offline transactions to server',
        onSelect: () => void offlineSendStore.send(),
        disabled: phase === 'sending',
        badge,
      },
    ],
    badge,
  };
}
