// Reading branches: every branch in code order, or one by the code staff type (with a plain error
// when there is none).
import type { Kysely, Transaction } from 'kysely';
import { CircaError } from '../errors.ts';
import type { Branch, Database } from './schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** The branch with this code (case as stored, or upper-cased), else NOT_FOUND (404). */
export async function requireBranchByCode(db: Db, code: string): Promise<Branch> {
  const trimmed = code.trim();
  const branch = await db
    .selectFrom('branches')
    .selectAll()
    .where('code', 'in', [trimmed, trimmed.toUpperCase()])
    .orderBy('id')
    .executeTakeFirst();
  if (!branch) {
    throw new CircaError(
      'NOT_FOUND',
      404,
      `No branch has the code "${trimmed}". Choose a branch from the list of branches.`,
      { branch: trimmed },
    );
  }
  return branch;
}

/** Every branch, in code order. */
export async function listBranches(db: Db): Promise<Branch[]> {
  return db.selectFrom('branches').selectAll().orderBy('code').execute();
}
