// Builds the offline snapshot for a staff member at a workstation: the branch's calendar for the
// coming year, the loan rules in force there, the barcode rules, the default loan period and the
// patron types a card registered offline may take, and the sequence numbers received from the
// workstation (so a reinstalled client numbers on, and notices what a wipe lost). No patron names
// or addresses; a block list (card numbers and reason codes) only when the library sends one.
import type { Kysely } from 'kysely';
import type { BarcodeRules } from '../../shared/barcodes/barcodes.ts';
import { BarcodeText } from '../../shared/barcodes/hiddenCharacters.ts';
import type { BlockList, BlockListEntry } from '../../shared/offline/blockList.ts';
import { addDays, localDate } from '../../shared/calendar/dueDates.ts';
import { findLoanRule } from '../../shared/loanRules/loanRules.ts';
import {
  OFFLINE_SNAPSHOT_VERSION,
  SNAPSHOT_CLOSED_DAYS_AHEAD_DAYS,
  type OfflineSnapshot,
  type SnapshotLoanRule,
} from '../../shared/offline/snapshot.ts';
import { parseClosedWeekdays } from '../db/branchCalendar.ts';
import { readLoanRules } from '../db/loanRules.ts';
import { receivedSequences } from '../db/receivedSequences.ts';
import type { Database, StaffUser, Workstation } from '../db/schema.ts';

/** The library settings the snapshot carries. */
export interface SnapshotSettings {
  libraryName: string;
  barcodeRules: BarcodeRules;
  defaultLoanDays: number;
  /** Whether the block list (blocked and expired card numbers) goes to offline clients. */
  offlineBlockedList: boolean;
  /** Past this age the client calls the block list out of date. */
  offlineBlockListMaxAgeHours: number;
}

export interface BuildOfflineSnapshotProps {
  db: Kysely<Database>;
  /** The signed-in staff member; offline loans are recorded as theirs. */
  user: StaffUser;
  /** The workstation this browser is; its branch is the snapshot's branch. */
  workstation: Workstation;
  settings: SnapshotSettings;
  /** The server's clock (epoch ms). */
  now: number;
  appVersion: string;
}

/** The rules in force at the branch: per patron type and material type, the one check-out would use. */
async function loanRulesAt(db: Kysely<Database>, branchId: number): Promise<SnapshotLoanRule[]> {
  const rows = await readLoanRules(db, { inForceAt: branchId });
  const seen = new Set<string>();
  const rules: SnapshotLoanRule[] = [];
  for (const row of rows) {
    const pair = `${row.patronTypeId}:${row.materialTypeId}`;
    if (seen.has(pair)) continue;
    seen.add(pair);
    const rule = findLoanRule(rows, {
      patronTypeId: row.patronTypeId,
      materialTypeId: row.materialTypeId,
      branchId,
    });
    if (!rule) continue;
    rules.push({
      patronType: { code: rule.patronType.code, name: rule.patronType.name },
      materialType: { code: rule.materialType.code, name: rule.materialType.name },
      loanDays: rule.loanDays,
      maxItems: rule.maxItems,
      scope: rule.branchId === null ? 'library' : 'branch',
    });
  }
  return rules;
}

/**
 * Every card that may not borrow offline, ordered by barcode: blocked ones, then (if not blocked)
 * ones expired or expiring by `expiringThrough`, with the day they are valid through so the client
 * warns only once that day has passed. Only the barcode, the reason code and the expiry date are
 * read: the free-text block reason never leaves the database.
 */
async function blockListEntries(
  db: Kysely<Database>,
  expiringThrough: string,
): Promise<BlockListEntry[]> {
  const rows = await db
    .selectFrom('patrons')
    .select(['barcode', 'expires_on'])
    .select((eb) => eb('block_reason', 'is not', null).as('blocked'))
    .where((eb) =>
      eb.or([eb('block_reason', 'is not', null), eb('expires_on', '<=', expiringThrough)]),
    )
    .orderBy('barcode')
    .execute();
  return (
    rows
      // A barcode no scanner produces (stored before hidden characters were refused, or longer
      // than any barcode) can never match at the desk, and must not make the snapshot unreadable.
      .filter((row) => BarcodeText.safeParse(row.barcode).success)
      // SQLite answers a comparison with 0/1, PostgreSQL with a boolean.
      .map((row): BlockListEntry =>
        row.blocked === true || Number(row.blocked) === 1
          ? { barcode: row.barcode, reason: 'blocked' }
          : { barcode: row.barcode, reason: 'expired', expiresOn: row.expires_on },
      )
  );
}

async function patronTypes(db: Kysely<Database>) {
  return db.selectFrom('patron_types').select(['code', 'name']).orderBy('code').execute();
}

export async function buildOfflineSnapshot(
  props: BuildOfflineSnapshotProps,
): Promise<OfflineSnapshot> {
  const { db, user, workstation, settings, now } = props;
  const branch = await db
    .selectFrom('branches')
    .selectAll()
    .where('id', '=', workstation.branch_id)
    .executeTakeFirstOrThrow();
  const today = localDate(now, branch.time_zone);
  const knownThrough = addDays(today, SNAPSHOT_CLOSED_DAYS_AHEAD_DAYS);
  const closedRows = await db
    .selectFrom('closed_days')
    .select('date')
    .where('branch_id', '=', branch.id)
    .where('date', '>=', today)
    .where('date', '<=', knownThrough)
    .orderBy('date')
    .execute();
  const blockList: BlockList | undefined = settings.offlineBlockedList
    ? {
        madeAt: now,
        maxAgeHours: settings.offlineBlockListMaxAgeHours,
        entries: await blockListEntries(db, knownThrough),
      }
    : undefined;
  return {
    snapshotVersion: OFFLINE_SNAPSHOT_VERSION,
    takenAt: now,
    appVersion: props.appVersion,
    libraryName: settings.libraryName,
    branch: {
      code: branch.code,
      name: branch.name,
      timeZone: branch.time_zone,
      closedWeekdays: parseClosedWeekdays(branch.closed_weekdays),
    },
    closedDates: closedRows.map((row) => row.date),
    knownThrough,
    loanRules: await loanRulesAt(db, branch.id),
    defaultLoanDays: settings.defaultLoanDays,
    barcodeRules: settings.barcodeRules,
    workstation: workstation.name,
    staff: { username: user.username, displayName: user.display_name },
    patronTypes: await patronTypes(db),
    // By the workstation's name as stored with its transactions, as the gap report counts them.
    sequences: await receivedSequences(db, workstation.name),
    ...(blockList === undefined ? {} : { blockList }),
  };
}
