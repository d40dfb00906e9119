// What became of offline transactions: per upload, per workstation, per day, filtered by outcome,
// with counts staff can act on.
import type { Kysely } from 'kysely';
import type {
  OfflineReport,
  OfflineTransactionStatus,
  OfflineUpload,
  OutcomeSummary,
} from '../../shared/api/offline.ts';
import {
  addSummaries,
  EMPTY_SUMMARY,
  summaryOfCounts,
  summaryOfStatus,
} from '../../shared/offline/outcomeSummary.ts';
import {
  presentOfflineTransaction,
  presentUpload,
  routingOf,
  type TransactionReader,
  type UploadSenderView,
} from '../presenters/offlineUploads.ts';
import { chunked, rowsPerStatement } from './batching.ts';
import { engineOf } from './connect.ts';
import { namesFor } from './offlineNames.ts';
import type { Database, OfflineTransactionRow } from './schema.ts';

type Db = Kysely<Database>;

export interface ReportFilter {
  uploadId?: number | undefined;
  workstation?: string | undefined;
  /** 'YYYY-MM-DD', the branch-local day the transaction happened. */
  day?: string | undefined;
  /** Only this status. */
  outcome?: OfflineTransactionStatus | undefined;
  /** 'supervisor': only those listed for supervisors to review; 'lent_anyway': lent anyway. */
  review?: 'supervisor' | 'lent_anyway' | undefined;
  /** Sequence numbers from and to: one sending's transactions, whichever upload stored them. */
  fromSequence?: number | undefined;
  toSequence?: number | undefined;
}

/** The payload of a check-out lent to a card the block list named carries this key. */
const LENT_ANYWAY_KEY = '%"lentAnyway":%';

/** Transactions matching the filter, in processing order. */
export function selectReportRows(db: Db, filter: ReportFilter) {
  return db
    .selectFrom('offline_transactions')
    .$if(filter.uploadId !== undefined, (qb) => qb.where('upload_id', '=', filter.uploadId ?? 0))
    .$if(filter.workstation !== undefined, (qb) =>
      qb.where('workstation', '=', filter.workstation ?? ''),
    )
    .$if(filter.day !== undefined, (qb) => qb.where('occurred_day', '=', filter.day ?? ''))
    .$if(filter.outcome !== undefined, (qb) => qb.where('status', '=', filter.outcome ?? 'pending'))
    .$if(filter.review === 'supervisor', (qb) => qb.where('supervisor_review', '=', 1))
    .$if(filter.review === 'lent_anyway', (qb) => onlyLentAnyway(qb))
    .$if(filter.fromSequence !== undefined, (qb) =>
      qb.where('sequence', '>=', filter.fromSequence ?? 0),
    )
    .$if(filter.toSequence !== undefined, (qb) =>
      qb.where('sequence', '<=', filter.toSequence ?? 0),
    );
}

// A structural type: any select over offline_transactions that can be narrowed by its columns.
interface Narrowable<Q> {
  where(column: 'type' | 'payload', op: '=' | 'like', value: string): Q;
}

function onlyLentAnyway<Q extends Narrowable<Q>>(query: Q): Q {
  return query.where('type', '=', 'check_out').where('payload', 'like', LENT_ANYWAY_KEY);
}

/**
 * Who sent each upload the rows came from (one query per page of rows): the report shows the
 * verified sender beside the staff member the workstation recorded.
 */
export async function uploadSenders(
  db: Db,
  rows: readonly Pick<OfflineTransactionRow, 'upload_id'>[],
): Promise<(row: Pick<OfflineTransactionRow, 'upload_id'>) => UploadSenderView> {
  const ids = [...new Set(rows.map((r) => r.upload_id))];
  const senders = new Map<number, UploadSenderView>();
  for (const chunk of chunked(ids, rowsPerStatement(engineOf(db), 1) - 1)) {
    const uploads = await selectUploads(db).where('offline_uploads.id', 'in', chunk).execute();
    for (const u of uploads) {
      senders.set(u.id, {
        sentBy: { id: u.staff_id, username: u.staff_username, displayName: u.staff_display_name },
        sentFrom: u.sent_from,
        uploadSource: u.source,
      });
    }
  }
  return (row) => {
    const sender = senders.get(row.upload_id);
    if (!sender) throw new Error(`Offline upload ${row.upload_id} is missing.`);
    return sender;
  };
}

