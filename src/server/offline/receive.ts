// Stores an upload of offline transactions durably, each one once by its id, before the sender is
// told it may forget them. Processing them into loans is a separate step (process.ts).
import type { Kysely } from 'kysely';
import type { OfflineUploadSource } from '../../shared/api/offline.ts';
import { localDate } from '../../shared/calendar/localTime.ts';
import {
  itemBarcodeOf,
  patronBarcodeOf,
  toldDueAt,
  type OfflineTransaction,
} from '../../shared/offline/transaction.ts';
import { correctedTime } from '../../shared/processing/order.ts';
import { chunked, rowsPerStatement } from '../db/batching.ts';
import { backgroundDatabase, giveWayToDesks } from '../db/backgroundWork.ts';
import { engineOf } from '../db/connect.ts';
import { partlyStoredFaultError } from '../db/databaseFaults.ts';
import type { Database, NewOfflineTransactionRow } from '../db/schema.ts';
import { insertRows, type SqlValue, type SqlValueType } from '../db/sql.ts';
import { reportUploadStored } from '../observability/databaseEvents.ts';
import { withReceiveSlot } from './receiveSlots.ts';

/** Who is sending: the signed-in staff member (a `request.staff` fits). */
export interface OfflineActor {
  user: { id: number };
  workstation?: { name: string } | null;
}

export interface ReceiveOfflineUploadProps {
  db: Kysely<Database>;
  actor: OfflineActor;
  /** 'client' for the offline client's outbox, 'file' or 'koc' for a file a supervisor uploaded. */
  source: OfflineUploadSource;
  /** The uploaded file's name, for the report. */
  fileName?: string | null;
  /** The workstation the transactions came from; defaults to the sender's workstation. */
  workstation?: string | null;
  /** Already validated against the OfflineTransaction schema. */
  transactions: readonly OfflineTransaction[];
  /** Epoch ms the upload is recorded as received. */
  now: number;
}

export interface SequenceConflict {
  workstation: string;
  sequence: number;
  /** Every stored transaction that claims this workstation and sequence number. */
  transactionIds: string[];
}

export interface ReceivedUpload {
  uploadId: number;
  /** Transactions in the upload. */
  received: number;
  /** Transactions stored for the first time. */
  stored: number;
  /** Transactions already stored (by an earlier upload or twice in this one), ignored. */
  duplicates: number;
  /** New transactions whose workstation and sequence number another transaction already has. */
  sequenceConflicts: SequenceConflict[];
}

/** Used when a transaction names a branch code the server does not know. */
const FALLBACK_TIME_ZONE = 'UTC';
/** Every time zone's offset is a multiple of 15 minutes, so the local date only changes on these. */
const LOCAL_DATE_GRANULE_MS = 15 * 60_000;

/**
 * Rows stored per database transaction. Each chunk is a short transaction (a few ms on SQLite),
 * so a desk's check-out goes in between two chunks instead of waiting behind a whole upload.
 */
export const STORE_CHUNK_ROWS = 250;

/**
 * Stores every transaction not stored before and records the upload, in chunks of STORE_CHUNK_ROWS
 * each committed with the upload's counts. Resolves only after the last chunk's commit: the caller
 * may then tell the sender the upload is safe. A crash between chunks leaves the chunks committed
 * so far stored (and counted on their upload); the sender, not told, sends again, and those are
 * then ignored as duplicates by id.
 */
export async function receiveOfflineUpload(
  props: ReceiveOfflineUploadProps,
): Promise<ReceivedUpload> {
  const received = await withReceiveSlot(props.db, () => store(props));
  reportUploadStored(props.db, props.source, received);
  return received;
}

