import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LostTransactions } from '../../shared/offline/recovery.ts';

const client = vi.hoisted(() => ({
  installed: false,
  installs: 0,
  refreshes: 0,
  installFails: false,
  reports: [] as { workstation: string; installed: boolean; csrfToken: string }[],
  lost: { runs: [], count: 0 } as LostTransactions,
}));

vi.mock('./installOfflineClient.ts', () => ({
  OfflineInstallError: class extends Error {},
  isOfflineClientInstalled: async () => client.installed,
  refreshSnapshot: async () => {
    client.refreshes += 1;
    return client.installed;
  },
  installOfflineClient: async () => {
    client.installs += 1;
    if (client.installFails) throw new Error('The browser refused.');
    client.installed = true;
  },
}));
vi.mock('./reportAtSignIn.ts', () => ({
  reportAtSignIn: async (props: { workstation: string; installed: boolean; csrfToken: string }) => {
    client.reports.push({
      workstation: props.workstation,
      installed: props.installed,
      csrfToken: props.csrfToken,
    });
    return client.lost;
  },
}));

/** A fresh store for each test: it keeps which sign-in it prepared, as a page load does. */
async function freshStore() {
  vi.resetModules();
  return (await import('./installStore.ts')).offlineInstallStore;
}

/** Runs a store call to its end, the silent install's wait for the screen included. */
async function settle(call: Promise<void>): Promise<void> {
  await vi.runAllTimersAsync();
  await call;
}

const LOST: LostTransactions = { runs: [{ from: 41, to: 60 }], count: 20 };

afterEach(() => {
  vi.useRealTimers();
});

beforeEach(() => {
  vi.useFakeTimers();
  Object.assign(client, {
    installed: false,
    installs: 0,
    refreshes: 0,
    installFails: false,
    reports: [],
    lost: { runs: [], count: 0 },
  });
});

describe('offlineInstallStore.checkAndRefresh', () => {
  it('installs silently when the library asks, then reports the client installed', async () => {
    const store = await freshStore();
    await settle(
      store.checkAndRefresh({ workstation: 'DESK-1', installAtSignIn: true, csrfToken: 'a' }),
    );
    expect(client.installs).toBe(1);
    expect(store.getState()).toMatchObject({ installed: true, phase: 'idle', lost: null });
    expect(client.reports).toEqual([{ workstation: 'DESK-1', installed: true, csrfToken: 'a' }]);
  });

  it('installs nothing when the setting is off or no workstation is set, and reports only with one', async () => {
    const store = await freshStore();
    await settle(
      store.checkAndRefresh({ workstation: null, installAtSignIn: true, csrfToken: 'a' }),
    );
    expect(client.installs).toBe(0);
    expect(client.reports).toEqual([]);
    await settle(
      store.checkAndRefresh({ workstation: 'DESK-1', installAtSignIn: false, csrfToken: 'a' }),
    );
    expect(client.installs).toBe(0);
    expect(store.getState().installed).toBe(false);
    expect(client.reports).toEqual([{ workstation: 'DESK-1', installed: false, csrfToken: 'a' }]);
  });

  it('refreshes an installed client instead of installing it, once per sign-in', async () => {
    client.installed = true;
    const store = await freshStore();
    const signIn = { workstation: 'DESK-1', installAtSignIn: true, csrfToken: 'a' };
    await settle(store.checkAndRefresh(signIn));
    await settle(store.checkAndRefresh(signIn));
    expect(client.refreshes).toBe(1);
    expect(client.installs).toBe(0);
    await settle(store.checkAndRefresh({ ...signIn, csrfToken: 'b' }));
    expect(client.refreshes).toBe(2);
    expect(client.reports.map((r) => r.csrfToken)).toEqual(['a', 'b']);
  });

  it('does not install again when staff installed from the menu while the silent install waited', async () => {
    const store = await freshStore();
    const checking = store.checkAndRefresh({
      workstation: 'DESK-1',
      installAtSignIn: true,
      csrfToken: 'a',
    });
    // The silent install waits for the screen; staff choose "Install offline client" first.
    await store.install();
    await settle(checking);
    expect(client.installs).toBe(1);
    expect(store.getState().installed).toBe(true);
    // Reported after the manual install and after the sign-in's check: installed both times.
    expect(client.reports.map((r) => r.installed)).toEqual([true, true]);
  });

  it('leaves the "!" after a failed silent install, with no notice, and still reports', async () => {
    client.installFails = true;
    const store = await freshStore();
    await settle(
      store.checkAndRefresh({ workstation: 'DESK-1', installAtSignIn: true, csrfToken: 'a' }),
    );
    expect(store.getState()).toMatchObject({ installed: false, phase: 'idle', error: null });
    expect(client.reports).toEqual([{ workstation: 'DESK-1', installed: false, csrfToken: 'a' }]);
  });

  it('keeps what a wipe lost until dismissed, and finds it again at the next sign-in', async () => {
    client.lost = LOST;
    const store = await freshStore();
    await settle(
      store.checkAndRefresh({ workstation: 'DESK-1', installAtSignIn: true, csrfToken: 'a' }),
    );
    expect(store.getState().lost).toEqual({ workstation: 'DESK-1', lost: LOST });
    store.dismissLost();
    expect(store.getState().lost).toBeNull();
    await settle(
      store.checkAndRefresh({ workstation: 'DESK-1', installAtSignIn: true, csrfToken: 'b' }),
    );
    expect(store.getState().lost).toEqual({ workstation: 'DESK-1', lost: LOST });
  });

  it('reports after a manual install too', async () => {
    const store = await freshStore();
    await settle(
      store.checkAndRefresh({ workstation: 'DESK-1', installAtSignIn: false, csrfToken: 'a' }),
    );
    await settle(store.install());
    expect(store.getState()).toMatchObject({ installed: true, phase: 'installed' });
    expect(client.reports.map((r) => r.installed)).toEqual([false, true]);
  });
});
