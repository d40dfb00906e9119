// The entries of the user menu, in one place. Features add theirs here: call the feature's hook
// (e.g. a `useOfflineMenuItems()` offering "Install offline client" and "Send offline transactions
// to server" with a count badge) and place its items before "Sign out everywhere" and "Sign out",
// which stay last.
import { useSyncExternalStore } from 'react';
import { useLocation } from 'wouter';
import {
  deskSoundsOn,
  holdSoundOn,
  setDeskSoundsOn,
  setHoldSoundOn,
  subscribeDeskSettings,
} from '../../browser/desk/deskSettings.ts';
import { useOfflineMenuItems } from '../offlineInstall/useOfflineInstall.ts';
import { useOfflineSendMenuItems } from '../offlineSending/useOfflineSend.ts';
import { may } from '../session/may.ts';
import { useSession, useSessionContext } from '../session/SessionContext.tsx';
import type { UserMenuItem, UserMenuProps } from './UserMenu.tsx';

export interface UserMenuContent {
  items: UserMenuItem[];
  /** A badge on the menu button, e.g. how many offline transactions wait to be sent. */
  badge?: UserMenuProps['badge'];
}

const NOTHING: UserMenuContent = { items: [] };

export function useUserMenuItems(): UserMenuContent {
  const { signOut, signOutEverywhere } = useSessionContext();
  const session = useSession();
  const [, navigate] = useLocation();
  // Hooks run whatever the session grants; only the granted entries are offered.
  const installing = useOfflineMenuItems();
  const sendingOutbox = useOfflineSendMenuItems();
  const offline = may(session, 'offline.install') ? installing : NOTHING;
  const sending = may(session, 'offline.upload') ? sendingOutbox : NOTHING;

  // A per-workstation choice kept in this browser; the offline client has it in Settings → Sounds.
  const soundsOn = useSyncExternalStore(subscribeDeskSettings, () => deskSoundsOn());
  const soundItem: UserMenuItem = {
    id: 'desk-sounds',
    label: soundsOn ? 'Turn desk sounds off' : 'Turn desk sounds on',
    onSelect: () => setDeskSoundsOn(!soundsOn),
  };
  // The hold chime has its own switch, beside the desk sounds' (it plays only while both are on).
  const holdOn = useSyncExternalStore(subscribeDeskSettings, () => holdSoundOn());
  const holdSoundItem: UserMenuItem = {
    id: 'hold-sound',
    label: holdOn ? 'Turn hold sound off' : 'Turn hold sound on',
    onSelect: () => setHoldSoundOn(!holdOn),
  };

  // This workstation's setting, for anyone at the desk: whether Complete prints a receipt.
  const printOptionsItem: UserMenuItem = {
    id: 'print-options',
    label: 'Print options',
    onSelect: () => navigate('/print-options'),
  };
  const signOutItem: UserMenuItem = {
    id: 'sign-out',
    label: 'Sign out',
    onSelect: () => {
      void signOut().finally(() => navigate('/checkout', { replace: true }));
    },
  };
  // For a computer left signed in elsewhere: every session of this staff member ends, this one too.
  const signOutEverywhereItems: UserMenuItem[] = may(session, 'session.end')
    ? [
        {
          id: 'sign-out-everywhere',
          label: 'Sign out everywhere',
          onSelect: () => {
            void signOutEverywhere().then(() => navigate('/checkout', { replace: true }));
          },
        },
      ]
    : [];

  // The "!" of a missing offline client comes first; otherwise the count of unsent transactions.
  return {
    items: [
      ...offline.items,
      ...sending.items,
      soundItem,
      holdSoundItem,
      printOptionsItem,
      ...signOutEverywhereItems,
      signOutItem,
    ],
    badge: offline.badge ?? sending.badge,
  };
}
