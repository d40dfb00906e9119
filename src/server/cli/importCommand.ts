// `circa import patrons FILE` and `circa import items FILE`: the same two steps as the web app's
// Import screen, at the server's command line. The file is read where it lies (never copied or
// removed); the preview is printed, then the import is stored once confirmed (a prompt, or --yes).
import { Command, Option } from 'commander';
import { createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline/promises';
import {
  MarcBarcodeTag,
  MarcSubfieldCode,
  type ImportKind,
  type ImportRefusal,
} from '../../shared/api/imports.ts';
import { loadConfig } from '../config.ts';
import { COMMAND_LINE_ACTOR } from '../db/auditLog.ts';
import { connectDatabase } from '../db/connect.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { applyImport, claimImport } from '../imports/applyImport.ts';
import {
  createImport,
  DEFAULT_IMPORT_OPTIONS,
  findImport,
  importRefusals,
  isMarc,
  type ImportOptions,
} from '../imports/importJobs.ts';
import { asImportWorker } from '../imports/importWorkers.ts';
import { previewImport } from '../imports/previewImport.ts';

/** Refusals printed unless --show-refusals asks for all. */
const REFUSALS_SHOWN = 20;

interface ImportFlags {
  yes?: boolean;
  showRefusals?: boolean;
  refusalsFile?: string;
  format?: 'csv' | 'marc' | 'marcxml';
  barcodeTag?: string;
  barcodeSubfield?: string;
}

function itemKind(file: string, format: ImportFlags['format']): ImportKind {
  const chosen =
    format ??
    (/\.(mrc|marc|iso2709)$/i.test(file) ? 'marc' : /\.xml$/i.test(file) ? 'marcxml' : 'csv');
  return chosen === 'marc' ? 'items-marc' : chosen === 'marcxml' ? 'items-marcxml' : 'items-csv';
}

function parseOrExplain<T>(
  schema: {
    safeParse(
      v: unknown,
    ): { success: true; data: T } | { success: false; error: { issues: { message: string }[] } };
  },
  value: string,
  flag: string,
): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new Error(`${flag}: ${parsed.error.issues[0]?.message ?? 'not valid.'}`);
}

const csvCell = (text: string | number) => `"${String(text).replace(/"/g, '""')}"`;

async function runImport(kind: ImportKind, file: string, flags: ImportFlags): Promise<void> {
  const path = resolve(file);
  const size = await stat(path).then(
    (s) => s.size,
    () => {
      throw new Error(`There is no file ${path}: check the name and the folder.`);
    },
  );
  const options: ImportOptions = isMarc(kind)
    ? {
        barcodeTag: flags.barcodeTag
          ? parseOrExplain(MarcBarcodeTag, flags.barcodeTag, '--barcode-tag')
          : DEFAULT_IMPORT_OPTIONS.barcodeTag,
        barcodeSubfield: flags.barcodeSubfield
          ? parseOrExplain(MarcSubfieldCode, flags.barcodeSubfield, '--barcode-subfield')
          : DEFAULT_IMPORT_OPTIONS.barcodeSubfield,
      }
    : DEFAULT_IMPORT_OPTIONS;
  const config = loadConfig();
  const database = connectDatabase(config.databaseUrl);
  const { db: pool } = database;
  try {
    await migrateToLatest(pool);
    // One worker, on a connection of its own, holds the import from reading to storing, so that an app
    // server's recovery on the same PostgreSQL never takes it for abandoned (importWorkers.ts).
    await asImportWorker(pool, async (db) => {
      const job = await createImport(db, {
        kind,
        filePath: path,
        fileName: file,
        fileBytes: size,
        options,
        actor: COMMAND_LINE_ACTOR,
        at: Date.now(),
      });
      console.error(`Reading ${file} (${size} bytes)…`);
      let lastShown = 0;
      await previewImport({
        db,
        importId: job.id,
        now: Date.now,
        onProgress: ({ rowsRead, bytesRead }) => {
          if (Date.now() - lastShown < 1000) return;
          lastShown = Date.now();
          const percent = size === 0 ? 100 : Math.floor((bytesRead / size) * 100);
          console.error(`  read ${rowsRead} rows (${percent}%)`);
        },
      });
      const previewed = await findImport(db, job.id);
      const unit = isMarc(kind) ? 'record' : 'line';
      console.log(
        `Preview of import ${job.id}: ${previewed.create_count} to create, ${previewed.update_count} to update, ${previewed.unchanged_count} unchanged, ${previewed.refused_count} refused (${previewed.rows_read} read).`,
      );
      if (previewed.refused_count > 0) {
        const shown = flags.showRefusals ? previewed.refused_count : REFUSALS_SHOWN;
        const refusals = await importRefusals(db, job.id, { offset: 0, limit: shown });
        for (const r of refusals) console.log(`  ${unit} ${r.line}, ${r.field}: ${r.reason}`);
        if (previewed.refused_count > refusals.length) {
          console.log(
            `  … and ${previewed.refused_count - refusals.length} more (--show-refusals lists them all, --refusals-file FILE writes them as CSV).`,
          );
        }
        if (flags.refusalsFile) await writeRefusals(db, job.id, flags.refusalsFile, unit);
      }
      if (previewed.status === 'failed') {
        throw new Error(`${previewed.message ?? 'The file cannot be read.'}`);
      }
      if (previewed.refused_count > 0) {
        throw new Error(
          `Nothing was imported: correct the ${previewed.refused_count} refused row(s) in the file, then run the import again.`,
        );
      }
      if (!(await confirmed(flags))) {
        await db
          .updateTable('imports')
          .set({ status: 'cancelled', finished_at: Date.now() })
          .where('id', '=', job.id)
          .execute();
        await db.deleteFrom('import_rows').where('import_id', '=', job.id).execute();
        throw new Error('Not confirmed: nothing was imported.');
      }
      await claimImport(db, job.id);
      const total = previewed.create_count + previewed.update_count;
      await applyImport({
        db,
        importId: job.id,
        actor: COMMAND_LINE_ACTOR,
        now: Date.now,
        onProgress: (rows) => console.error(`  stored ${rows} of ${total}`),
      });
      console.log(
        `Imported: ${previewed.create_count} created, ${previewed.update_count} updated, ${previewed.unchanged_count} unchanged.`,
      );
    });
  } finally {
    await database.close();
  }
}

