// React bindings for the staff app's install store: the user menu's offline entries and badge,
// and the state the install notice shows.
import { useEffect, useSyncExternalStore } from 'react';
import {
  offlineInstallStore,
  type OfflineInstallState,
} from '../../browser/install/installStore.ts';
import type { UserMenuItem } from '../components/UserMenu.tsx';

export const NOT_INSTALLED_DESCRIPTION = 'Offline client not installed on this workstation';

export function useOfflineInstall(): OfflineInstallState {
  const current = useSyncExternalStore(offlineInstallStore.subscribe, offlineInstallStore.getState);
  useEffect(() => {
    void offlineInstallStore.checkAndRefresh();
  }, []);
  return current;
}

export interface OfflineMenuContent {
  items: UserMenuItem[];
  /** The "!" on the menu button while this browser has no offline client. */
  badge?: { text: string; description: string };
}

export function useOfflineMenuItems(): OfflineMenuContent {
  const { installed, phase } = useOfflineInstall();
  const items: UserMenuItem[] = [
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
