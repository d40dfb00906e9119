// Who performs a circulation command, and where: the signed-in staff member at their workstation.
import type { StaffRole } from '../db/schema.ts';

export interface CirculationActor {
  staffUserId: number;
  role: StaffRole;
  workstationId: number;
  /** The workstation's branch: loans are made there and due dates follow its calendar. */
  branchId: number;
}
