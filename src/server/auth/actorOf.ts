// The circulation actor behind a request: the signed-in staff member at their named workstation.
import type { FastifyRequest } from 'fastify';
import type { CirculationActor } from '../commands/actor.ts';
import { requireWorkstation } from './guard.ts';

/** WORKSTATION_REQUIRED when the browser has not named its workstation yet. */
export function actorOf(request: FastifyRequest): CirculationActor {
  const workstation = requireWorkstation(request);
  const { user } = request.staff;
  return {
    staffUserId: user.id,
    role: user.role,
    workstationId: workstation.id,
    branchId: workstation.branch_id,
  };
}
