// Staff sign-in, the session and the workstation it is tied to.
import { z } from 'zod';
import { WorkstationNameInput } from '../workstations/workstationName.ts';
import { StaffAction } from './actions.ts';

export const StaffRole = z.enum(['circulation', 'supervisor', 'admin']);
export type StaffRole = z.infer<typeof StaffRole>;

export const BranchSummary = z.object({
  id: z.number().int(),
  code: z.string(),
  name: z.string(),
  timeZone: z.string(),
});
export type BranchSummary = z.infer<typeof BranchSummary>;

export const WorkstationSummary = z.object({
  id: z.number().int(),
  name: z.string(),
  branch: BranchSummary,
});
export type WorkstationSummary = z.infer<typeof WorkstationSummary>;

export const StaffUserSummary = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  role: StaffRole,
  branch: BranchSummary,
});
export type StaffUserSummary = z.infer<typeof StaffUserSummary>;

/** What the client knows about the signed-in staff member. */
export const SessionInfo = z.object({
  /** The library's name, as its receipts print it. */
  libraryName: z.string(),
  user: StaffUserSummary,
  /**
   * What the signed-in user may do, from the server's policy table for their role. Screens offer
   * only what is listed here and never compare roles; the server still checks every request.
   */
  actions: z.array(StaffAction),
  /** Null until this browser has said which workstation it is. */
  workstation: WorkstationSummary.nullable(),
  /** Send back in the x-csrf-token header on every POST, PUT, PATCH and DELETE. */
  csrfToken: z.string(),
  /** Epoch ms: when the session ends unless used again. */
  expiresAt: z.number().int(),
  /**
   * Library setting: the staff app installs the offline client silently in a browser that lacks it
   * as soon as a workstation is set (issue 14).
   */
  installOfflineClientAtSignIn: z.boolean(),
});
export type SessionInfo = z.infer<typeof SessionInfo>;

const WORKSTATION_NAME = WorkstationNameInput;

export const SignInRequest = z.object({
  username: z.string().trim().min(1, 'Enter your username.').max(100),
  password: z.string().min(1, 'Enter your password.').max(1000),
  /** The workstation this browser remembered, if any. */
  workstation: WORKSTATION_NAME.optional(),
});
export type SignInRequest = z.infer<typeof SignInRequest>;

/** How many sessions a "sign out everywhere" ended. */
export const EndedSessions = z.object({ endedSessions: z.number().int().min(0) });
export type EndedSessions = z.infer<typeof EndedSessions>;

export const SetWorkstationRequest = z.object({ name: WORKSTATION_NAME });
export type SetWorkstationRequest = z.infer<typeof SetWorkstationRequest>;

export const WorkstationSuggestion = z.object({ name: z.string() });
export type WorkstationSuggestion = z.infer<typeof WorkstationSuggestion>;

/** Header that carries the CSRF token. */
export const CSRF_HEADER = 'x-csrf-token';
/** Cookie that carries the session token (HttpOnly; the client never reads it). */
export const SESSION_COOKIE = 'circa_session';

/** Why a server is not ready for requests: still starting, bringing its database up to date, stopping, or its database is not answering. */
export const NotReadyReason = z.enum(['starting', 'migrating', 'stopping', 'database_unavailable']);
export type NotReadyReason = z.infer<typeof NotReadyReason>;

/** GET /api/health (the offline client's heartbeat) and GET /api/health/ready (a proxy's check). */
export const HealthStatus = z.object({
  status: z.enum(['ok', 'unavailable']),
  database: z.enum(['ok', 'unavailable']),
  /** Present when status is unavailable. */
  reason: NotReadyReason.optional(),
});
export type HealthStatus = z.infer<typeof HealthStatus>;

/** GET /api/health/live: the process answers; says nothing of the database. */
export const LivenessStatus = z.object({ status: z.literal('ok') });
export type LivenessStatus = z.infer<typeof LivenessStatus>;
