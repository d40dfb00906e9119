// Processing rewrites every stored offline transaction once, with its outcome (issue 15): the
// indexes that rewrite passes through are narrowed to the rows each reader looks for. The pending
// queue and the exceptions queue (in processing order, and by card) get partial indexes of their own
// instead of one index over every row by status; the rows still to forget are indexed once processed, not as they arrive; and the
// latest time processed, which every batch reads, is kept in a one-row table of its own.
import { sql, type Kysely, type Migration } from 'kysely';

/** Processing order (compareForProcessing), as the queue and the exceptions list read it. */
const PROCESSING_ORDER = ['corrected_at', 'workstation', 'sequence', 'id'];

export const leanOfflineQueue: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.dropIndex('offline_transactions_by_status').execute();
    await db.schema
      .createIndex('offline_transactions_pending')
      .on('offline_transactions')
      .columns(PROCESSING_ORDER)
      .where(sql.ref('status'), '=', sql.lit('pending'))
      .execute();
    await db.schema
      .createIndex('offline_transactions_exceptions')
      .on('offline_transactions')
      .columns(PROCESSING_ORDER)
      .where(sql.ref('status'), '=', sql.lit('exception'))
      .execute();

    // Each batch asks which of the cards it uses belong to a registration held as an exception,
    // and a registration asks which exceptions wait for its card: by card, not by a walk through
    // every exception (which grows with the history, 1 % of all transactions).
    await db.schema
      .createIndex('offline_transactions_exceptions_by_card')
      .on('offline_transactions')
      .column('patron_barcode')
      .where(sql.ref('status'), '=', sql.lit('exception'))
      .execute();

    // Forgetting reads processed rows only (processed_at <= cutoff): a row waiting to be processed
    // no longer enters the index when it is stored, only when its outcome is written.
    await db.schema.dropIndex('offline_transactions_to_forget').execute();
    await db.schema
      .createIndex('offline_transactions_to_forget')
      .on('offline_transactions')
      .columns(['processed_at', 'id'])
      .where((eb) =>
        eb.and([
          eb(sql.ref('patron_forgotten_at'), 'is', null),
          eb(sql.ref('processed_at'), 'is not', null),
        ]),
      )
      .execute();

    // The latest corrected time among processed transactions, read by every batch (a transaction
    // that happened earlier arrived late): one narrow entry per processed row, appended in time
    // order as processing goes, where the index by status carried five columns for every row.
    await db.schema
      .createIndex('offline_transactions_processed_by_time')
      .on('offline_transactions')
      .column('corrected_at')
      .where(sql.ref('status'), '<>', sql.lit('pending'))
      .execute();
  },
};
