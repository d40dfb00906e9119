// Reading an uploaded Koha .koc file. Its issue lines carry no due date, so each one gets the due
// date the server would have given at that moment: the loan rule for the patron's and item's
// types at the branch (or the library's default loan period), moved past closed days.
import type { Kysely } from 'kysely';
import { computeDueDate, type BranchCalendar } from '../../shared/calendar/dueDates.ts';
import { readKocFile, type KocFileReadResult } from '../../shared/koc/index.ts';
import { findLoanRule } from '../../shared/loanRules/loanRules.ts';
import { chunked, rowsPerStatement } from '../db/batching.ts';
import { parseClosedWeekdays } from '../db/branchCalendar.ts';
import { engineOf } from '../db/connect.ts';
import { getLibrarySettings } from '../db/librarySettings.ts';
import { readLoanRules } from '../db/loanRules.ts';
import type { Database } from '../db/schema.ts';

export interface ReadKocUploadProps {
  db: Kysely<Database>;
  body: Uint8Array;
  /** The branch where the file was recorded: the uploading workstation's. */
  branchId: number;
  /** The supervisor importing it (.koc lines do not say who scanned). */
  staffUsername: string;
  /** The workstation name the transactions are recorded under. */
  workstation: string;
}

export async function readKocUpload(props: ReadKocUploadProps): Promise<KocFileReadResult> {
  const { db, body } = props;
  const branch = await db
    .selectFrom('branches')
    .selectAll()
    .where('id', '=', props.branchId)
    .executeTakeFirstOrThrow();
  const options = {
    workstation: props.workstation,
    branchCode: branch.code,
    staffUsername: props.staffUsername,
    timeZone: branch.time_zone,
  };

  // First pass: is the file sound, and which barcodes does it name?
  const patronBarcodes = new Set<string>();
  const itemBarcodes = new Set<string>();
  const checked = readKocFile(body, {
    ...options,
    dueFor: ({ patronBarcode, itemBarcode }) => {
      patronBarcodes.add(patronBarcode);
      itemBarcodes.add(itemBarcode);
      return { dueAt: 0, loanDays: 0 };
    },
  });
  if (!checked.ok || patronBarcodes.size === 0) return checked;

  const calendar = await branchCalendar(db, branch.id, branch.time_zone, branch.closed_weekdays);
  const { defaultLoanDays } = await getLibrarySettings(db);
  const rules = await readLoanRules(db, { inForceAt: branch.id });
  const patronTypes = await typesByBarcode(db, 'patrons', [...patronBarcodes]);
  const materialTypes = await typesByBarcode(db, 'items', [...itemBarcodes]);

  return readKocFile(body, {
    ...options,
    dueFor: ({ patronBarcode, itemBarcode, checkedOutAt }) => {
      const patronTypeId = patronTypes.get(patronBarcode);
      const materialTypeId = materialTypes.get(itemBarcode);
      const rule =
        patronTypeId === undefined || materialTypeId === undefined
          ? undefined
          : findLoanRule(rules, { patronTypeId, materialTypeId, branchId: branch.id });
      const loanDays = rule?.loanDays ?? defaultLoanDays;
      const due = computeDueDate(checkedOutAt, { kind: 'loanDays', days: loanDays }, calendar);
      return { dueAt: due.dueAt, loanDays };
    },
  });
}

async function branchCalendar(
  db: Kysely<Database>,
  branchId: number,
  timeZone: string,
  closedWeekdays: string,
): Promise<BranchCalendar> {
  const closed = await db
    .selectFrom('closed_days')
    .select('date')
    .where('branch_id', '=', branchId)
    .execute();
  return {
    timeZone,
    closedWeekdays: parseClosedWeekdays(closedWeekdays),
    closedDates: new Set(closed.map((c) => c.date)),
  };
}

/** Patron type per patron barcode, or material type per item barcode, for the barcodes known. */
async function typesByBarcode(
  db: Kysely<Database>,
  table: 'patrons' | 'items',
  barcodes: string[],
): Promise<Map<string, number>> {
  const types = new Map<string, number>();
  for (const chunk of chunked(barcodes, rowsPerStatement(engineOf(db), 1) - 1)) {
    if (table === 'patrons') {
      const rows = await db
        .selectFrom('patrons')
        .select(['barcode', 'patron_type_id as type_id'])
        .where('barcode', 'in', chunk)
        .execute();
      for (const r of rows) types.set(r.barcode, r.type_id);
    } else {
      const rows = await db
        .selectFrom('items')
        .select(['barcode', 'material_type_id as type_id'])
        .where('barcode', 'in', chunk)
        .execute();
      for (const r of rows) types.set(r.barcode, r.type_id);
    }
  }
  return types;
}
