// The second step of an import, once an administrator confirms the preview: store every staged
// create and update in ONE transaction, with the audit entry. A failure or a killed server leaves
// the library's records exactly as they were (the import can be confirmed again); nothing is ever
// half imported. An import with any refusal cannot be confirmed: correct the file and upload again.
import type { Kysely } from 'kysely';
import { recordAudit, type AuditActor } from '../db/auditLog.ts';
import type { Database } from '../db/schema.ts';
import { CircaError } from '../errors.ts';
import { findImport, rowsAppliedByImport } from './importJobs.ts';
import { itemTarget, patronTarget, type AnyImportTarget } from './importTargets.ts';
import { tryLockImport, unlockImport, type ImportWorker } from './importWorkers.ts';

/**
 * Staged rows stored per INSERT … SELECT: big enough that a statement's own cost is nothing beside
 * its rows, small enough that the progress ("stored n of m") moves several times for 100,000 rows.
 */
export const APPLY_BATCH_ROWS = 10_000;

export interface ApplyImportProps {
  db: Kysely<Database>;
  importId: number;
  actor: AuditActor;
  now: () => number;
  onProgress?: (rowsApplied: number) => void;
}

/** Why an import in each of these states cannot be confirmed, and what to do instead. */
const UNCONFIRMABLE: Record<string, string> = {
  previewing: 'Its preview is not finished yet: wait for it, then confirm.',
  applying: 'It is being stored already.',
  applied: 'It has been imported already.',
  failed: 'It failed: upload the file again.',
  cancelled: 'It was cancelled: upload the file again.',
};

/**
 * Marks the import as being applied, locked by this worker until it lets go, or refuses with the
 * reason it cannot be. The lock comes first, so no recovery finds the import 'applying' unlocked.
 */
export async function claimImport(worker: ImportWorker, importId: number): Promise<void> {
  const job = await findImport(worker, importId);
  if (job.status === 'previewed' && job.refused_count > 0) {
    throw new CircaError(
      'BAD_REQUEST',
      400,
      `The preview refused ${job.refused_count} row(s), so nothing can be imported from this file: correct the rows listed, then upload the file again.`,
    );
  }
  const refusal = (reason: string | undefined) =>
    new CircaError(
      'BAD_REQUEST',
      400,
      `Import ${importId} cannot be confirmed. ${reason ?? ''}`.trim(),
    );
  if (job.status !== 'previewed') throw refusal(UNCONFIRMABLE[job.status]);
  if (!(await tryLockImport(worker, importId))) {
    // Another app server claimed it a moment ago, or is checking whether its worker is alive.
    const current = await findImport(worker, importId);
    throw refusal(
      UNCONFIRMABLE[current.status] ??
        'Another app server is working on it right now: look at it again in a moment, then confirm.',
    );
  }
  const claimed = await worker
    .updateTable('imports')
    .set({ status: 'applying', message: null })
    .where('id', '=', importId)
    .where('status', '=', 'previewed')
    .where('refused_count', '=', 0)
    .executeTakeFirst();
  if (Number(claimed.numUpdatedRows) === 1) return;
  await unlockImport(worker, importId);
  throw refusal(UNCONFIRMABLE[(await findImport(worker, importId)).status]);
}

export async function applyImport(props: ApplyImportProps): Promise<void> {
  const { db, importId } = props;
  const job = await findImport(db, importId);
  const target = (
    job.kind === 'patrons-csv' ? await patronTarget(db, props.now()) : await itemTarget(db)
  ) as AnyImportTarget;
  rowsAppliedByImport.set(importId, 0);
  try {
    await db.transaction().execute(async (trx) => {
      let applied = 0;
      let after = '';
      for (;;) {
        // Keyset slices along the primary key (import, barcode): each starts where the last ended,
        // and the database moves the rows from import_rows to the patrons or items by itself.
        const bound = await trx
          .selectFrom('import_rows')
          .select('barcode')
          .where('import_id', '=', importId)
          .where('barcode', '>', after)
          .orderBy('barcode')
          .offset(APPLY_BATCH_ROWS - 1)
          .limit(1)
          .executeTakeFirst();
        const upTo = bound?.barcode ?? null;
        applied += await target.applyStaged(trx, { importId, after, upTo });
        rowsAppliedByImport.set(importId, applied);
        props.onProgress?.(applied);
        if (upTo === null) break;
        // A turn of the event loop between slices: on SQLite every statement runs synchronously, so
        // without it the server would neither write its log nor answer anyone until the commit.
        await new Promise((next) => setImmediate(next));
        after = upTo;
      }
      const at = props.now();
      await trx
        .updateTable('imports')
        .set({ status: 'applied', finished_at: at, message: null })
        .where('id', '=', importId)
        .execute();
      await trx.deleteFrom('import_rows').where('import_id', '=', importId).execute();
      await recordAudit(trx, {
        actor: props.actor,
        action: 'import.apply',
        subjectType: 'import',
        subjectId: importId,
        before: null,
        after: {
          kind: job.kind,
          fileName: job.file_name,
          created: job.create_count,
          updated: job.update_count,
          unchanged: job.unchanged_count,
        },
        at,
      });
    });
  } catch (error) {
    await db
      .updateTable('imports')
      .set({
        status: 'failed',
        finished_at: props.now(),
        message: `Nothing was stored: the import stopped with "${error instanceof Error ? error.message : String(error)}". The library's records are as they were; upload the file again.`,
      })
      .where('id', '=', importId)
      .execute();
    throw error;
  } finally {
    rowsAppliedByImport.delete(importId);
  }
}

/** Cancels an import not yet applied; its staged rows are removed. */
export async function cancelImport(
  db: Kysely<Database>,
  importId: number,
  at: number,
): Promise<void> {
  const job = await findImport(db, importId);
  if (job.status === 'applying' || job.status === 'applied') {
    throw new CircaError(
      'BAD_REQUEST',
      400,
      job.status === 'applied'
        ? `Import ${importId} has been imported already; it cannot be cancelled.`
        : `Import ${importId} is being stored; it cannot be cancelled now.`,
    );
  }
  if (job.status === 'cancelled' || job.status === 'failed') return;
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('imports')
      .set({ status: 'cancelled', finished_at: at })
      .where('id', '=', importId)
      .execute();
    await trx.deleteFrom('import_rows').where('import_id', '=', importId).execute();
  });
}
