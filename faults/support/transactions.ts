// Offline transactions as several desks record them during an outage, from a seeded generator:
// mostly check-outs (items passed between patrons, the same item twice to one patron), with unknown
// barcodes, expired and blocked cards, lost items, check-ins and payments mixed in.
import type { OfflineTransaction } from '../../src/shared/offline/transaction.ts';
import type { FaultLibrary } from './library.ts';
import type { Rng } from './rng.ts';

const DAY_MS = 86_400_000;
const LOAN_DAYS = 21;
/** Scans at one desk are this far apart, give or take. */
const SCAN_INTERVAL_MS = 20_000;

export interface DeskRecording {
  workstation: string;
  /** In sequence order, 1, 2, 3, … */
  transactions: OfflineTransaction[];
}

export interface RecordOutageProps {
  rng: Rng;
  library: FaultLibrary;
  workstations: readonly string[];
  /** Transactions across all desks. */
  count: number;
  /** When the outage began (epoch ms, server clock). */
  startMs: number;
  /**
   * Only check-outs, as the offline client records them: what a desk may send. Check-ins and
   * payments come only from a supervisor's file.
   */
  checkOutsOnly?: boolean;
}

/** Deals `count` transactions out to the desks, each desk numbering its own from 1. */
export function recordOutage(props: RecordOutageProps): DeskRecording[] {
  const { rng, library } = props;
  const desks = props.workstations.map((workstation) => ({
    workstation,
    // A desk PC whose clock is a few minutes off: processing corrects by this.
    clockOffsetMs: rng.int(-300_000, 300_000),
    clock: props.startMs + rng.int(0, 60_000),
    transactions: [] as OfflineTransaction[],
  }));
  for (let i = 0; i < props.count; i += 1) {
    const desk = rng.pick(desks);
    desk.clock += rng.int(SCAN_INTERVAL_MS / 2, SCAN_INTERVAL_MS * 2);
    const occurredAt = desk.clock - desk.clockOffsetMs;
    const common = {
      id: rng.uuid(occurredAt),
      sequence: desk.transactions.length + 1,
      occurredAt,
      clockOffsetMs: desk.clockOffsetMs,
      workstation: desk.workstation,
      branchCode: library.branchCode,
      staffUsername: library.staff.username,
    };
    // The roll is drawn either way, so a seed deals the same desks and barcodes.
    const roll = props.checkOutsOnly === true ? 1 + rng.next() : rng.next();
    let transaction: OfflineTransaction;
    if (roll < 0.08) {
      transaction = { ...common, type: 'check_in', itemBarcode: rng.pick(library.availableItems) };
    } else if (roll < 0.11) {
      transaction = {
        ...common,
        type: 'payment',
        patronBarcode: rng.pick(library.goodPatrons),
        amount: `${rng.int(1, 20)}.00`,
      };
    } else {
      transaction = {
        ...common,
        type: 'check_out',
        patronBarcode: patronFor(rng, library),
        itemBarcode: itemFor(rng, library),
        dueAt: desk.clock + LOAN_DAYS * DAY_MS,
        dueDateBasis: { kind: 'rule', loanDays: LOAN_DAYS },
      };
    }
    desk.transactions.push(transaction);
  }
  return desks.map(({ workstation, transactions }) => ({ workstation, transactions }));
}

function patronFor(rng: Rng, library: FaultLibrary): string {
  const roll = rng.next();
  if (roll < 0.03) return `UNKNOWN-P-${rng.int(1, 999)}`;
  if (roll < 0.05) return rng.pick(library.expiredPatrons);
  if (roll < 0.07) return rng.pick(library.blockedPatrons);
  return rng.pick(library.goodPatrons);
}

function itemFor(rng: Rng, library: FaultLibrary): string {
  const roll = rng.next();
  if (roll < 0.04) return `UNKNOWN-I-${rng.int(1, 999)}`;
  if (roll < 0.06) return rng.pick(library.lostItems);
  // 60 items among hundreds of check-outs: many are already on loan to someone else.
  return rng.pick(library.availableItems);
}
