// React bindings for the staff app's install store: the user menu's offline entries and badge,
// and the state the install notice shows.
import { useEffect, useSyncExternalStore } from 'react';
import {
  offlineInstallStore,
  type OfflineInstallState,
} from '../../browser/install/installStore.ts';
import type { UserMenuItem } from '../components/UserMenu.tsx';
import { may } from '../session/may.ts';
import { useSession } from '../session/SessionContext.tsx';

export const NOT_INSTALLED_DESCRIPTION = 'Offline client not installed on this workstation';

/**
 * The install state. Each sign-in, and each workstation chosen, checks the client again: it is
 * refreshed, or installed silently when the library asks for that, and reported to the server.
 */
export function useOfflineInstall(): OfflineInstallState {
  const current = useSyncExternalStore(offlineInstallStore.subscribe, offlineInstallStore.getState);
  const session = useSession();
  const workstation = session.workstation?.name ?? null;
  const installAtSignIn = session.installOfflineClientAtSignIn && may(session, 'offline.install');
  const { csrfToken } = session;
  useEffect(() => {
    void offlineInstallStore.checkAndRefresh({ workstation, installAtSignIn, csrfToken });
  }, [workstation, installAtSignIn, csrfToken]);
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
