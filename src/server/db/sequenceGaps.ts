// Which offline transactions have not arrived: each workstation numbers its transactions 1, 2, 3, …
// so a missing number means a file left behind on a computer, or an outbox not yet sent.
import type { Kysely } from 'kysely';
import type { SequenceReport } from '../../shared/api/offline.ts';
import { describeSequenceGap } from '../../shared/processing/gaps.ts';
import {
  hasGaps,
  numberedTransactions,
  sequenceGapsOf,
  sequenceSummaries,
} from './receivedSequences.ts';
import type { Database } from './schema.ts';

/** More than this many reused numbers means a misconfiguration, and the first ones show it. */
const MAX_LISTED_CONFLICTS = 100;

/**
 * Gaps and reused sequence numbers per workstation (at most MAX_LISTED_GAPS gap runs each).
 * Transactions imported from .koc files are left out of both (see numberedTransactions).
 */
export async function sequenceReport(
  db: Kysely<Database>,
  /** Only this workstation's numbers; every workstation's when null. */
  onlyWorkstation: string | null = null,
): Promise<SequenceReport> {
  const scope = onlyWorkstation === null ? 'everywhere' : { workstation: onlyWorkstation };
  const summaries = await sequenceSummaries(db, scope);
  const gaps = await sequenceGapsOf(
    db,
    summaries.filter(hasGaps).map((s) => s.workstation),
  );
  const workstations = summaries.map(({ workstation, received, highestReceived }) => ({
    workstation,
    received,
    lastSequence: highestReceived,
    gaps: (gaps.get(workstation) ?? []).map((gap) => ({
      ...gap,
      message: capitalize(describeSequenceGap(workstation, gap)),
    })),
  }));

  const numbered = numberedTransactions(db).$if(onlyWorkstation !== null, (qb) =>
    qb.where('workstation', '=', onlyWorkstation ?? ''),
  );
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
