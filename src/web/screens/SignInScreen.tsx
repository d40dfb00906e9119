// Sign-in. Shown at whatever address the staff member was on, so after signing in (or back in,
// when a session ended) they land where they were. A library started empty has nobody who can sign
// in yet: the page then says what to run on the server to create the first administrator.
import { useEffect, useState, type FormEvent } from 'react';
import { api, ApiRequestError, describeError } from '../api/client.ts';
import { useSessionContext } from '../session/SessionContext.tsx';

export function SignInScreen({ note }: { note: string | null }) {
  const { signIn } = useSessionContext();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [signingIn, setSigningIn] = useState(false);
  const needsAdministrator = useNeedsAdministrator();

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (username.trim() === '' || password === '') {
      setError('Enter your username and your password, then choose Sign in.');
      return;
    }
    setSigningIn(true);
    setError(null);
    try {
      await signIn(username.trim(), password);
    } catch (failure) {
      setError(signInProblem(failure));
      setPassword('');
    } finally {
      setSigningIn(false);
    }
  }

  return (
    <main className="sign-in" aria-labelledby="sign-in-title">
      <form className="sign-in__form" onSubmit={onSubmit} noValidate>
        <h1 id="sign-in-title">Circa</h1>
        <p className="sign-in__lead">Sign in to the circulation desk.</p>
        {note ? <p className="notice">{note}</p> : null}
        {needsAdministrator ? <NoAdministratorYet /> : null}
        <label>
          <span>Username</span>
          <input
            name="username"
            autoComplete="username"
            autoCapitalize="off"
            spellCheck={false}
            autoFocus
            value={username}
            onChange={(event) => setUsername(event.target.value)}
          />
        </label>
        <label>
          <span>Password</span>
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
          />
        </label>
        <div role="alert" className="alerts">
          {error ? <p>{error}</p> : null}
        </div>
        <button type="submit" className="button--primary" disabled={signingIn}>
          Sign in
        </button>
      </form>
    </main>
  );
}

/** The command on the server that creates the first administrator (docs/setting-up.md). */
const CREATE_ADMIN_COMMAND = 'npx circa create-admin';

function NoAdministratorYet() {
  return (
    <section className="notice sign-in__setup" aria-labelledby="sign-in-setup-title">
      <h2 id="sign-in-setup-title">No administrator yet</h2>
      <p>
        Nobody can set up this library until it has an administrator account. On the server, in
        Circa’s folder, run:
      </p>
      <p>
        <code>{CREATE_ADMIN_COMMAND}</code>
      </p>
      <p>
        Give it the administrator’s username (and, for a new library, its first branch:{' '}
        <code>--help</code> lists the options). It asks for the password. Then sign in here.
      </p>
    </section>
  );
}

/**
 * Whether the server says no administrator exists yet. False until it answers, and false when it
 * cannot be asked: the hint is help for a new library, never a reason to hold up signing in.
 */
function useNeedsAdministrator(): boolean {
  const [needed, setNeeded] = useState(false);
  useEffect(() => {
    let current = true;
    api.getSetupStatus().then(
      (status) => {
        if (current) setNeeded(status.needsAdministrator);
      },
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, []);
  return needed;
}

function signInProblem(failure: unknown): string {
  if (failure instanceof ApiRequestError && failure.code === 'BAD_REQUEST') {
    return 'Enter your username and your password, then choose Sign in.';
  }
  return describeError(failure);
}
