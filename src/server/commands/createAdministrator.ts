// Creates an administrator from the server's command line (`circa create-admin`): the way into a
// library started empty, and the way back in when every administrator account is lost. A library
// with no branch gets its first branch in the same transaction, since every staff member has a home
// branch. The audit log records the change as made at the command line.
import type { Kysely, Transaction } from 'kysely';
import { sql } from 'kysely';
import { z } from 'zod';
import {
  FirstBranch,
  StaffDisplayName,
  StaffUsername,
} from '../../shared/staff/firstAdministrator.ts';
import { passwordProblem } from '../../shared/staff/passwordStrength.ts';
import { hashPassword } from '../auth/passwords.ts';
import { COMMAND_LINE_ACTOR, recordAudit } from '../db/auditLog.ts';
import { getLibrarySettings, LibrarySettings, saveLibrarySettings } from '../db/librarySettings.ts';
import type { Branch, Database } from '../db/schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** Why an administrator was not created; the message says what to change. */
export type AdministratorRefusalReason =
  'INVALID_INPUT' | 'USERNAME_TAKEN' | 'BRANCH_NEEDED' | 'BRANCH_NOT_FOUND' | 'WEAK_PASSWORD';

export class AdministratorRefused extends Error {
  override name = 'AdministratorRefused';
  constructor(
    readonly reason: AdministratorRefusalReason,
    message: string,
  ) {
    super(message);
  }
}

/** What the person at the command line asked for, as typed. */
export interface AdministratorRequest {
  username: string;
  /** The name staff see; the username when absent. */
  displayName?: string | undefined;
  /** The home branch: an existing branch's code, or the code of the first branch to create. */
  branchCode?: string | undefined;
  /** Only for a library with no branch yet: the first branch's name. */
  branchName?: string | undefined;
  /** Only for a library with no branch yet: its IANA time zone (the machine's when absent). */
  timeZone?: string | undefined;
  /** Sets the library's name (receipts and the staff app show it). */
  libraryName?: string | undefined;
}

/** A checked request: what will be created, before any password is asked for. */
export interface AdministratorPlan {
  username: string;
  displayName: string;
  /** An existing home branch, or the first branch to create. */
  branch: { existing: Branch } | { create: FirstBranch };
  libraryName: string | null;
}

/** The machine's own time zone, the first branch's when none is given. */
export function machineTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

function parsed<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new AdministratorRefused(
      'INVALID_INPUT',
      result.error.issues.map((issue) => issue.message).join(' '),
    );
  }
  return result.data;
}

async function usernameTaken(db: Db, username: string): Promise<boolean> {
  const row = await db
    .selectFrom('staff_users')
    .select('id')
    .where(sql<string>`lower(username)`, '=', username.toLowerCase())
    .executeTakeFirst();
  return row !== undefined;
}

function takenMessage(username: string): string {
  return (
    `A staff member with the username '${username}' already exists: choose another username ` +
    '(--username). To get into that account, an administrator can reset its password in the staff app.'
  );
}

/**
 * Checks the request against the database without changing anything: the username is free, and
 * the home branch exists or the first branch is fully described. Throws AdministratorRefused.
 */
export async function planAdministrator(
  db: Db,
  request: AdministratorRequest,
): Promise<AdministratorPlan> {
  const username = parsed(StaffUsername, request.username);
  const displayName = parsed(StaffDisplayName, request.displayName ?? username);
  const libraryName =
    request.libraryName === undefined
      ? null
      : parsed(LibrarySettings.shape.libraryName, request.libraryName);
  if (await usernameTaken(db, username)) {
    throw new AdministratorRefused('USERNAME_TAKEN', takenMessage(username));
  }
  const branches = await db.selectFrom('branches').selectAll().orderBy('code').execute();
  const base = { username, displayName, libraryName };

  if (branches.length === 0) {
    if (request.branchCode === undefined || request.branchName === undefined) {
      throw new AdministratorRefused(
        'BRANCH_NEEDED',
        'The library has no branch yet, and every staff member belongs to one: describe the first ' +
          'branch with --branch-code and --branch-name (and --time-zone when it is not this ' +
          `machine's, ${machineTimeZone()}), e.g. --branch-code MAIN --branch-name "Main Library".`,
      );
    }
    const create = parsed(FirstBranch, {
      code: request.branchCode,
      name: request.branchName,
      timeZone: request.timeZone ?? machineTimeZone(),
    });
    return { ...base, branch: { create } };
  }

  if (request.branchName !== undefined || request.timeZone !== undefined) {
    throw new AdministratorRefused(
      'INVALID_INPUT',
      '--branch-name and --time-zone describe the first branch of an empty library, and this ' +
        'library has branches already: leave them out, and choose the home branch with --branch-code.',
    );
  }
  const codes = branches.map((b) => b.code).join(', ');
  if (request.branchCode === undefined) {
    const [only] = branches;
    if (branches.length === 1 && only) return { ...base, branch: { existing: only } };
    throw new AdministratorRefused(
      'BRANCH_NEEDED',
      `Choose the administrator's home branch with --branch-code (one of ${codes}).`,
    );
  }
  const code = request.branchCode.trim().toUpperCase();
  const existing = branches.find((b) => b.code.toUpperCase() === code);
  if (!existing) {
    throw new AdministratorRefused(
      'BRANCH_NOT_FOUND',
      `No branch has the code '${request.branchCode.trim()}': use one of ${codes}.`,
    );
  }
  return { ...base, branch: { existing } };
}

