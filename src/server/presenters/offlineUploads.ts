// Turns offline upload, transaction and exception rows into the API contract, so no column reaches a
// client by accident; and counts transactions by status for the summaries beside them.
import type {
  ExceptionAction,
  OfflineTransactionView,
  TransactionRouting,
  OfflineUploadSource,
  OfflineUpload,
  OutcomeSummary,
} from '../../shared/api/offline.ts';
import type { OutcomeCode } from '../../shared/processing/outcome.ts';
import type {
  OfflineExceptionAction,
  OfflineTransactionRow,
  OfflineUpload as UploadRow,
} from '../db/schema.ts';

export interface StaffNameRow {
  staff_id: number;
  staff_username: string;
  staff_display_name: string;
}

/** What the reader of a transaction may see beyond the transaction itself. */
export interface TransactionReader {
  /** Who had the item before: borrowing history, for offline.report.readPreviousBorrowers only. */
  previousBorrowers: boolean;
}

/**
 * The processing message without the previous borrower's barcode, which it names as "patron …"
 * ("checked in from patron 21…", "was lent to patron 21… after"). The transaction's own patron is
 * the sender's to see and stays.
 */
function withoutPreviousBorrower(row: OfflineTransactionRow): string | null {
  const previous = row.previous_patron_barcode;
  if (row.message === null || previous === null || previous === row.patron_barcode) {
    return row.message;
  }
  return row.message.replaceAll(`patron ${previous}`, 'another patron').replaceAll(previous, '…');
}

/** Who verifiably sent an upload, beside what its transactions claim. */
export interface UploadSenderView {
  sentBy: { id: number; username: string; displayName: string };
  sentFrom: string | null;
  uploadSource: OfflineUploadSource;
}

/** The names behind a report's barcodes and ids, looked up by db/offlineNames.ts. */
export interface TransactionNames {
  /** Patron name by barcode. */
  patrons: ReadonlyMap<string, string>;
  /** Item title by barcode. */
  items: ReadonlyMap<string, string>;
  /** The hold's patron as the hold slip names them, by hold id. */
  holdPatrons: ReadonlyMap<number, string>;
  /** Branch code and name by id. */
  branches: ReadonlyMap<number, { code: string; name: string }>;
  /** The patron a registration created, by patron id. */
  createdPatrons: ReadonlyMap<number, { id: number; barcode: string; name: string }>;
}

const NO_NAMES: TransactionNames = {
  patrons: new Map(),
  items: new Map(),
  holdPatrons: new Map(),
  branches: new Map(),
  createdPatrons: new Map(),
};

/** The fields of the payload the report shows beside the columns. */
interface PayloadDetails {
  returnedOn?: string;
  count?: number;
  lentAnyway?: { reason: 'blocked' | 'expired'; listMadeAt: number };
}

function payloadDetails(payload: string): PayloadDetails {
  try {
    return JSON.parse(payload) as PayloadDetails;
  } catch {
    // Stored payloads were validated on arrival; an unreadable one simply has no details.
    return {};
  }
}

/** Where a check-in sent the item, or null when it stayed or the branch is gone. */
export function routingOf(
  row: Pick<OfflineTransactionRow, 'routed_to' | 'routed_hold_id' | 'routed_branch_id'>,
  names: TransactionNames,
): TransactionRouting | null {
  if (row.routed_to === null || row.routed_branch_id === null) return null;
  const branch = names.branches.get(row.routed_branch_id);
  if (!branch) return null;
  return {
    to: row.routed_to,
    branchCode: branch.code,
    branchName: branch.name,
    patronShortName:
      row.routed_hold_id === null ? null : (names.holdPatrons.get(row.routed_hold_id) ?? null),
    holdId: row.routed_hold_id,
  };
}

export function presentOfflineTransaction(
  row: OfflineTransactionRow,
  sender: UploadSenderView,
  reader: TransactionReader,
  /** Names behind the barcodes (db/offlineNames.ts); none for the CSV, which lists barcodes. */
  names: TransactionNames = NO_NAMES,
): OfflineTransactionView {
  const details = payloadDetails(row.payload);
  const previousPatronBarcode = reader.previousBorrowers ? row.previous_patron_barcode : null;
  return {
    id: row.id,
    uploadId: row.upload_id,
    type: row.type,
    workstation: row.workstation,
    sequence: Number(row.sequence),
    branchCode: row.branch_code,
    staffUsername: row.staff_username,
    sentBy: sender.sentBy,
    sentFrom: sender.sentFrom,
    uploadSource: sender.uploadSource,
    supervisorReview: Number(row.supervisor_review) === 1,
    occurredAt: Number(row.occurred_at),
    correctedAt: Number(row.corrected_at),
    day: row.occurred_day,
    patronBarcode: row.patron_barcode,
    itemBarcode: row.item_barcode,
    patronName:
      row.patron_barcode === null ? null : (names.patrons.get(row.patron_barcode) ?? null),
    itemTitle: row.item_barcode === null ? null : (names.items.get(row.item_barcode) ?? null),
    dueAt: row.due_at === null ? null : Number(row.due_at),
    status: row.status,
    codes: row.codes === null ? [] : (JSON.parse(row.codes) as OutcomeCode[]),
    message: reader.previousBorrowers ? row.message : withoutPreviousBorrower(row),
    previousPatronBarcode,
    previousPatronName:
      previousPatronBarcode === null ? null : (names.patrons.get(previousPatronBarcode) ?? null),
    routing: routingOf(row, names),
    createdPatron:
      row.created_patron_id === null
        ? null
        : (names.createdPatrons.get(row.created_patron_id) ?? null),
    returnedOn: row.type === 'check_in' ? (details.returnedOn ?? null) : null,
    count: row.type === 'in_house_use' ? (details.count ?? null) : null,
    lentAnyway:
      row.type === 'check_out' && details.lentAnyway
        ? { reason: details.lentAnyway.reason, listMadeAt: details.lentAnyway.listMadeAt }
        : null,
    patronForgotten: row.patron_forgotten_at !== null,
    arrivedLate: Number(row.arrived_late) === 1,
    loanId: row.loan_id,
    processedAt: row.processed_at === null ? null : Number(row.processed_at),
  };
}

export function presentUpload(
  row: UploadRow & StaffNameRow,
  summary: OutcomeSummary,
): OfflineUpload {
  return {
    id: row.id,
    receivedAt: Number(row.received_at),
    staff: { id: row.staff_id, username: row.staff_username, displayName: row.staff_display_name },
    workstation: row.workstation,
    source: row.source,
    fileName: row.file_name,
    transactionCount: row.transaction_count,
    newCount: row.new_count,
    duplicateCount: row.duplicate_count,
    summary,
  };
}

export function presentExceptionAction(
  row: OfflineExceptionAction & StaffNameRow,
): ExceptionAction {
  return {
    action: row.action,
    reason: row.reason,
    patronBarcode: row.patron_barcode,
    itemBarcode: row.item_barcode,
    staff: { id: row.staff_id, username: row.staff_username, displayName: row.staff_display_name },
    at: Number(row.at),
  };
}
