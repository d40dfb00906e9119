// Whether the signed-in user may take an action. The session answer lists what the server's policy
// table allows them, so screens ask "may I …?" and never compare roles; the server checks anyway.
import type { StaffAction } from '../../shared/api/actions.ts';
import type { SessionInfo } from '../../shared/api/session.ts';

export function may(session: Pick<SessionInfo, 'actions'>, action: StaffAction): boolean {
  return session.actions.includes(action);
}
