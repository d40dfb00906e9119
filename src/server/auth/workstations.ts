// Workstations: the desk a session works at. A new name creates the workstation at the staff
// member's branch; a known name (in any letter case) is reused, so a browser that remembered its
// name is the same workstation after every sign-in.
import { sql, type Kysely } from 'kysely';
import type { Branch, Database, Workstation } from '../db/schema.ts';

function byName(db: Kysely<Database>, name: string) {
  return db
    .selectFrom('workstations')
    .selectAll()
    .where(sql<string>`lower(name)`, '=', name.toLowerCase())
    .orderBy('id')
    .executeTakeFirst();
}

export async function findOrCreateWorkstation(
  db: Kysely<Database>,
  props: { name: string; branchId: number; now: number },
): Promise<Workstation> {
  const name = props.name.trim();
  const existing = await byName(db, name);
  if (existing) return existing;
  // Two browsers may name the same new workstation at once: the unique name decides, both reuse it.
  await db
    .insertInto('workstations')
    .values({ name, branch_id: props.branchId, created_at: props.now })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  const created = await byName(db, name);
  if (!created) throw new Error(`Workstation '${name}' vanished right after it was created.`);
  return created;
}

/** Workstation names suggested for a branch: MAIN-DESK-1, MAIN-DESK-2, … */
export function workstationNamePrefix(branch: Pick<Branch, 'code'>): string {
  return `${branch.code.toUpperCase()}-DESK-`;
}

/** The first `<BRANCH>-DESK-<n>` name not yet taken. */
export async function suggestWorkstationName(
  db: Kysely<Database>,
  branch: Pick<Branch, 'code'>,
): Promise<string> {
  const prefix = workstationNamePrefix(branch);
  const rows = await db
    .selectFrom('workstations')
    .select('name')
    .where(sql<string>`upper(name)`, 'like', `${prefix}%`)
    .execute();
  const taken = new Set(
    rows
      .map((r) => r.name.slice(prefix.length))
      .filter((n) => /^[0-9]+$/.test(n))
      .map(Number),
  );
  let n = 1;
  while (taken.has(n)) n += 1;
  return `${prefix}${n}`;
}
