// The offline report as a CSV download: one line per transaction, in processing order, streamed a
// page at a time so a 100,000-row report never sits in memory.
import type { Kysely } from 'kysely';
import type { OfflineTransactionView } from '../../shared/api/offline.ts';
import { streamReportRows, uploadSenders, type ReportFilter } from '../db/offlineReport.ts';
import type { Database } from '../db/schema.ts';
import { CSV_BYTE_ORDER_MARK, csvLine } from './csv.ts';
import { presentOfflineTransaction, type TransactionReader } from './offlineUploads.ts';

const HEADER = [
  'Happened (server time, UTC)',
  'Day (branch time)',
  'Workstation',
  'Sequence',
  'Type',
  'Recorded by (as the workstation says)',
  'Sent by (verified)',
  'Sent from',
  'Patron barcode',
  'Item barcode',
  'Due (UTC)',
  'Outcome',
  'Reasons',
  'Message',
  'Previous patron',
  'Arrived late',
  'Supervisor review',
  'Returned on',
  'Uses',
  'Lent anyway',
  'Upload',
  'Transaction id',
];

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** Lines of CSV (the first with the byte order mark and the header). */
export async function* reportCsvLines(
  db: Kysely<Database>,
  filter: ReportFilter,
  reader: TransactionReader,
): AsyncGenerator<string> {
  yield CSV_BYTE_ORDER_MARK + csvLine(HEADER);
  for await (const rows of streamReportRows(db, filter)) {
    const senderOf = await uploadSenders(db, rows);
    for (const row of rows) yield line(presentOfflineTransaction(row, senderOf(row), reader));
  }
}

function line(t: OfflineTransactionView): string {
  return csvLine([
    iso(t.correctedAt),
    t.day,
    t.workstation,
    t.sequence,
    t.type,
    t.staffUsername,
    t.sentBy.username,
    t.sentFrom,
    t.patronBarcode,
    t.itemBarcode,
    iso(t.dueAt),
    t.status,
    t.codes.join(' '),
    t.message,
    t.previousPatronBarcode,
    t.arrivedLate ? 'yes' : 'no',
    t.supervisorReview ? 'yes' : 'no',
    t.returnedOn,
    t.count,
    t.lentAnyway?.reason ?? null,
    t.uploadId,
    t.id,
  ]);
}
