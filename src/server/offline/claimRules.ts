// What processing needs to judge offline transactions as claims, read once per batch: who sent each
// upload and when it arrived, the longest loan the library allows, and its choices for loans only a
// supervisor could make online and for renewals a rule would refuse.
import type { Transaction } from 'kysely';
import type { ClaimLimits } from '../../shared/offline/claims.ts';
import type {
  OfflineOverridePolicy,
  OfflineRenewalRefusal,
} from '../../shared/processing/outcome.ts';
import { chunked, rowsPerStatement } from '../db/batching.ts';
import { engineOf } from '../db/connect.ts';
import type { Database } from '../db/schema.ts';

export interface UploadSender {
  /** The signed-in staff member who sent the upload (verified by their session). */
  staffUserId: number;
  /** When the server received it (epoch ms): no claim may lie far past it. */
  receivedAt: number;
}

export interface ClaimContext {
  sendersByUploadId: Map<number, UploadSender>;
  /** The limits without receivedAt, which is each upload's own. */
  limits: Omit<ClaimLimits, 'receivedAt'>;
  overridePolicy: OfflineOverridePolicy;
  renewalRefusal: OfflineRenewalRefusal;
}

export async function readClaimContext(
  trx: Transaction<Database>,
  uploadIds: readonly number[],
): Promise<ClaimContext> {
  const sendersByUploadId = new Map<number, UploadSender>();
  for (const chunk of chunked([...new Set(uploadIds)], rowsPerStatement(engineOf(trx), 1) - 1)) {
    const uploads = await trx
      .selectFrom('offline_uploads')
      .select(['id', 'staff_user_id', 'received_at'])
      .where('id', 'in', chunk)
      .execute();
    for (const u of uploads) {
      sendersByUploadId.set(u.id, {
        staffUserId: u.staff_user_id,
        receivedAt: Number(u.received_at),
      });
    }
  }
  const settings = await trx
    .selectFrom('library_settings')
    .select([
      'default_loan_days',
      'offline_special_loan_max_days',
      'offline_override_policy',
      'offline_renewal_refusal',
    ])
    .where('id', '=', 1)
    .executeTakeFirstOrThrow();
  const longestRule = await trx
    .selectFrom('loan_rules')
    .select((eb) => eb.fn.max('loan_days').as('days'))
    .executeTakeFirst();
  return {
    sendersByUploadId,
    limits: {
      longestLoanDays: Math.max(settings.default_loan_days, Number(longestRule?.days ?? 0)),
      specialLoanMaxDays: settings.offline_special_loan_max_days,
    },
    overridePolicy: settings.offline_override_policy,
    renewalRefusal: settings.offline_renewal_refusal,
  };
}
