// What every administration list page starts with: whether the signed-in user may change the
// records, the list itself (loaded again after each change), and which record's form is open.
import { useState } from 'react';
import type { StaffAction } from '../../shared/api/actions.ts';
import { useRemote } from '../offlineReports/useRemote.ts';
import { may } from '../session/may.ts';
import { useSession } from '../session/SessionContext.tsx';
import { useEditing } from './useEditing.ts';

/**
 * `name` names the list for loading (e.g. "branches"); `manage` is the action that changes its
 * records; `Target` is what a row's form is opened for.
 */
export function useAdminList<List, Target>(
  name: string,
  manage: StaffAction,
  load: () => Promise<List>,
) {
  const session = useSession();
  const [version, setVersion] = useState(0);
  const list = useRemote(`${name}-${version}`, load);
  const { editing, open, close } = useEditing<Target>();

  /** Loads the list again, after a change made on the page. */
  function reload(): void {
    setVersion((v) => v + 1);
  }

  /** A form saved: the list shows the change and the focus goes back to the form's opener. */
  function saved(): void {
    reload();
    close();
  }

  return {
    session,
    canManage: may(session, manage),
    list,
    editing,
    open,
    close,
    reload,
    saved,
  };
}
