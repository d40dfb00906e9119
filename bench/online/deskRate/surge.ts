// The morning-after surge: every workstation sends the outbox it recorded through an outage, all at
// once, and the server stores and processes them. Afterwards a Jepsen-style set check compares what
// is stored with what was sent, by id: none lost, duplicated or unexpected, none left pending.
import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { OfflineUploadResult } from '../../../src/shared/api/offline.ts';
import { OfflineTransaction } from '../../../src/shared/offline/transaction.ts';
import type { Database } from '../../../src/server/db/schema.ts';
import type { BenchServer } from '../benchServer.ts';
import { split, type LendablePool } from '../demoPools.ts';
import { DEMO_DESK, signInDesks, type DeskSession } from '../deskSessions.ts';
import { sleep } from './openLoopDesk.ts';

const DAY_MS = 86_400_000;
/** Longest wait for the server to process everything after the last upload was answered. */
const PROCESSING_TIMEOUT_MS = 600_000;
/** Cheap (one index probe for a pending row), so polling often costs the desks nothing. */
const PROCESSING_POLL_MS = 100;
/** Workstation names of the surge: SURGE-1, SURGE-2, … */
const WORKSTATION_PREFIX = 'SURGE';

export interface SurgeSize {
  workstations: number;
  transactionsPerWorkstation: number;
}

/** The outboxes, ready to send: the transactions for the set check, the bodies serialised. */
export interface PreparedSurge {
  sent: OfflineTransaction[];
  uploads: Array<{ workstation: DeskSession; body: string; count: number }>;
}

/** When each phase ended, in performance.now() time. */
export interface SurgeTimes {
  uploadsStartedAt: number;
  lastUploadAnsweredAt: number;
  processedAt: number;
  /** Uploads not answered 200 with every transaction stored as new, explained. */
  uploadFailures: string[];
}

/** The set check's counts, and the outcomes the stored rows were processed to. */
export interface SetCheck {
  sent: number;
  storedRows: number;
  storedIds: number;
  missing: number;
  duplicated: number;
  unexpected: number;
  pending: number;
  statuses: Record<string, number>;
}

/**
 * Signs in the workstations and builds their outboxes, serialised now so that the sending itself
 * costs the load generator (which also times the desks) as little as possible.
 */
export async function prepareSurge(
  url: string,
  pool: LendablePool,
  size: SurgeSize,
): Promise<PreparedSurge> {
  const outboxes = offlineOutboxes(pool, size);
  const workstations = await signInDesks(url, size.workstations, WORKSTATION_PREFIX);
  return {
    sent: outboxes.flat(),
    uploads: outboxes.map((transactions, i) => ({
      workstation: workstations[i]!,
      body: JSON.stringify({ transactions }),
      count: transactions.length,
    })),
  };
}

/** Sends every upload at once and waits until nothing is pending. */
export async function sendSurge(server: BenchServer, surge: PreparedSurge): Promise<SurgeTimes> {
  const uploadsStartedAt = performance.now();
  const answers = await Promise.all(surge.uploads.map((upload) => send(server.url, upload)));
  const lastUploadAnsweredAt = performance.now();
  await waitUntilNothingPending(server);
  return {
    uploadsStartedAt,
    lastUploadAnsweredAt,
    processedAt: performance.now(),
    uploadFailures: answers.filter((a): a is string => a !== null),
  };
}

/**
 * Each workstation's outbox, as its offline client recorded it through an outage two days ago:
 * sequence numbers from 1, check-outs only (all a desk may send), over items and patrons of its
 * own; an item comes round again for another patron, so some loans pass between patrons.
 */
