// Which offline transactions have not arrived: each workstation numbers its transactions 1, 2, 3, …
// so a missing number means a file left behind on a computer, or an outbox not yet sent.
import type { Kysely } from 'kysely';
import type { SequenceReport } from '../../shared/api/offline.ts';
import { describeSequenceGap, findSequenceGaps } from '../../shared/processing/gaps.ts';
import type { Database } from './schema.ts';

/** More than this many reused numbers means a misconfiguration, and the first ones show it. */
const MAX_LISTED_CONFLICTS = 100;

/**
 * Gaps and reused sequence numbers per workstation. Transactions imported from .koc files are left
 * out of both: Koha files have no sequence numbers, so each file is numbered from 1 on import and
 * two files (or a file and the offline client) to one workstation name must not look like a clash.
 */
export async function sequenceReport(
  db: Kysely<Database>,
  /** Only this workstation's numbers; every workstation's when null. */
  onlyWorkstation: string | null = null,
): Promise<SequenceReport> {
  const numbered = db
    .selectFrom('offline_transactions')
    .where('upload_id', 'not in', (eb) =>
      eb.selectFrom('offline_uploads').select('offline_uploads.id').where('source', '=', 'koc'),
    )
    .$if(onlyWorkstation !== null, (qb) => qb.where('workstation', '=', onlyWorkstation ?? ''));
  const rows = await numbered
    .select(['workstation', 'sequence'])
    .distinct()
    .orderBy('workstation')
    .orderBy('sequence')
    .execute();
  const byWorkstation = new Map<string, number[]>();
  for (const row of rows) {
    const list = byWorkstation.get(row.workstation) ?? [];
    list.push(Number(row.sequence));
    byWorkstation.set(row.workstation, list);
  }
  const workstations = [...byWorkstation].map(([workstation, sequences]) => ({
    workstation,
    received: sequences.length,
    lastSequence: sequences.at(-1) ?? 0,
    gaps: findSequenceGaps(sequences).map((gap) => ({
      ...gap,
      message: capitalize(describeSequenceGap(workstation, gap)),
    })),
  }));

  const reused = await numbered
    .select(['workstation', 'sequence'])
    .groupBy(['workstation', 'sequence'])
    .having((eb) => eb.fn.countAll(), '>', 1)
    .orderBy('workstation')
    .orderBy('sequence')
    .limit(MAX_LISTED_CONFLICTS)
    .execute();
  const sequenceConflicts = [];
  for (const r of reused) {
    const ids = await numbered
      .select('id')
      .where('workstation', '=', r.workstation)
      .where('sequence', '=', r.sequence)
      .orderBy('id')
      .execute();
    sequenceConflicts.push({
      workstation: r.workstation,
      sequence: Number(r.sequence),
      transactionIds: ids.map((i) => i.id),
      message: `Transaction ${r.sequence} from workstation ${r.workstation} was recorded ${ids.length} times with different contents: two workstations may share this name. Check both transactions in the report and rename one workstation.`,
    });
  }
  return { workstations, sequenceConflicts };
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
