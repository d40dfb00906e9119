// Workstations: list them with their branch, last use, offline client's latest report and the
// sequence numbers received from them (issue 14), add one ahead of its first sign-in,
// rename or move one, and remove one that was never used for a loan or an offline transaction
// (one with history is kept, so every loan and report still names where it was made).
import { sql, type Kysely } from 'kysely';
import type { WorkstationInput, WorkstationRecord } from '../../../shared/api/administration.ts';
import type { Branch, Database, Workstation } from '../../db/schema.ts';
import { anyLoanAtWorkstation } from '../../db/loanHistory.ts';
import { deleteOfflineClientReport, offlineClientStates } from '../../db/offlineClientReports.ts';
import {
  NOTHING_RECEIVED,
  receivedSequences,
  receivedSequencesOfWorkstations,
} from '../../db/receivedSequences.ts';
import { CircaError } from '../../errors.ts';
import { presentWorkstation } from '../../presenters/administration.ts';
import {
  alreadyExists,
  audited,
  existingRecord,
  inChange,
  lowerOf,
  type AdminChangeProps,
  type Trx,
} from './adminChange.ts';

type Db = Kysely<Database> | Trx;

/** The latest loan made at the workstation or use of a session there; null when never used. */
async function lastUsedAt(db: Db, workstationId: number): Promise<number | null> {
  const row = await db
    .selectNoFrom((eb) => [
      eb
        .selectFrom('loans')
        .select((inner) => inner.fn.max('checked_out_at').as('at'))
        .where('workstation_id', '=', workstationId)
        .as('loan_at'),
      eb
        .selectFrom('aged_loans')
        .select((inner) => inner.fn.max('checked_out_at').as('at'))
        .where('workstation_id', '=', workstationId)
        .as('aged_loan_at'),
      eb
        .selectFrom('sessions')
        .select((inner) => inner.fn.max('last_seen_at').as('at'))
        .where('workstation_id', '=', workstationId)
        .as('session_at'),
    ])
    .executeTakeFirstOrThrow();
  const times = [row.loan_at, row.aged_loan_at, row.session_at]
    .filter((at) => at !== null)
    .map(Number);
  return times.length === 0 ? null : Math.max(...times);
}

/**
 * What the audit log keeps of a workstation: its set-up, not its offline client's latest report or
 * the sequence numbers received, which change without anyone changing the workstation.
 */
function setUpOf(record: WorkstationRecord) {
  const { offlineClient: _client, sequences: _sequences, ...setUp } = record;
  return setUp;
}

async function present(db: Db, workstation: Workstation): Promise<WorkstationRecord> {
  const branch = await db
    .selectFrom('branches')
    .selectAll()
    .where('id', '=', workstation.branch_id)
    .executeTakeFirstOrThrow();
  const offlineClient = (await offlineClientStates(db, workstation.id)).get(workstation.id) ?? null;
  return presentWorkstation(workstation, branch, await lastUsedAt(db, workstation.id), {
    offlineClient,
    sequences: await receivedSequences(db, workstation.name),
  });
}

export async function listWorkstations(db: Kysely<Database>): Promise<WorkstationRecord[]> {
  const rows = await db.selectFrom('workstations').selectAll().orderBy('name').execute();
  const branches = new Map(
    (await db.selectFrom('branches').selectAll().execute()).map((b) => [b.id, b] as const),
  );
  // A few statements for the whole list, not a few per workstation.
  const clients = await offlineClientStates(db);
  const sequences = await receivedSequencesOfWorkstations(db);
  return Promise.all(
    rows.map(async (row) =>
      presentWorkstation(row, branches.get(row.branch_id) as Branch, await lastUsedAt(db, row.id), {
        offlineClient: clients.get(row.id) ?? null,
        sequences: sequences.get(row.name) ?? NOTHING_RECEIVED,
      }),
    ),
  );
}

async function requireBranch(trx: Trx, id: number): Promise<void> {
  const branch = await trx
    .selectFrom('branches')
    .select('id')
    .where('id', '=', id)
    .executeTakeFirst();
  if (!branch) {
    throw new CircaError(
      'BAD_REQUEST',
      400,
      'The branch chosen does not exist: choose a branch from the list.',
      {
        field: 'branchId',
      },
    );
  }
}

