// What staff may be allowed to do: the names routes declare in `config.policy` and the session
// answer lists for the signed-in user. Which role may do which is the server's table
// (src/server/policies/policies.ts); browsers only ask whether the session grants an action.
import { z } from 'zod';

export const StaffAction = z.enum([
  // Signing in, looking up, lending and returning, sending offline transactions.
  'session.read',
  'session.end',
  'workstation.set',
  'openapi.read',
  'patron.read',
  'item.read',
  'loan.checkOut',
  'loan.checkIn',
  // Renewing loans; placing and looking after holds; the hold shelf and items in transit.
  'loan.renew',
  'hold.place',
  'hold.manage',
  'holdShelf.read',
  'holdShelf.clear',
  'transit.read',
  'loanRules.read',
  'closedDays.read',
  'offline.install',
  'offline.upload',
  // The offline report of the signed-in workstation, and its branch's sending results.
  'offline.report.read',
  // Lending past a conflict, uploading offline files, resolving offline exceptions, and reading
  // every workstation's offline report with who had each item before.
  'loan.override',
  'offline.uploadFile',
  'offline.exceptions.manage',
  'offline.report.readAll',
  'offline.report.readPreviousBorrowers',
  // Changing the library's set-up, and acting on other staff members' accounts.
  'closedDays.manage',
  'staffUsers.sessions.end',
  // Patrons and items at the desk: registering, editing, blocking, renewing a card; cataloguing.
  'patron.register',
  'patron.edit',
  'patron.block',
  'patron.unblock',
  'patron.renewCard',
  'item.add',
  'item.edit',
  'item.markStatus',
  'item.withdraw',
  // Reading the library's set-up (supervisors) and changing it (administrators).
  'admin.read',
  'auditLog.read',
  'branches.manage',
  'staffUsers.manage',
  'workstations.manage',
  'patronTypes.manage',
  'materialTypes.manage',
  'loanRules.manage',
  'barcodeRules.manage',
  'librarySettings.manage',
  'import.run',
]);
export type StaffAction = z.infer<typeof StaffAction>;
