// The audit log's "who" for a request: the signed-in staff member, by id and username.
import type { FastifyRequest } from 'fastify';
import type { AuditActor } from '../db/auditLog.ts';

export function auditActorOf(request: FastifyRequest): AuditActor {
  const { user } = request.staff;
  return { kind: 'staff', staffUserId: user.id, username: user.username };
}