function offlineOutboxes(pool: LendablePool, size: SurgeSize): OfflineTransaction[][] {
  const itemsByStation = split(pool.items, size.workstations);
  const patronsByStation = split(pool.patrons, size.workstations);
  const outageStart = Date.now() - 2 * DAY_MS;
  return itemsByStation.map((items, w) => {
    const patrons = patronsByStation[w]!;
    if (items.length === 0 || patrons.length === 0) {
      throw new Error(`Too few items or patrons for ${size.workstations} workstations.`);
    }
    const common = (sequence: number) => ({
      id: uuidv7(),
      sequence,
      occurredAt: outageStart + sequence * 15_000 + w,
      clockOffsetMs: 0,
      workstation: `${WORKSTATION_PREFIX}-${w + 1}`,
      branchCode: 'MAIN',
      staffUsername: DEMO_DESK.username,
    });
    return Array.from({ length: size.transactionsPerWorkstation }, (_, k) => {
      const base = common(k + 1);
      const transaction = {
        ...base,
        type: 'check_out' as const,
        patronBarcode: patrons[k % patrons.length]!,
        itemBarcode: items[k % items.length]!,
        dueAt: base.occurredAt + 21 * DAY_MS,
        dueDateBasis: { kind: 'rule' as const, loanDays: 21 },
      };
      // The shared schema is the contract: a generator drifting from it fails here, not as a 400.
      return OfflineTransaction.parse(transaction);
    });
  });
}

/** Sends one outbox; null when every transaction was stored as new, else what went wrong. */
async function send(url: string, upload: PreparedSurge['uploads'][number]): Promise<string | null> {
  const { workstation } = upload;
  try {
    const response = await fetch(`${url}/api/offline/transactions`, {
      method: 'POST',
      headers: workstation.headers,
      body: upload.body,
    });
    const text = await response.text();
    if (response.status !== 200) {
      return `${workstation.workstation}: ${response.status} ${text.slice(0, 300)}`;
    }
    const answer = OfflineUploadResult.parse(JSON.parse(text));
    if (answer.stored !== upload.count || answer.duplicates !== 0) {
      return `${workstation.workstation}: stored ${answer.stored} of ${upload.count}, ${answer.duplicates} duplicates`;
    }
    return null;
  } catch (error) {
    return `${workstation.workstation}: ${(error as Error).message}`;
  }
}

function ofTheSurge(db: Kysely<Database>) {
  return db
    .selectFrom('offline_transactions')
    .where('workstation', 'like', `${WORKSTATION_PREFIX}-%`);
}

/**
 * Waits until no stored transaction is pending. Called once every upload has been answered, so
 * everything sent is stored by then; asking whether one pending row exists is a single index probe,
 * cheap enough not to hold up the desks timed in this same process.
 */
async function waitUntilNothingPending(server: BenchServer): Promise<void> {
  const { db, close } = server.connect();
  try {
    const deadline = Date.now() + PROCESSING_TIMEOUT_MS;
    while (Date.now() < deadline) {
      const pending = await db
        .selectFrom('offline_transactions')
        .select('id')
        .where('status', '=', 'pending')
        .limit(1)
        .executeTakeFirst();
      if (pending === undefined) return;
      await sleep(PROCESSING_POLL_MS);
    }
  } finally {
    await close();
  }
}

/** Compares what is stored with what was sent, by id: lost, duplicated, unexpected, pending. */
export async function setCheck(
  server: BenchServer,
  sent: readonly OfflineTransaction[],
): Promise<SetCheck> {
  const { db, close } = server.connect();
  try {
    const rows = await ofTheSurge(db).select(['id', 'status']).execute();
    const sentIds = new Set(sent.map((t) => t.id));
    const seen = new Map<string, number>();
    const statuses: Record<string, number> = {};
    for (const row of rows) {
      seen.set(row.id, (seen.get(row.id) ?? 0) + 1);
      statuses[row.status] = (statuses[row.status] ?? 0) + 1;
    }
    return {
      sent: sent.length,
      storedRows: rows.length,
      storedIds: seen.size,
      missing: [...sentIds].filter((id) => !seen.has(id)).length,
      duplicated: [...seen.values()].filter((n) => n > 1).length,
      unexpected: [...seen.keys()].filter((id) => !sentIds.has(id)).length,
      pending: statuses['pending'] ?? 0,
      statuses,
    };
  } finally {
    await close();
  }
}

/** Every transaction stored exactly once and processed, and every upload taken whole. */
export function setCheckPassed(check: SetCheck, uploadFailures: readonly string[]): boolean {
  return (
    check.missing === 0 &&
    check.duplicated === 0 &&
    check.unexpected === 0 &&
    check.pending === 0 &&
    check.storedIds === check.sent &&
    check.storedRows === check.sent &&
    uploadFailures.length === 0
  );
}
