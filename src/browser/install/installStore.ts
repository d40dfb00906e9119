// The offline client's install state as the staff app sees it, shared by the user menu (the "!"
// badge and the menu item), the notice that follows a manual install and the lost-transactions
// alert. At each sign-in (and when a workstation is chosen) the staff app checks whether this
// browser has the client: if so it refreshes the snapshot silently; if not, and the library asks
// for it, it installs the client in the background once the first screen is up. Either way it
// then reports the client's state to the server, whose answer reveals transactions lost to a wipe.
import type { LostTransactions } from '../../shared/offline/recovery.ts';
import {
  installOfflineClient,
  isOfflineClientInstalled,
  OfflineInstallError,
  refreshSnapshot,
} from './installOfflineClient.ts';
import { reportAtSignIn } from './reportAtSignIn.ts';
import { createStore } from '../store.ts';

/** Transactions of this workstation the server never received and this browser no longer has. */
export interface LostAtSignIn {
  workstation: string;
  lost: LostTransactions;
}

export interface OfflineInstallState {
  /** null until checked. */
  installed: boolean | null;
  /** The manual install's progress (a silent install stays 'idle': it shows no notice). */
  phase: 'idle' | 'installing' | 'installed' | 'failed';
  /** What went wrong, in plain words, when phase is 'failed'. */
  error: string | null;
  /** When the snapshot was last refreshed silently (epoch ms). */
  refreshedAt: number | null;
  /** From the last report's answer; null when nothing is lost (or it was dismissed). */
  lost: LostAtSignIn | null;
}

/** What the staff app knows at sign-in, from the session. */
export interface SignInContext {
  /** The session's workstation; null until the browser has said which it is. */
  workstation: string | null;
  /** The library setting "Install the offline client at sign-in". */
  installAtSignIn: boolean;
  csrfToken: string;
}

/**
 * A silent install starts this long after the first paint that follows sign-in: the first scans
 * and the screen's own requests come first, and nobody needs the client within seconds.
 */
export const SILENT_INSTALL_DELAY_MS = 1_500;
/** After the delay it waits this long at most for the browser to be idle. */
export const SILENT_INSTALL_IDLE_TIMEOUT_MS = 2_000;

const store = createStore<OfflineInstallState>({
  installed: null,
  phase: 'idle',
  error: null,
  refreshedAt: null,
  lost: null,
});
const { getState, set } = store;
/** The sign-in (session token and workstation) last prepared: each is prepared once. */
let preparedFor: string | null = null;
let context: SignInContext | null = null;
/** One install at a time, silent or manual. */
let installing: Promise<unknown> | null = null;

/**
 * Resolves once the browser has painted, the delay has passed and the page is idle, so an install
 * never competes with the first screen.
 */
function afterFirstPaint(): Promise<void> {
  return new Promise((resolve) => {
    const whenIdle = () =>
      typeof requestIdleCallback === 'function'
        ? requestIdleCallback(() => resolve(), { timeout: SILENT_INSTALL_IDLE_TIMEOUT_MS })
        : resolve();
    const afterDelay = () => setTimeout(whenIdle, SILENT_INSTALL_DELAY_MS);
    if (typeof requestAnimationFrame === 'function') requestAnimationFrame(afterDelay);
    else afterDelay();
  });
}

function installOnce(): Promise<unknown> {
  installing ??= installOfflineClient().finally(() => (installing = null));
  return installing;
}

/** Reports this browser's client; a report is a courtesy, so a failure only leaves no alert. */
async function report(installed: boolean): Promise<void> {
  const current = context;
  if (!current?.workstation) return;
  try {
    const lost = await reportAtSignIn({
      workstation: current.workstation,
      installed,
      csrfToken: current.csrfToken,
    });
    // A newer sign-in may have taken over meanwhile: its own report decides.
    if (context !== current) return;
    set({ lost: lost.count > 0 ? { workstation: current.workstation, lost } : null });
  } catch {
    // The server may be older, busy or down; the next sign-in reports again.
  }
}

async function prepare(): Promise<void> {
  const current = context;
  let installed = false;
  try {
    installed = await isOfflineClientInstalled();
  } catch {
    // Unreadable storage: treated as not installed, so the "!" invites a manual install.
  }
  if (installed) {
    set({ installed });
    try {
      if (await refreshSnapshot()) set({ refreshedAt: Date.now() });
    } catch {
      // A failed refresh keeps the previous snapshot; the offline client still works with it.
    }
  } else if (current?.installAtSignIn && current.workstation) {
    // No "!" while the silent install runs: it is on its way.
    try {
      await afterFirstPaint();
      // Staff may have installed it from the menu meanwhile (or another tab did): not again.
      installed = getState().installed === true || (await isOfflineClientInstalled());
      if (!installed) {
        await installOnce();
        installed = true;
      }
    } catch {
      // Silent: the "!" and the menu item stay, so staff can install by hand and read why not.
    }
    set({ installed });
  } else {
    set({ installed });
  }
  await report(installed);
}

export const offlineInstallStore = {
  getState,
  subscribe: store.subscribe,

  /**
   * Once per sign-in and workstation: is the client here? Refresh its snapshot, or install it
   * silently when the library asks for that; then report to the server.
   */
  async checkAndRefresh(signIn: SignInContext): Promise<void> {
    const key = `${signIn.csrfToken}\n${signIn.workstation ?? ''}`;
    if (key === preparedFor) return;
    preparedFor = key;
    context = signIn;
    // What an earlier sign-in found lost is for its own workstation: this one's report decides.
    set({ lost: null });
    await prepare();
  },

  async install(): Promise<void> {
    if (getState().phase === 'installing') return;
    set({ phase: 'installing', error: null });
    try {
      await installOnce();
      set({ installed: true, phase: 'installed' });
    } catch (error) {
      set({
        phase: 'failed',
        error:
          error instanceof OfflineInstallError
            ? error.message
            : 'The offline client could not be installed because of an unexpected error. Reload the page and try again.',
      });
      return;
    }
    await report(true);
  },

  dismiss(): void {
    set({ phase: 'idle', error: null });
  },

  /** Hides the lost-transactions alert until the next sign-in, which checks again. */
  dismissLost(): void {
    set({ lost: null });
  },
};