async function writeRefusals(
  db: Parameters<typeof importRefusals>[0],
  importId: number,
  file: string,
  unit: string,
): Promise<void> {
  const out = createWriteStream(file);
  out.write(`${unit},field,reason\n`);
  const PAGE = 1000;
  for (let offset = 0; ; offset += PAGE) {
    const page: ImportRefusal[] = await importRefusals(db, importId, { offset, limit: PAGE });
    for (const r of page) out.write(`${r.line},${csvCell(r.field)},${csvCell(r.reason)}\n`);
    if (page.length < PAGE) break;
  }
  await new Promise<void>((done, fail) =>
    out.end((error?: Error | null) => (error ? fail(error) : done())),
  );
  console.log(`  All refusals written to ${file}.`);
}

async function confirmed(flags: ImportFlags): Promise<boolean> {
  if (flags.yes) return true;
  if (!process.stdin.isTTY) {
    throw new Error(
      'Nothing was imported: confirm with --yes when the input is not a terminal (e.g. in a script).',
    );
  }
  const prompt = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await prompt.question('Import these rows? Type yes to go on: ');
    return answer.trim().toLowerCase() === 'yes' || answer.trim().toLowerCase() === 'y';
  } finally {
    prompt.close();
  }
}

const sharedOptions = (command: Command) =>
  command
    .option('-y, --yes', 'import without asking (needed when the input is not a terminal)')
    .option('--show-refusals', 'list every refused row, not only the first 20')
    .option('--refusals-file <file>', 'write every refused row to this CSV file');

export function importCommand(): Command {
  const patrons = sharedOptions(
    new Command('patrons')
      .description('Import patrons from a CSV file (see docs/importing.md for the columns).')
      .argument('<file>', 'the CSV file'),
  ).action(async (file: string, flags: ImportFlags) => runImport('patrons-csv', file, flags));

  const items = sharedOptions(
    new Command('items')
      .description(
        'Import items from a CSV file, or from MARC 21 records with holdings (.mrc or MARCXML).',
      )
      .argument('<file>', 'the CSV, .mrc or MARCXML file')
      .addOption(
        new Option('--format <format>', 'the file format (default: from the file name)').choices([
          'csv',
          'marc',
          'marcxml',
        ]),
      )
      .option('--barcode-tag <tag>', 'MARC: the holdings tag with the barcode', '952')
      .option('--barcode-subfield <code>', 'MARC: the subfield with the barcode', 'p'),
  ).action(async (file: string, flags: ImportFlags) =>
    runImport(itemKind(file, flags.format), file, flags),
  );

  return new Command('import')
    .description(
      'Import a library’s patrons or items: a preview first, then the import once confirmed.',
    )
    .addCommand(patrons)
    .addCommand(items);
}