/** Counts per status of the transactions matching the filter. */
export async function summarize(db: Db, filter: ReportFilter): Promise<OutcomeSummary> {
  const rows = await selectReportRows(db, filter)
    .select((eb) => ['status', eb.fn.countAll<number | string>().as('n')])
    .groupBy('status')
    .execute();
  return summaryOfCounts(rows.map((row) => ({ status: row.status, count: Number(row.n) })));
}

/** Counts per status of the given transactions: what became of everything one request sent. */
export async function summarizeTransactions(
  db: Db,
  ids: readonly string[],
): Promise<OutcomeSummary> {
  let summary: OutcomeSummary = EMPTY_SUMMARY;
  const unique = [...new Set(ids)];
  for (const chunk of chunked(unique, rowsPerStatement(engineOf(db), 1) - 1)) {
    const rows = await db
      .selectFrom('offline_transactions')
      .select((eb) => ['status', eb.fn.countAll<number | string>().as('n')])
      .where('id', 'in', chunk)
      .groupBy('status')
      .execute();
    const counted = summaryOfCounts(
      rows.map((row) => ({ status: row.status, count: Number(row.n) })),
    );
    summary = addSummaries(summary, counted);
  }
  return summary;
}

export interface ReportPage {
  limit: number;
  offset: number;
}

export async function offlineReport(
  db: Db,
  filter: ReportFilter,
  page: ReportPage,
  reader: TransactionReader,
): Promise<OfflineReport> {
  const { outcome, review, ...scope } = filter;
  const summary = await summarize(db, scope);
  const rows = await inProcessingOrder(selectReportRows(db, filter).selectAll())
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  const senderOf = await uploadSenders(db, rows);
  const total =
    review === undefined
      ? outcome === undefined
        ? summary.total
        : summaryCount(summary, outcome)
      : (await summarize(db, filter)).total;
  return {
    summary,
    ...(await actionLists(db, scope)),
    total,
    transactions: await presentWithNames(db, rows, senderOf, reader),
  };
}

/**
 * What staff act on first, for the whole scope (not one page): the items a check-in sent to a
 * hold shelf or into transit, the patrons registered, and how many were lent anyway.
 */
async function actionLists(
  db: Db,
  scope: ReportFilter,
): Promise<Pick<OfflineReport, 'toHoldShelf' | 'toTransit' | 'newPatrons' | 'lentAnyway'>> {
  const routedRows = await inProcessingOrder(
    selectReportRows(db, scope).selectAll().where('routed_to', 'is not', null),
  ).execute();
  const registered = await inProcessingOrder(
    selectReportRows(db, scope).selectAll().where('created_patron_id', 'is not', null),
  ).execute();
  const names = await namesFor(db, [...routedRows, ...registered]);
  const routed = routedRows.flatMap((row) => {
    const routing = routingOf(row, names);
    if (routing === null || row.item_barcode === null) return [];
    const itemTitle = names.items.get(row.item_barcode) ?? null;
    return [{ transactionId: row.id, itemBarcode: row.item_barcode, itemTitle, routing }];
  });
  const newPatrons = registered.flatMap((row) => {
    const patron =
      row.created_patron_id === null ? undefined : names.createdPatrons.get(row.created_patron_id);
    return patron ? [{ transactionId: row.id, ...patron }] : [];
  });
  const lentAnyway = await selectReportRows(db, { ...scope, review: 'lent_anyway' })
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirst();
  return {
    toHoldShelf: routed.filter((item) => item.routing.to === 'hold_shelf'),
    toTransit: routed.filter((item) => item.routing.to === 'transit'),
    newPatrons,
    lentAnyway: Number(lentAnyway?.n ?? 0),
  };
}

async function presentWithNames(
  db: Db,
  rows: readonly OfflineTransactionRow[],
  senderOf: (row: OfflineTransactionRow) => UploadSenderView,
  reader: TransactionReader,
) {
  const names = await namesFor(db, rows);
  return rows.map((row) => presentOfflineTransaction(row, senderOf(row), reader, names));
}

