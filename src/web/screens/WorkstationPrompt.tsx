// Asked once per browser, after the first sign-in: which workstation is this? The answer is
// remembered in this browser and sent with every later sign-in, so loans record where they were made.
import { useEffect, useState, type FormEvent } from 'react';
import { SetWorkstationRequest } from '../../shared/api/session.ts';
import { api, describeError } from '../api/client.ts';
import { useSessionContext } from '../session/SessionContext.tsx';

export function WorkstationPrompt({ onChosen }: { onChosen(): void }) {
  const { chooseWorkstation } = useSessionContext();
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  // Prefill with the server's suggestion unless staff have started typing already.
  useEffect(() => {
    let cancelled = false;
    api.suggestWorkstation().then(
      (suggestion) => {
        if (!cancelled) setName((typed) => (typed === '' ? suggestion.name : typed));
      },
      // No suggestion is no problem: staff can type a name.
      () => undefined,
    );
    return () => {
      cancelled = true;
    };
  }, []);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const parsed = SetWorkstationRequest.safeParse({ name });
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? 'Enter a workstation name.');
      return;
    }
    setSaving(true);
    setError(null);
    try {
      await chooseWorkstation(parsed.data.name);
      onChosen();
    } catch (failure) {
      setError(describeError(failure));
    } finally {
      setSaving(false);
    }
  }

  return (
    <main className="sign-in" aria-labelledby="workstation-title">
      <form className="sign-in__form" onSubmit={onSubmit} noValidate>
        <h1 id="workstation-title">Which workstation is this?</h1>
        <p className="sign-in__lead">
          Circa records the workstation with every loan. This browser will remember it; you are
          asked only once.
        </p>
        <label>
          <span>Workstation</span>
          <input
            name="workstation"
            autoComplete="off"
            autoFocus
            maxLength={40}
            value={name}
            onChange={(event) => setName(event.target.value)}
          />
        </label>
        <div role="alert" className="alerts">
          {error ? <p>{error}</p> : null}
        </div>
        <button type="submit" className="button--primary" disabled={saving}>
          Use this workstation
        </button>
      </form>
    </main>
  );
}
