// Which sequence numbers the server received from each workstation, and which it is missing: gaps
// among those received, and the tail up to the highest number the workstation's offline client
// reported recording. A busy workstation may have a million transactions, so the counting is done
// in SQL on the (workstation, sequence) index and numbers are only looked at one by one (with LAG)
// for workstations whose count shows a gap.
import { sql, type Kysely } from 'kysely';
import { MAX_LISTED_GAPS, type ReceivedSequences } from '../../shared/offline/clientState.ts';
import { missingSequences } from '../../shared/processing/missingSequences.ts';
import type { SequenceGap } from '../../shared/processing/gaps.ts';
import { chunked } from './batching.ts';
import type { Database } from './schema.ts';

/** Names per statement when looking for gaps: well under either engine's bound parameters. */
const NAMES_PER_STATEMENT = 500;

/** Which workstations: one by its exact stored name, or every workstation the library has. */
export type SequenceScope = { workstation: string } | 'workstations' | 'everywhere';

/**
 * Offline transactions that carry their workstation's own numbering. .koc imports are left out:
 * Koha files have no sequence numbers, so each file is numbered from 1 on import, and two files
 * (or a file and the offline client) under one workstation name must not look like a clash.
 */
export function numberedTransactions(db: Kysely<Database>) {
  return db
    .selectFrom('offline_transactions')
    .where('upload_id', 'not in', (eb) =>
      eb.selectFrom('offline_uploads').select('offline_uploads.id').where('source', '=', 'koc'),
    );
}

function numberedIn(db: Kysely<Database>, scope: SequenceScope) {
  const numbered = numberedTransactions(db);
  if (scope === 'everywhere') return numbered;
  if (scope === 'workstations') {
    return numbered.where('workstation', 'in', (eb) =>
      eb.selectFrom('workstations').select('workstations.name'),
    );
  }
  return numbered.where('workstation', '=', scope.workstation);
}

export interface SequenceSummary {
  workstation: string;
  /** Distinct sequence numbers received. */
  received: number;
  highestReceived: number;
}

/** Per workstation (by stored name, in name order): distinct numbers received and the highest. */
export async function sequenceSummaries(
  db: Kysely<Database>,
  scope: SequenceScope,
): Promise<SequenceSummary[]> {
  const rows = await numberedIn(db, scope)
    .select((eb) => [
      'workstation',
      eb.fn.count<number | string>('sequence').distinct().as('received'),
      eb.fn.max('sequence').as('highest'),
    ])
    .groupBy('workstation')
    .orderBy('workstation')
    .execute();
  return rows.map((row) => ({
    workstation: row.workstation,
    received: Number(row.received),
    highestReceived: Number(row.highest),
  }));
}

/** Whether some number below the highest received has not arrived (numbers start at 1). */
export function hasGaps(summary: SequenceSummary): boolean {
  return summary.received < summary.highestReceived;
}

/**
 * The first `maxRuns` runs missing below the highest number received, per named workstation,
 * lowest first: the same runs findSequenceGaps gives (shared/processing/gaps.ts), found in SQL.
 */
export async function sequenceGapsOf(
  db: Kysely<Database>,
  workstations: readonly string[],
  maxRuns = MAX_LISTED_GAPS,
): Promise<Map<string, SequenceGap[]>> {
  const gapsByWorkstation = new Map<string, SequenceGap[]>();
  for (const names of chunked(workstations, NAMES_PER_STATEMENT)) {
    const distinctNumbers = numberedTransactions(db)
      .where('workstation', 'in', names)
      .select(['workstation', 'sequence'])
      .distinct();
    const steps = db
      .selectFrom(distinctNumbers.as('numbers'))
      .select([
        'workstation',
        'sequence',
        sql<number>`lag(sequence) over (partition by workstation order by sequence)`.as('previous'),
      ]);
    const gaps = db
      .selectFrom(steps.as('steps'))
      .where('sequence', '>', sql<number>`coalesce(previous, 0) + 1`)
      .select([
        'workstation',
        sql<number>`coalesce(previous, 0) + 1`.as('gap_from'),
        sql<number>`sequence - 1`.as('gap_to'),
        sql<number>`row_number() over (partition by workstation order by sequence)`.as('run'),
      ]);
    const rows = await db
      .selectFrom(gaps.as('gaps'))
      .select(['workstation', 'gap_from', 'gap_to'])
      .where('run', '<=', maxRuns)
      .orderBy('workstation')
      .orderBy('gap_from')
      .execute();
    for (const row of rows) {
      const list = gapsByWorkstation.get(row.workstation) ?? [];
      list.push({ from: Number(row.gap_from), to: Number(row.gap_to) });
      gapsByWorkstation.set(row.workstation, list);
    }
  }
  return gapsByWorkstation;
}