async function refuseTakenName(trx: Trx, name: string, exceptId: number | null): Promise<void> {
  let query = trx
    .selectFrom('workstations')
    .select('name')
    .where(lowerOf('name'), '=', name.toLowerCase());
  if (exceptId !== null) query = query.where('id', '!=', exceptId);
  const taken = await query.executeTakeFirst();
  if (taken) {
    throw alreadyExists(
      `A workstation is already called ${taken.name}: choose another name (names ignore letter case).`,
      { field: 'name' },
    );
  }
}

export async function createWorkstation(
  props: AdminChangeProps & { workstation: WorkstationInput },
): Promise<WorkstationRecord> {
  const { at, workstation } = props;
  return inChange(props.db, async (trx) => {
    await refuseTakenName(trx, workstation.name, null);
    await requireBranch(trx, workstation.branchId);
    const row = await trx
      .insertInto('workstations')
      .values({ name: workstation.name, branch_id: workstation.branchId, created_at: at })
      .returningAll()
      .executeTakeFirstOrThrow();
    const after = await present(trx, row);
    await audited(trx, props, {
      action: 'workstation.create',
      subjectType: 'workstation',
      subjectId: row.id,
      before: null,
      after: setUpOf(after),
    });
    return after;
  });
}

/** Renames or moves a workstation; sessions there carry on under the new name and branch. */
export async function changeWorkstation(
  props: AdminChangeProps & { id: number; change: WorkstationInput },
): Promise<WorkstationRecord> {
  const { id, change } = props;
  return inChange(props.db, async (trx) => {
    const existing = await existingRecord(trx, 'workstations', id, 'workstation');
    await refuseTakenName(trx, change.name, id);
    await requireBranch(trx, change.branchId);
    const before = await present(trx, existing);
    const row = await trx
      .updateTable('workstations')
      .set({ name: change.name, branch_id: change.branchId })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    const after = await present(trx, row);
    await audited(trx, props, {
      action: 'workstation.update',
      subjectType: 'workstation',
      subjectId: id,
      before: setUpOf(before),
      after: setUpOf(after),
    });
    return after;
  });
}

/** What a workstation's history holds, in words; null when it has none. */
async function historyOf(trx: Trx, workstation: Workstation): Promise<string | null> {
  // Aged loans too: they keep the workstation after losing the patron (db/loanHistory.ts).
  if (await anyLoanAtWorkstation(trx, workstation.id)) return 'loans were made there';
  const offline = await trx
    .selectFrom('offline_transactions')
    .select('id')
    .where(lowerOf('workstation'), '=', workstation.name.toLowerCase())
    .limit(1)
    .executeTakeFirst();
  if (offline) return 'offline transactions were recorded there';
  const upload = await trx
    .selectFrom('offline_uploads')
    .select('id')
    .where((eb) =>
      eb.or([
        eb(sql<string>`lower(workstation)`, '=', workstation.name.toLowerCase()),
        eb(sql<string>`lower(sent_from)`, '=', workstation.name.toLowerCase()),
      ]),
    )
    .limit(1)
    .executeTakeFirst();
  if (upload) return 'offline uploads were sent from it';
  return null;
}

/**
 * Removes a workstation with no history. Browsers signed in there are asked which workstation they
 * are at their next request (their sessions lose the workstation, not the sign-in).
 */
export async function removeWorkstation(props: AdminChangeProps & { id: number }): Promise<void> {
  const { id } = props;
  await inChange(props.db, async (trx) => {
    const existing = await existingRecord(trx, 'workstations', id, 'workstation');
    const history = await historyOf(trx, existing);
    if (history) {
      throw new CircaError(
        'IN_USE',
        409,
        `${existing.name} cannot be removed: ${history}, and its history names it. Rename it or move it to another branch instead.`,
      );
    }
    const before = await present(trx, existing);
    await trx
      .updateTable('sessions')
      .set({ workstation_id: null })
      .where('workstation_id', '=', id)
      .execute();
    // Only its offline client's latest report: it recorded nothing that ever arrived.
    await deleteOfflineClientReport(trx, id);
    await trx.deleteFrom('workstations').where('id', '=', id).execute();
    await audited(trx, props, {
      action: 'workstation.remove',
      subjectType: 'workstation',
      subjectId: id,
      before: setUpOf(before),
      after: null,
    });
  });
}