async function store(props: ReceiveOfflineUploadProps): Promise<ReceivedUpload> {
  const { actor, source, now } = props;
  // A desk is not waiting for this: its queries go first (db/backgroundWork.ts).
  const db = backgroundDatabase(props.db);
  const engine = engineOf(db);
  const unique = uniqueById(props.transactions);
  const timeZones = await branchTimeZones(db);
  const dayOf = occurredDayFinder(timeZones);
  const branchOf = await workstationBranches(db, unique);

  const uploadRow = {
    received_at: now,
    staff_user_id: actor.user.id,
    workstation: props.workstation ?? actor.workstation?.name ?? null,
    sent_from: actor.workstation?.name ?? null,
    source,
    file_name: props.fileName ?? null,
    transaction_count: props.transactions.length,
    new_count: 0,
    // Repeats within the upload are duplicates before anything is stored.
    duplicate_count: props.transactions.length - unique.length,
  };
  let uploadId: number | null = null;
  const storedIds: string[] = [];
  // An empty upload still records itself: one chunk of nothing.
  const chunks = unique.length === 0 ? [[]] : chunked(unique, STORE_CHUNK_ROWS);
  for (const [index, chunk] of chunks.entries()) {
    // Between chunks, outside their transactions: the desks' requests under way go first.
    if (index > 0) await giveWayToDesks();
    const inserted = await storeChunk(chunk).catch((error: unknown) => {
      // Earlier chunks are committed: say how far it got, not "nothing was saved".
      if (storedIds.length === 0) throw error;
      throw (
        partlyStoredFaultError(error, { stored: storedIds.length, total: unique.length }) ?? error
      );
    });
    for (const row of inserted) storedIds.push(row.id);
  }

  function storeChunk(chunk: OfflineTransaction[]): Promise<{ id: string }[]> {
    return db.transaction().execute(async (trx) => {
      // The upload is recorded with its first chunk, so a failure before any row is stored
      // leaves no upload behind either.
      uploadId ??= (
        await trx
          .insertInto('offline_uploads')
          .values(uploadRow)
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
      const id = uploadId;
      const rows = chunk.map((t) => {
        const row = toRow(t, id, dayOf, branchOf(t));
        return TRANSACTION_COLUMNS.map((column) => row[column]);
      });
      const ids = await insertRows<{ id: string }>({
        trx,
        engine,
        table: 'offline_transactions',
        columns: INSERT_COLUMNS,
        rows,
        // Already stored by an earlier upload (or a concurrent one): keep the first, skip this.
        suffix: 'on conflict (id) do nothing returning id',
      });
      // The upload's counts commit with the rows they count, so they hold after a crash too.
      await trx
        .updateTable('offline_uploads')
        .set((eb) => ({
          new_count: eb('new_count', '+', ids.length),
          duplicate_count: eb('duplicate_count', '+', chunk.length - ids.length),
        }))
        .where('id', '=', id)
        .execute();
      return ids;
    });
  }

  const stored = storedIds.length;
  const storedSet = new Set(storedIds);
  // A .koc file has no sequence numbers: its lines are numbered from 1 on import, so a second
  // file to the same workstation would look like reused numbers. It never counts.
  const sequenceConflicts =
    source === 'koc'
      ? []
      : await findSequenceConflicts(
          db,
          unique.filter((t) => storedSet.has(t.id)),
        );
  return {
    uploadId: uploadId!,
    received: props.transactions.length,
    stored,
    duplicates: props.transactions.length - stored,
    sequenceConflicts,
  };
}

/**
 * First occurrence of each id, sorted by id: concurrent uploads of overlapping sets then take row
 * locks in the same order and cannot deadlock on PostgreSQL.
 */
function uniqueById(transactions: readonly OfflineTransaction[]): OfflineTransaction[] {
  const byId = new Map<string, OfflineTransaction>();
  for (const t of transactions) if (!byId.has(t.id)) byId.set(t.id, t);
  return [...byId.values()].toSorted((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * The branch of each transaction's workstation as the server knows it: a claim does not choose its
 * branch. Only a workstation the server has never seen (named in a supervisor's file) keeps the
 * branch it claims. One query per chunk of distinct names: an upload names few workstations.
 */
async function workstationBranches(
  db: Kysely<Database>,
  transactions: readonly OfflineTransaction[],
): Promise<(t: OfflineTransaction) => string> {
  const names = [...new Set(transactions.map((t) => t.workstation))];
  const branchByName = new Map<string, string>();
  for (const chunk of chunked(names, rowsPerStatement(engineOf(db), 1) - 1)) {
    const rows = await db
      .selectFrom('workstations')
      .innerJoin('branches', 'branches.id', 'workstations.branch_id')
      .select(['workstations.name', 'branches.code'])
      .where('workstations.name', 'in', chunk)
      .execute();
    for (const row of rows) branchByName.set(row.name, row.code);
  }
  return (t) => branchByName.get(t.workstation) ?? t.branchCode;
}

async function branchTimeZones(db: Kysely<Database>): Promise<Map<string, string>> {
  const branches = await db.selectFrom('branches').select(['code', 'time_zone']).execute();
  return new Map(branches.map((b) => [b.code, b.time_zone]));
}

/** The branch-local day of an instant, memoised: a 100,000-row upload spans few distinct days. */
function occurredDayFinder(timeZones: Map<string, string>) {
  const cache = new Map<string, string>();
  return (branchCode: string, at: number): string => {
    let timeZone = timeZones.get(branchCode) ?? FALLBACK_TIME_ZONE;
    const key = `${timeZone}|${Math.floor(at / LOCAL_DATE_GRANULE_MS)}`;
    let day = cache.get(key);
    if (day === undefined) {
      try {
        day = localDate(at, timeZone);
      } catch {
        // A branch saved with a zone this runtime lacks still gets a day, by UTC.
        timeZone = FALLBACK_TIME_ZONE;
        day = localDate(at, timeZone);
      }
      cache.set(key, day);
    }
    return day;
  };
}

/** The columns an upload fills; status and arrived_late take their defaults (pending, 0). */
const TRANSACTION_COLUMNS = [
  'id',
  'upload_id',
  'type',
  'workstation',
  'sequence',
  'branch_code',
  'staff_username',
  'occurred_at',
  'clock_offset_ms',
  'corrected_at',
  'occurred_day',
  'patron_barcode',
  'item_barcode',
  'due_at',
  'due_date_basis',
  'payload',
] as const satisfies readonly (keyof NewOfflineTransactionRow)[];

const COLUMN_TYPES: Record<(typeof TRANSACTION_COLUMNS)[number], SqlValueType> = {
  id: 'text',
  upload_id: 'integer',
  type: 'text',
  workstation: 'text',
  sequence: 'bigint',
  branch_code: 'text',
  staff_username: 'text',
  occurred_at: 'bigint',
  clock_offset_ms: 'bigint',
  corrected_at: 'bigint',
  occurred_day: 'text',
  patron_barcode: 'text',
  item_barcode: 'text',
  due_at: 'bigint',
  due_date_basis: 'text',
  payload: 'text',
};
const INSERT_COLUMNS = TRANSACTION_COLUMNS.map((name) => ({ name, type: COLUMN_TYPES[name] }));

function toRow(
  t: OfflineTransaction,
  uploadId: number,
  dayOf: (branchCode: string, at: number) => string,
  branchCode: string,
): Record<(typeof TRANSACTION_COLUMNS)[number], SqlValue> {
  const correctedAt = correctedTime(t);
  const told = toldDueAt(t);
  return {
    id: t.id,
    upload_id: uploadId,
    type: t.type,
    workstation: t.workstation,
    sequence: t.sequence,
    branch_code: branchCode,
    staff_username: t.staffUsername,
    occurred_at: t.occurredAt,
    clock_offset_ms: t.clockOffsetMs,
    corrected_at: correctedAt,
    occurred_day: dayOf(branchCode, correctedAt),
    patron_barcode: patronBarcodeOf(t),
    item_barcode: itemBarcodeOf(t),
    due_at: told?.dueAt ?? null,
    due_date_basis: told === null ? null : JSON.stringify(told.basis),
    payload: JSON.stringify(t),
  };
}

/**
 * Other stored transactions that share a workstation and sequence number with the new ones. Lines
 * imported from .koc files are left out: their numbers are only their place in the file.
 */
async function findSequenceConflicts(
  db: Kysely<Database>,
  fresh: readonly OfflineTransaction[],
): Promise<SequenceConflict[]> {
  if (fresh.length === 0) return [];
  const sequencesByWorkstation = new Map<string, number[]>();
  for (const t of fresh) {
    const list = sequencesByWorkstation.get(t.workstation) ?? [];
    list.push(t.sequence);
    sequencesByWorkstation.set(t.workstation, list);
  }
  const engine = engineOf(db);
  const idsByKey = new Map<string, { workstation: string; sequence: number; ids: string[] }>();
  for (const [workstation, sequences] of sequencesByWorkstation) {
    for (const chunk of chunked(sequences, rowsPerStatement(engine, 1) - 1)) {
      const rows = await db
        .selectFrom('offline_transactions')
        .select(['id', 'sequence'])
        .where('workstation', '=', workstation)
        .where('sequence', 'in', chunk)
        .where('upload_id', 'not in', (eb) =>
          eb.selectFrom('offline_uploads').select('offline_uploads.id').where('source', '=', 'koc'),
        )
        .execute();
      for (const row of rows) {
        const key = `${workstation}\u0000${row.sequence}`;
        const entry = idsByKey.get(key) ?? { workstation, sequence: row.sequence, ids: [] };
        if (!entry.ids.includes(row.id)) entry.ids.push(row.id);
        idsByKey.set(key, entry);
      }
    }
  }
  return [...idsByKey.values()]
    .filter((e) => e.ids.length > 1)
    .map((e) => ({
      workstation: e.workstation,
      sequence: e.sequence,
      transactionIds: e.ids.toSorted(),
    }));
}
