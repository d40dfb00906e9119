// A supervisor page's content, shown only when the session grants the action it needs; anyone else
// sees what to ask for instead of a refusal.
import type { ReactNode } from 'react';
import type { StaffAction } from '../../shared/api/actions.ts';
import { may } from '../session/may.ts';
import { useSession } from '../session/SessionContext.tsx';

export function SupervisorOnly({
  action,
  task,
  children,
}: {
  /** What the content lets the user do; the server refuses it to everyone not granted this. */
  action: StaffAction;
  /** Completes "You need a supervisor or administrator account to …". */
  task: string;
  children: ReactNode;
}) {
  const session = useSession();
  if (may(session, action)) return children;
  return (
    <p className="notice">
      You need a supervisor or administrator account to {task}. Ask a supervisor to do it, or to
      sign in on this workstation.
    </p>
  );
}
