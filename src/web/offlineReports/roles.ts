// Who sees the supervisor pages. The server decides (policies offline.uploadFile and
// offline.exceptions.manage, src/server/policies/policies.ts); the app only avoids offering
// pages that would be refused.
import type { SessionInfo } from '../../shared/api/session.ts';

export function isSupervisor(session: SessionInfo): boolean {
  return session.user.role === 'supervisor' || session.user.role === 'admin';
}
