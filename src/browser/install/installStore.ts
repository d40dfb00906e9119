// The offline client's install state as the staff app sees it, shared by the user menu (the "!"
// badge and the menu item) and the notice that follows an install. Opening the staff app checks
// once whether this browser has the client and, if so, refreshes its snapshot silently.
import {
  installOfflineClient,
  isOfflineClientInstalled,
  OfflineInstallError,
  refreshSnapshot,
} from './installOfflineClient.ts';
import { createStore } from '../store.ts';

export interface OfflineInstallState {
  /** null until checked. */
  installed: boolean | null;
  phase: 'idle' | 'installing' | 'installed' | 'failed';
  /** What went wrong, in plain words, when phase is 'failed'. */
  error: string | null;
  /** When the snapshot was last refreshed silently (epoch ms). */
  refreshedAt: number | null;
}

const store = createStore<OfflineInstallState>({
  installed: null,
  phase: 'idle',
  error: null,
  refreshedAt: null,
});
const { getState, set } = store;
let checked = false;

export const offlineInstallStore = {
  getState,
  subscribe: store.subscribe,

  /** Once per page load: is the client here, and if so, refresh its snapshot quietly. */
  async checkAndRefresh(): Promise<void> {
    if (checked) return;
    checked = true;
    try {
      const installed = await isOfflineClientInstalled();
      set({ installed });
      if (installed && (await refreshSnapshot())) set({ refreshedAt: Date.now() });
    } catch {
      // A failed refresh keeps the previous snapshot; the offline client still works with it.
    }
  },

  async install(): Promise<void> {
    if (getState().phase === 'installing') return;
    set({ phase: 'installing', error: null });
    try {
      await installOfflineClient();
      set({ installed: true, phase: 'installed' });
    } catch (error) {
      set({
        phase: 'failed',
        error:
          error instanceof OfflineInstallError
            ? error.message
            : 'The offline client could not be installed because of an unexpected error. Reload the page and try again.',
      });
    }
  },

  dismiss(): void {
    set({ phase: 'idle', error: null });
  },
};
