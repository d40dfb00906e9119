// Sign-in. Shown at whatever address the staff member was on, so after signing in (or back in,
// when a session ended) they land where they were.
import { useState, type FormEvent } from 'react';
import { ApiRequestError, describeError } from '../api/client.ts';
import { useSessionContext } from '../session/SessionContext.tsx';

export function SignInScreen({ note }: { note: string | null }) {
  const { signIn } = useSessionContext();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [signingIn, setSigningIn] = useState(false);

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

function signInProblem(failure: unknown): string {
  if (failure instanceof ApiRequestError && failure.code === 'BAD_REQUEST') {
    return 'Enter your username and your password, then choose Sign in.';
  }
  return describeError(failure);
}
