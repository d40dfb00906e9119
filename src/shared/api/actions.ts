// What staff may be allowed to do: the names routes declare in `config.policy` and the session
// answer lists for the signed-in user. Which role may do which is the server's table
// (src/server/policies/policies.ts); browsers only ask whether the session grants an action.
import { z } from 'zod';

export const StaffAction = z.enum([
  // Everything staff at the circulation desk do, and what every signed-in role may do.
  'session.read',
  'session.end',
  'workstation.set',
  'openapi.read',
  'patron.read',
  'item.read',
  'loan.checkOut',
  'loan.checkIn',
  'loanRules.read',
  'closedDays.read',
  'offline.install',
  'offline.upload',
  'offline.report.read',
  // Decisions that need a supervisor: lending past a conflict, and resolving offline exceptions.
  'loan.override',
  'offline.uploadFile',
  'offline.exceptions.manage',
  // Changes to the library's set-up.
  'closedDays.manage',
]);
export type StaffAction = z.infer<typeof StaffAction>;
