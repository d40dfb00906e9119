// The first step of an import: read the file from disk in batches, map each row, compare it with
// the database and stage what the import would do (create, update, unchanged) and what it refuses
// (with line or record, field and reason). Nothing in the library's records changes here.
import type { Kysely } from 'kysely';
import { checkBarcode } from '../../shared/barcodes/barcodes.ts';
import { engineOf } from '../db/connect.ts';
import { getLibrarySettings } from '../db/librarySettings.ts';
import { insertRows, type ValuesColumn } from '../db/sql.ts';
import type { Database } from '../db/schema.ts';
import { entriesFromFile, type ByteCounter, type ImportEntry } from './importEntries.ts';
import { ImportFileError } from './importFileError.ts';
import { findImport, optionsOf } from './importJobs.ts';
import type { ImportRowAction, ImportRowTable, ImportRefusalTable } from './importTables.ts';
import { itemTarget, patronTarget, type AnyImportTarget } from './importTargets.ts';

/**
 * Rows compared and staged per transaction: each transaction is a commit (an fsync on SQLite) and a
 * step of the progress shown; a batch's rows are what the preview holds in memory at a time.
 */
export const PREVIEW_BATCH_ROWS = 5000;

const STAGED_COLUMNS: readonly ValuesColumn[] = [
  { name: 'import_id', type: 'integer' },
  { name: 'barcode', type: 'text' },
  { name: 'line', type: 'integer' },
  { name: 'action', type: 'text' },
  { name: 'data', type: 'text' },
];
const REFUSAL_COLUMNS: readonly ValuesColumn[] = [
  { name: 'import_id', type: 'integer' },
  { name: 'line', type: 'integer' },
  { name: 'field', type: 'text' },
  { name: 'reason', type: 'text' },
];
export interface PreviewImportProps {
  db: Kysely<Database>;
  importId: number;
  /** Epoch ms: today's date for new cards, and when a failure is recorded. */
  now: () => number;
  /** Called after each batch, e.g. to print progress on the command line. */
  onProgress?: (progress: { rowsRead: number; bytesRead: number }) => void;
}

class PreviewCancelled extends Error {}

interface Counts {
  read: number;
  create: number;
  update: number;
  unchanged: number;
  refused: number;
}

