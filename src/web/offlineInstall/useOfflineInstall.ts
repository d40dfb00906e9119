// React bindings for the staff app: the user menu's offline entries and badge, and the state the
// install notice shows. The staff app imports these; the offline client never does.
import { useEffect, useSyncExternalStore } from 'react';
import {
  offlineInstallStore,
  type OfflineInstallState,
} from '../../browser/install/installStore.ts';

export const NOT_INSTALLED_DESCRIPTION = 'Offline client not installed on this workstation';

export function useOfflineInstall(): OfflineInstallState {
  const current = useSyncExternalStore(offlineInstallStore.subscribe, offlineInstallStore.getState);
  useEffect(() => {
    void offlineInstallStore.checkAndRefresh();
  }, []);
  return current;
}

/** Structurally a user menu entry, so this module does not depend on the staff app. */
export interface OfflineMenuItem {
  id: string;
  label: string;
  onSelect(): void;
  disabled?: boolean;
}

export interface OfflineMenuContent {
  items: OfflineMenuItem[];
  /** The "!" on the menu button while this browser has no offline client. */
  badge?: { text: string; description: string };
}

export function useOfflineMenuItems(): OfflineMenuContent {
  const { installed, phase } = useOfflineInstall();
  const items: OfflineMenuItem[] = [
    {
      id: 'install-offline-client',
      label: installed ? 'Reinstall offline client' : 'Install offline client',
      onSelect: () => void offlineInstallStore.install(),
      disabled: phase === 'installing',
    },
  ];
  return installed === false
    ? { items, badge: { text: '!', description: NOT_INSTALLED_DESCRIPTION } }
    : { items };
}
