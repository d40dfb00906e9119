// Offline transactions stored straight into the database with chosen sequence numbers, for tests
// of what the server received: no processing, just the rows the sequence queries read.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { OfflineUploadSource } from '../../shared/api/offline.ts';
import { buildStaffUser } from '../testing/factories.ts';
import { chunked } from './batching.ts';
import type { Database } from './schema.ts';

const ROWS_PER_INSERT = 500;

/** Stores one upload of `source` holding a check-in for each of `sequences` at `workstation`. */
export async function recordNumbered(
  db: Kysely<Database>,
  workstation: string,
  sequences: readonly number[],
  source: OfflineUploadSource = 'client',
): Promise<void> {
  const staff = await buildStaffUser(db);
  const upload = await db
    .insertInto('offline_uploads')
    .values({
      received_at: Date.UTC(2026, 11, 1),
      staff_user_id: staff.id,
      workstation,
      sent_from: workstation,
      source,
      file_name: null,
      transaction_count: sequences.length,
      new_count: sequences.length,
      duplicate_count: 0,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const slice of chunked(sequences, ROWS_PER_INSERT)) {
    await db
      .insertInto('offline_transactions')
      .values(
        slice.map((sequence) => ({
          id: randomUUID(),
          upload_id: upload.id,
          type: 'check_in' as const,
          workstation,
          sequence,
          branch_code: 'MAIN',
          staff_username: staff.username,
          occurred_at: Date.UTC(2026, 11, 1) + sequence,
          clock_offset_ms: 0,
          corrected_at: Date.UTC(2026, 11, 1) + sequence,
          occurred_day: '2026-12-01',
          patron_barcode: null,
          item_barcode: `X${sequence}`,
          due_at: null,
          due_date_basis: null,
          payload: '{}',
          outcome: null,
          message: null,
          codes: null,
          previous_patron_barcode: null,
          loan_id: null,
          processed_at: null,
        })),
      )
      .execute();
  }
}
