// Reading and presenting imports: the job row, its refusals (paged), and what an import is given
// when it starts. The preview (previewImport.ts) and the apply (applyImport.ts) write them.
import type { Kysely } from 'kysely';
import type { Import, ImportKind, ImportPreview, ImportRefusal } from '../../shared/api/imports.ts';
import { DEFAULT_BARCODE_SUBFIELD, DEFAULT_BARCODE_TAG } from '../../shared/imports/marcItems.ts';
import type { AuditActor } from '../db/auditLog.ts';
import type { Database } from '../db/schema.ts';
import { CircaError } from '../errors.ts';
import type { ImportJob } from './importTables.ts';
import { lockImport, type ImportWorker } from './importWorkers.ts';

/** How a MARC file's holdings are read; ignored for CSV. */
export interface ImportOptions {
  barcodeTag: string;
  barcodeSubfield: string;
}

export const DEFAULT_IMPORT_OPTIONS: ImportOptions = {
  barcodeTag: DEFAULT_BARCODE_TAG,
  barcodeSubfield: DEFAULT_BARCODE_SUBFIELD,
};

export function optionsOf(job: ImportJob): ImportOptions {
  return { ...DEFAULT_IMPORT_OPTIONS, ...(JSON.parse(job.options) as Partial<ImportOptions>) };
}

export const isMarc = (kind: ImportKind) => kind === 'items-marc' || kind === 'items-marcxml';

/**
 * Creates the import, 'previewing', locked by the worker that will read its file: the lock is
 * taken before the row is committed, so no recovery can ever find the import without its worker.
 */
export async function createImport(
  worker: ImportWorker,
  props: {
    kind: ImportKind;
    filePath: string;
    fileName: string | null;
    fileBytes: number;
    options: ImportOptions;
    actor: AuditActor;
    at: number;
  },
): Promise<ImportJob> {
  return worker.transaction().execute(async (trx) => {
    const job = await trx
      .insertInto('imports')
      .values({
        kind: props.kind,
        file_path: props.filePath,
        file_name: props.fileName,
        file_bytes: props.fileBytes,
        options: JSON.stringify(props.options),
        status: 'previewing',
        message: null,
        staff_user_id: props.actor.kind === 'staff' ? props.actor.staffUserId : null,
        actor: props.actor.kind === 'staff' ? props.actor.username : 'command line',
        started_at: props.at,
        finished_at: null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await lockImport(trx, job.id);
    return job;
  });
}

export async function findImport(db: Kysely<Database>, id: number): Promise<ImportJob> {
  const job = await db.selectFrom('imports').selectAll().where('id', '=', id).executeTakeFirst();
  if (!job) {
    throw new CircaError(
      'NOT_FOUND',
      404,
      `There is no import ${id}. Upload the file again to start a new one.`,
    );
  }
  return job;
}

/** Rows stored so far by an apply running in this process (its transaction is not yet visible). */
export const rowsAppliedByImport = new Map<number, number>();

export function presentImport(job: ImportJob): Import {
  return {
    id: job.id,
    kind: job.kind,
    fileName: job.file_name,
    fileBytes: job.file_bytes,
    status: job.status,
    position: isMarc(job.kind) ? 'record' : 'line',
    counts: {
      read: job.rows_read,
      create: job.create_count,
      update: job.update_count,
      unchanged: job.unchanged_count,
      refused: job.refused_count,
    },
    bytesRead: job.bytes_read,
    rowsApplied:
      job.status === 'applied'
        ? job.create_count + job.update_count
        : (rowsAppliedByImport.get(job.id) ?? 0),
    message: job.message,
    startedBy: job.actor,
    startedAt: job.started_at,
    finishedAt: job.finished_at,
  };
}

export async function importRefusals(
  db: Kysely<Database>,
  importId: number,
  page: { offset: number; limit: number },
): Promise<ImportRefusal[]> {
  return db
    .selectFrom('import_refusals')
    .select(['line', 'field', 'reason'])
    .where('import_id', '=', importId)
    .orderBy('line')
    .orderBy('field')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
}

export async function importPreview(
  db: Kysely<Database>,
  importId: number,
  page: { offset: number; limit: number },
): Promise<ImportPreview> {
  const job = await findImport(db, importId);
  return {
    import: presentImport(job),
    refusals: await importRefusals(db, importId, page),
    refusalCount: job.refused_count,
  };
}
