// Who is signed in, and at which workstation. The provider loads the session once, signs in and
// out, and notices any request that finds the session gone so the app can ask for a sign-in again.
import {
  createContext,
  use,
  useCallback,
  useEffect,
  useMemo,
  useState,
  type ReactNode,
} from 'react';
import type { SessionInfo } from '../../shared/api/session.ts';
import { api } from '../api/client.ts';
import { forgetCheckOutInProgress } from '../lib/checkOutInProgress.ts';
import { rememberWorkstation, rememberedWorkstation } from './workstationStore.ts';

export type SessionState =
  | { status: 'loading' }
  /** `ended` is a note for the sign-in page, e.g. that the session timed out. */
  | { status: 'signedOut'; ended: string | null }
  | { status: 'signedIn'; session: SessionInfo };

interface SessionContextValue {
  state: SessionState;
  /** Problem loading the session at start (e.g. server down); null when none. */
  loadError: unknown;
  retryLoad(): void;
  signIn(username: string, password: string): Promise<SessionInfo>;
  signOut(): Promise<void>;
  /** Ends every session of the signed-in staff member, on every computer, then this one. */
  signOutEverywhere(): Promise<void>;
  /** Ties the session to a workstation and remembers it in this browser. */
  chooseWorkstation(name: string): Promise<SessionInfo>;
}

const SessionContext = createContext<SessionContextValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });
  const [loadError, setLoadError] = useState<unknown>(null);

  const load = useCallback(() => {
    let cancelled = false;
    api.getSession().then(
      (session) => {
        if (cancelled) return;
        setLoadError(null);
        setState(session ? { status: 'signedIn', session } : { status: 'signedOut', ended: null });
      },
      (error: unknown) => {
        if (!cancelled) setLoadError(error);
      },
    );
    return () => {
      cancelled = true;
    };
  }, []);

  useEffect(load, [load]);

  useEffect(
    () =>
      api.onUnauthenticated(() =>
        setState((current) =>
          current.status === 'signedIn'
            ? {
                status: 'signedOut',
                ended: 'Your session has ended. Sign in again to carry on where you were.',
              }
            : current,
        ),
      ),
    [],
  );

  const signIn = useCallback(async (username: string, password: string) => {
    const workstation = rememberedWorkstation() ?? undefined;
    const session = await api.signIn({ username, password, workstation });
    setState({ status: 'signedIn', session });
    return session;
  }, []);

  const signOut = useCallback(async () => {
    try {
      await api.signOut();
    } finally {
      // Signed out here even if the server could not be told: the next request would be refused anyway.
      forgetCheckOutInProgress();
      setState({ status: 'signedOut', ended: null });
    }
  }, []);

  const signOutEverywhere = useCallback(async () => {
    let ended: string;
    try {
      await api.signOutEverywhere();
      ended = 'You are signed out everywhere: every session of yours has ended.';
    } catch {
      // This browser is signed out all the same; the note says the others may not be.
      ended =
        'Signed out here, but Circa could not confirm that your other sessions ended. Sign in ' +
        'and choose Sign out everywhere again, or ask an administrator to end them.';
    }
    forgetCheckOutInProgress();
    setState({ status: 'signedOut', ended });
  }, []);

  const chooseWorkstation = useCallback(async (name: string) => {
    const session = await api.setWorkstation(name);
    rememberWorkstation(session.workstation?.name ?? name);
    setState({ status: 'signedIn', session });
    return session;
  }, []);

  const value = useMemo(
    () => ({
      state,
      loadError,
      retryLoad: () => void load(),
      signIn,
      signOut,
      signOutEverywhere,
      chooseWorkstation,
    }),
    [state, loadError, load, signIn, signOut, signOutEverywhere, chooseWorkstation],
  );
  return <SessionContext value={value}>{children}</SessionContext>;
}

export function useSessionContext(): SessionContextValue {
  const value = use(SessionContext);
  if (!value) throw new Error('useSessionContext must be used inside <SessionProvider>.');
  return value;
}

/** The signed-in session; only for screens shown after sign-in. */
export function useSession(): SessionInfo {
  const { state } = useSessionContext();
  if (state.status !== 'signedIn') throw new Error('useSession needs a signed-in staff member.');
  return state.session;
}

/** The time zone due dates are shown in: the workstation's branch, else the staff member's. */
export function useBranchTimeZone(): string {
  const session = useSession();
  return (session.workstation?.branch ?? session.user.branch).timeZone;
}