function summaryCount(summary: OutcomeSummary, status: OfflineTransactionStatus): number {
  switch (status) {
    case 'pending':
      return summary.pending;
    case 'applied':
      return summary.applied;
    case 'applied_with_warning':
      return summary.appliedWithWarning;
    case 'exception':
      return summary.exception;
    case 'noted':
      return summary.noted;
    case 'dismissed':
      return summary.dismissed;
  }
}

// A structural type: any select over offline_transactions that can be ordered by its columns.
interface Orderable<Q> {
  orderBy(column: 'corrected_at' | 'workstation' | 'sequence' | 'id'): Q;
}

function inProcessingOrder<Q extends Orderable<Q>>(query: Q): Q {
  return query.orderBy('corrected_at').orderBy('workstation').orderBy('sequence').orderBy('id');
}

/** Rows per query while streaming a report: memory stays flat for 100,000-row reports. */
const STREAM_PAGE_ROWS = 2_000;

/**
 * Every matching transaction in processing order, in pages (keyset pagination on the
 * processing order, which is unique thanks to the id).
 */
export async function* streamReportRows(
  db: Db,
  filter: ReportFilter,
): AsyncGenerator<OfflineTransactionRow[]> {
  let after: OfflineTransactionRow | undefined;
  for (;;) {
    const last = after;
    const rows = await inProcessingOrder(
      selectReportRows(db, filter)
        .selectAll()
        .$if(last !== undefined, (qb) =>
          qb.where((eb) => {
            const l = last as OfflineTransactionRow;
            return eb.or([
              eb('corrected_at', '>', l.corrected_at),
              eb.and([
                eb('corrected_at', '=', l.corrected_at),
                eb.or([
                  eb('workstation', '>', l.workstation),
                  eb.and([
                    eb('workstation', '=', l.workstation),
                    eb.or([
                      eb('sequence', '>', l.sequence),
                      eb.and([eb('sequence', '=', l.sequence), eb('id', '>', l.id)]),
                    ]),
                  ]),
                ]),
              ]),
            ]);
          }),
        ),
    )
      .limit(STREAM_PAGE_ROWS)
      .execute();
    yield rows;
    if (rows.length < STREAM_PAGE_ROWS) return;
    after = rows.at(-1);
  }
}

function selectUploads(db: Db) {
  return db
    .selectFrom('offline_uploads')
    .innerJoin('staff_users', 'staff_users.id', 'offline_uploads.staff_user_id')
    .selectAll('offline_uploads')
    .select([
      'staff_users.id as staff_id',
      'staff_users.username as staff_username',
      'staff_users.display_name as staff_display_name',
    ]);
}

/**
 * The latest uploads first, each with the outcomes of the transactions it stored first; with
 * `branchId`, only those sent from that branch's workstations.
 */
export async function listUploads(
  db: Db,
  page: ReportPage & { branchId?: number | null },
): Promise<OfflineUpload[]> {
  const branchId = page.branchId ?? null;
  const uploads = await selectUploads(db)
    .$if(branchId !== null, (qb) =>
      qb.where('offline_uploads.workstation', 'in', (eb) =>
        eb
          .selectFrom('workstations')
          .select('name')
          .where('branch_id', '=', branchId ?? 0),
      ),
    )
    .orderBy('offline_uploads.received_at', 'desc')
    .orderBy('offline_uploads.id', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  if (uploads.length === 0) return [];
  const counts = await db
    .selectFrom('offline_transactions')
    .select((eb) => ['upload_id', 'status', eb.fn.countAll<number | string>().as('n')])
    .where(
      'upload_id',
      'in',
      uploads.map((u) => u.id),
    )
    .groupBy(['upload_id', 'status'])
    .execute();
  const summaries = new Map<number, OutcomeSummary>();
  for (const c of counts) {
    const counted = summaryOfStatus(c.status, Number(c.n));
    summaries.set(c.upload_id, addSummaries(summaries.get(c.upload_id) ?? EMPTY_SUMMARY, counted));
  }
  return uploads.map((u) => presentUpload(u, summaries.get(u.id) ?? EMPTY_SUMMARY));
}

export async function findUpload(db: Db, uploadId: number): Promise<OfflineUpload | null> {
  const upload = await selectUploads(db)
    .where('offline_uploads.id', '=', uploadId)
    .executeTakeFirst();
  if (!upload) return null;
  return presentUpload(upload, await summarize(db, { uploadId }));
}