/** Why this password may not be used for this plan, as AdministratorRefused; nothing when fine. */
export function checkAdministratorPassword(plan: AdministratorPlan, password: string): void {
  const problem = passwordProblem(password, { username: plan.username });
  if (problem !== null) throw new AdministratorRefused('WEAK_PASSWORD', problem);
}

export interface CreateAdministratorProps {
  db: Kysely<Database>;
  plan: AdministratorPlan;
  password: string;
  /** scrypt cost, the server's PASSWORD_COST. */
  passwordCost: number;
  /** Epoch ms, for the audit log. */
  now: number;
}

export interface CreatedAdministrator {
  id: number;
  username: string;
  displayName: string;
  branch: Branch;
  branchCreated: boolean;
}

/**
 * Creates the administrator (and the first branch, and the library's name, when the plan says so)
 * in one transaction with their audit entries. The checks run again inside it, so a username taken
 * or a branch added since planning refuses instead of half-creating anything.
 */
export async function createAdministrator(
  props: CreateAdministratorProps,
): Promise<CreatedAdministrator> {
  const { db, plan, now } = props;
  checkAdministratorPassword(plan, props.password);
  const passwordHash = await hashPassword(props.password, props.passwordCost);
  return db.transaction().execute(async (trx) => {
    if (plan.libraryName !== null) {
      const before = await getLibrarySettings(trx);
      const after = await saveLibrarySettings(trx, { ...before, libraryName: plan.libraryName });
      await recordAudit(trx, {
        actor: COMMAND_LINE_ACTOR,
        action: 'librarySettings.update',
        subjectType: 'library_settings',
        subjectId: 1,
        before: { libraryName: before.libraryName },
        after: { libraryName: after.libraryName },
        at: now,
      });
    }
    if (await usernameTaken(trx, plan.username)) {
      throw new AdministratorRefused('USERNAME_TAKEN', takenMessage(plan.username));
    }
    let branch: Branch;
    if ('create' in plan.branch) {
      const { create } = plan.branch;
      const anyBranch = await trx.selectFrom('branches').select('id').limit(1).executeTakeFirst();
      if (anyBranch) {
        throw new AdministratorRefused(
          'INVALID_INPUT',
          'A branch was added while this command ran: run it again and choose the home branch with --branch-code.',
        );
      }
      branch = await trx
        .insertInto('branches')
        .values({
          code: create.code,
          name: create.name,
          time_zone: create.timeZone,
          closed_weekdays: '',
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await recordAudit(trx, {
        actor: COMMAND_LINE_ACTOR,
        action: 'branch.create',
        subjectType: 'branch',
        subjectId: branch.id,
        before: null,
        after: branch,
        at: now,
      });
    } else {
      branch = plan.branch.existing;
    }
    const user = await trx
      .insertInto('staff_users')
      .values({
        username: plan.username,
        display_name: plan.displayName,
        password_hash: passwordHash,
        role: 'admin',
        branch_id: branch.id,
      })
      .returning(['id', 'username', 'display_name', 'role', 'branch_id'])
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      actor: COMMAND_LINE_ACTOR,
      action: 'staffUser.create',
      subjectType: 'staff_user',
      subjectId: user.id,
      before: null,
      // Never the password hash: the audit log is read by administrators.
      after: {
        id: user.id,
        username: user.username,
        displayName: user.display_name,
        role: user.role,
        branchId: user.branch_id,
      },
      at: now,
    });
    return {
      id: user.id,
      username: user.username,
      displayName: user.display_name,
      branch,
      branchCreated: 'create' in plan.branch,
    };
  });
}