/**
 * The highest number the server knows the workstation used: received (any upload, .koc imports
 * too: a bound may be generous) or reported by its offline client; 0 for none.
 */
export async function highestKnownSequence(
  db: Kysely<Database>,
  workstation: { id: number; name: string },
): Promise<number> {
  const row = await db
    .selectNoFrom((eb) => [
      eb
        .selectFrom('offline_transactions')
        .select((inner) => inner.fn.max('sequence').as('at'))
        .where('workstation', '=', workstation.name)
        .as('received'),
      eb
        .selectFrom('offline_client_reports')
        .select('highest_sequence_reported')
        .where('workstation_id', '=', workstation.id)
        .as('reported'),
    ])
    .executeTakeFirstOrThrow();
  return Math.max(Number(row.received ?? 0), Number(row.reported ?? 0));
}

/** The highest sequence number each workstation's offline client ever reported, by name. */
async function highestReportedByName(
  db: Kysely<Database>,
  onlyWorkstation: string | null,
): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('offline_client_reports')
    .innerJoin('workstations', 'workstations.id', 'offline_client_reports.workstation_id')
    .select(['workstations.name', 'offline_client_reports.highest_sequence_reported'])
    .$if(onlyWorkstation !== null, (qb) =>
      qb.where('workstations.name', '=', onlyWorkstation ?? ''),
    )
    .execute();
  return new Map(rows.map((row) => [row.name, Number(row.highest_sequence_reported)]));
}

/**
 * What the server received from each of the library's workstations, keyed by name; a workstation
 * that never sent a numbered transaction nor reported is absent (nothing received, nothing missing).
 */
export async function receivedSequencesOfWorkstations(
  db: Kysely<Database>,
): Promise<Map<string, ReceivedSequences>> {
  return receivedSequencesIn(db, 'workstations', null);
}

/** A workstation that never sent a numbered transaction and whose offline client never reported. */
export const NOTHING_RECEIVED: ReceivedSequences = missingSequences({
  received: 0,
  highestReceived: 0,
  highestReported: 0,
  gaps: [],
});

/** What the server received from one workstation (its exact stored name), and what it is missing. */
export async function receivedSequences(
  db: Kysely<Database>,
  workstationName: string,
): Promise<ReceivedSequences> {
  const byName = await receivedSequencesIn(db, { workstation: workstationName }, workstationName);
  return byName.get(workstationName) ?? NOTHING_RECEIVED;
}

async function receivedSequencesIn(
  db: Kysely<Database>,
  scope: SequenceScope,
  onlyWorkstation: string | null,
): Promise<Map<string, ReceivedSequences>> {
  const summaries = await sequenceSummaries(db, scope);
  const highestReported = await highestReportedByName(db, onlyWorkstation);
  const gaps = await sequenceGapsOf(
    db,
    summaries.filter(hasGaps).map((s) => s.workstation),
  );
  const answer = new Map<string, ReceivedSequences>();
  const names = new Set([...summaries.map((s) => s.workstation), ...highestReported.keys()]);
  const summaryByName = new Map(summaries.map((s) => [s.workstation, s] as const));
  for (const name of names) {
    const summary = summaryByName.get(name);
    answer.set(
      name,
      missingSequences({
        received: summary?.received ?? 0,
        highestReceived: summary?.highestReceived ?? 0,
        highestReported: highestReported.get(name) ?? 0,
        gaps: gaps.get(name) ?? [],
      }),
    );
  }
  return answer;
}
