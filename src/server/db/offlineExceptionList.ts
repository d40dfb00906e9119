// The exceptions queue as supervisors see it: each exception with every action taken on it.
import { sql, type Kysely } from 'kysely';
import type { ExceptionList, OfflineException } from '../../shared/api/offline.ts';
import {
  presentExceptionAction,
  presentOfflineTransaction,
  type TransactionReader,
} from '../presenters/offlineUploads.ts';
import { namesFor } from './offlineNames.ts';
import { uploadSenders } from './offlineReport.ts';
import type { Database, OfflineTransactionRow } from './schema.ts';

export interface ListExceptionsProps {
  db: Kysely<Database>;
  /** 'open': still exceptions; 'all': also those dismissed or applied again since. */
  state: 'open' | 'all';
  limit: number;
  offset: number;
  /** What the reader may see (offlineReportScope): previous borrowers for supervisors only. */
  reader: TransactionReader;
}

export async function listExceptions(props: ListExceptionsProps): Promise<ExceptionList> {
  const { db, state, reader } = props;
  const matching = db
    .selectFrom('offline_transactions')
    .where((eb) =>
      state === 'open'
        ? eb('status', '=', sql.lit('exception'))
        : eb.or([
            eb('status', 'in', ['exception', 'dismissed']),
            eb('id', 'in', eb.selectFrom('offline_exception_actions').select('transaction_id')),
          ]),
    );
  const count = await matching
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow();
  const rows = await matching
    .selectAll()
    .orderBy('corrected_at')
    .orderBy('workstation')
    .orderBy('sequence')
    .orderBy('id')
    .limit(props.limit)
    .offset(props.offset)
    .execute();
  return { total: Number(count.n), exceptions: await withActions(db, rows, reader) };
}

/** One exception (or former exception) with its actions, for the answer to a re-apply or dismiss. */
export async function findException(
  db: Kysely<Database>,
  row: OfflineTransactionRow,
  reader: TransactionReader,
): Promise<OfflineException> {
  const [exception] = await withActions(db, [row], reader);
  return exception as OfflineException;
}

async function withActions(
  db: Kysely<Database>,
  rows: readonly OfflineTransactionRow[],
  reader: TransactionReader,
): Promise<OfflineException[]> {
  if (rows.length === 0) return [];
  const actions = await db
    .selectFrom('offline_exception_actions')
    .innerJoin('staff_users', 'staff_users.id', 'offline_exception_actions.staff_user_id')
    .selectAll('offline_exception_actions')
    .select([
      'staff_users.id as staff_id',
      'staff_users.username as staff_username',
      'staff_users.display_name as staff_display_name',
    ])
    .where(
      'transaction_id',
      'in',
      rows.map((r) => r.id),
    )
    .orderBy('at')
    .orderBy('offline_exception_actions.id')
    .execute();
  const senderOf = await uploadSenders(db, rows);
  // Whose card it is: a supervisor lends a registration's held loans to the card's owner by name.
  const names = await namesFor(db, rows);
  return rows.map((row) => ({
    ...presentOfflineTransaction(row, senderOf(row), reader, names),
    actions: actions.filter((a) => a.transaction_id === row.id).map(presentExceptionAction),
  }));
}