export async function previewImport(props: PreviewImportProps): Promise<void> {
  const { db, importId } = props;
  const job = await findImport(db, importId);
  const target = (
    job.kind === 'patrons-csv' ? await patronTarget(db, props.now()) : await itemTarget(db)
  ) as AnyImportTarget;
  const { barcodeRules } = await getLibrarySettings(db);
  const engine = engineOf(db);
  const counter: ByteCounter = { bytes: 0 };
  const counts: Counts = { read: 0, create: 0, update: 0, unchanged: 0, refused: 0 };
  let batch: ImportEntry[] = [];

  const flush = async () => {
    const entries = batch;
    batch = [];
    await db.transaction().execute(async (trx) => {
      const staged: ImportRowTable[] = [];
      const refusals: ImportRefusalTable[] = [];
      const refuse = (line: number, field: string, reason: string) => {
        refusals.push({ import_id: importId, line, field, reason });
      };
      // Barcodes that pass the rules, whether or not the rest of the row does: a duplicate is
      // a duplicate even beside a refused row.
      const barcodeOf = new Map<ImportEntry, string>();
      for (const entry of entries) {
        if (entry.refusal) continue;
        const checked = checkBarcode(target.barcodeKind, entry.row.barcode ?? '', barcodeRules);
        if (checked.ok) barcodeOf.set(entry, checked.barcode);
      }
      const barcodes = [...new Set(barcodeOf.values())];
      const earlier = new Map<string, number>();
      const storedByBarcode = barcodes.length > 0 ? await target.stored(trx, barcodes) : new Map();
      if (barcodes.length > 0) {
        const rows = await trx
          .selectFrom('import_rows')
          .select(['barcode', 'line'])
          .where('import_id', '=', importId)
          .where('barcode', 'in', barcodes)
          .execute();
        for (const row of rows) earlier.set(row.barcode, row.line);
      }
      for (const entry of entries) {
        counts.read += 1;
        if (entry.refusal) {
          refuse(entry.line, entry.refusal.field, entry.refusal.reason);
          counts.refused += 1;
          continue;
        }
        const barcode = barcodeOf.get(entry);
        const firstLine = barcode === undefined ? undefined : earlier.get(barcode);
        const mapped = target.map(entry);
        const names = entry.names;
        if (firstLine !== undefined) {
          const where = names ? 'record' : 'line';
          refuse(
            entry.line,
            names?.barcode ?? 'barcode',
            `The barcode ${barcode} is also on ${where} ${firstLine}: a barcode may appear only once in a file. Remove or correct one of the two.`,
          );
          counts.refused += 1;
          continue;
        }
        let action: ImportRowAction = 'refused';
        let data: string | null = null;
        if (!mapped.ok) {
          for (const r of mapped.refusals) refuse(entry.line, r.field, r.reason);
          counts.refused += 1;
        } else {
          const stored = storedByBarcode.get(mapped.value.barcode) ?? null;
          const record = target.resolve(mapped.value, stored);
          action =
            stored === null ? 'create' : target.same(stored, record) ? 'unchanged' : 'update';
          counts[action] += 1;
          if (action !== 'unchanged') data = JSON.stringify(record);
        }
        if (barcode !== undefined) {
          earlier.set(barcode, entry.line);
          staged.push({ import_id: importId, barcode, line: entry.line, action, data });
        }
      }
      // As few statements as the engine's parameter limit allows (db/sql.ts).
      await insertRows({
        trx,
        engine,
        table: 'import_rows',
        columns: STAGED_COLUMNS,
        rows: staged.map((r) => [r.import_id, r.barcode, r.line, r.action, r.data]),
      });
      await insertRows({
        trx,
        engine,
        table: 'import_refusals',
        columns: REFUSAL_COLUMNS,
        rows: refusals.map((r) => [r.import_id, r.line, r.field, r.reason]),
      });
      const still = await trx
        .updateTable('imports')
        .set({
          bytes_read: counter.bytes,
          rows_read: counts.read,
          create_count: counts.create,
          update_count: counts.update,
          unchanged_count: counts.unchanged,
          refused_count: counts.refused,
        })
        .where('id', '=', importId)
        .where('status', '=', 'previewing')
        .executeTakeFirst();
      // Cancelled meanwhile: stage nothing more.
      if (Number(still.numUpdatedRows) === 0) throw new PreviewCancelled();
    });
    props.onProgress?.({ rowsRead: counts.read, bytesRead: counter.bytes });
  };

  try {
    for await (const entry of entriesFromFile(job.kind, optionsOf(job), job.file_path, counter)) {
      batch.push(entry);
      if (batch.length >= PREVIEW_BATCH_ROWS) await flush();
    }
    await flush();
  } catch (error) {
    if (error instanceof PreviewCancelled) return;
    if (!(error instanceof ImportFileError)) {
      await db
        .updateTable('imports')
        .set({
          status: 'failed',
          finished_at: props.now(),
          message: `The preview stopped with an error (${error instanceof Error ? error.message : String(error)}). Nothing was stored; upload the file again.`,
        })
        .where('id', '=', importId)
        .execute();
      await db.deleteFrom('import_rows').where('import_id', '=', importId).execute();
      throw error;
    }
    // The rows read so far stay listed; the file's problem is the refusal that stops it.
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto('import_refusals')
        .values(error.problems.map((p) => ({ import_id: importId, ...p })))
        .execute();
      await trx.deleteFrom('import_rows').where('import_id', '=', importId).execute();
      await trx
        .updateTable('imports')
        .set({
          status: 'failed',
          refused_count: counts.refused + error.problems.length,
          bytes_read: counter.bytes,
          message: `The file cannot be read: ${error.problems[0]!.reason} Nothing was stored.`,
          finished_at: props.now(),
        })
        .where('id', '=', importId)
        .execute();
    });
    return;
  }
  await db
    .updateTable('imports')
    .set({ status: 'previewed', bytes_read: counter.bytes })
    .where('id', '=', importId)
    .where('status', '=', 'previewing')
    .execute();
}
