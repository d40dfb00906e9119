// What every desk screen's session shares, free of the UI: a state the screen renders through
// subscribe/getState, the latest scan message with the earlier ones kept as history, the scan
// queue, and the plain words for a transaction the browser could not store.
import { localDate } from '../../shared/calendar/dueDates.ts';
import type { OfflineSnapshot } from '../../shared/offline/snapshot.ts';
import { OutboxWriteError, type Outbox } from '../outbox/outbox.ts';
import { withLatest, type ScanMessage, type ScanTone } from './scanMessages.ts';
import { ScanQueue } from './scanQueue.ts';

/** What a desk screen records with: the same for every transaction type. */
export interface DeskContext {
  snapshot: OfflineSnapshot;
  /** Server clock minus this workstation's clock, measured at install (ms). */
  clockOffsetMs: number;
  outbox: Outbox;
  /** This workstation's clock (epoch ms). */
  now: () => number;
}

/** The branch's date now ('YYYY-MM-DD'), by the server's clock as best known. */
export function branchToday(context: DeskContext): string {
  return localDate(context.now() + context.clockOffsetMs, context.snapshot.branch.timeZone);
}

/** The fields every desk transaction carries, as of now. */
export function deskStamp(context: DeskContext) {
  const { snapshot, clockOffsetMs } = context;
  return {
    occurredAt: context.now(),
    clockOffsetMs,
    // The outage began after this snapshot: the server holds a time before it for review.
    snapshotAt: snapshot.takenAt,
    workstation: snapshot.workstation,
    branchCode: snapshot.branch.code,
    staffUsername: snapshot.staff.username,
  };
}

export interface ScanMessages {
  /** Scans waiting to be stored. */
  pendingScans: number;
  /** The latest scan's problem or warning, in plain words; null when the latest scan went through. */
  alert: ScanMessage | null;
  /** Earlier messages, newest first. */
  history: readonly ScanMessage[];
}

export const NO_SCAN_MESSAGES: ScanMessages = { pendingScans: 0, alert: null, history: [] };

let lastMessageId = 0;

export abstract class DeskSession<S extends ScanMessages> {
  private readonly listeners = new Set<() => void>();
  protected readonly scans = new ScanQueue();

  constructor(protected state: S) {}

  getState = (): S => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  protected update(change: Partial<S>): void {
    this.state = { ...this.state, ...change };
    for (const listener of this.listeners) listener();
  }

  /** Shows `text` as the latest message; the one it replaces goes into the history. */
  protected say(text: string, tone: ScanTone = 'refusal'): void {
    this.update({
      alert: { id: `desk-message-${(lastMessageId += 1)}`, text, tone },
      history: this.historyWithAlert(),
    } as Partial<S>);
  }

  /** The latest scan went through: its message (if any) moves into the history. */
  protected clearAlert(): Partial<ScanMessages> {
    return { alert: null, history: this.historyWithAlert() };
  }

  private historyWithAlert(): readonly ScanMessage[] {
    const { alert, history } = this.state;
    return alert === null ? history : withLatest(history, alert);
  }

  /**
   * Runs one scan in turn, counted in pendingScans until it is stored or refused; an error it
   * throws is shown as a refusal, in the words `describe` gives it.
   */
  protected scan(task: () => Promise<void>, describe: (error: unknown) => string): Promise<void> {
    this.update({ pendingScans: this.state.pendingScans + 1 } as Partial<S>);
    return this.scans.run(async () => {
      try {
        await task();
      } catch (error) {
        this.say(describe(error));
      } finally {
        this.update({ pendingScans: this.state.pendingScans - 1 } as Partial<S>);
      }
    });
  }
}

/**
 * Why a desk transaction other than a loan was not stored, naming it (`what`, e.g. "the return of
 * item 3900…"), and what to do next.
 */
export function notRecordedMessage(error: unknown, what: string): string {
  if (error instanceof OutboxWriteError) {
    switch (error.problem) {
      case 'STORAGE_FULL':
        return `This browser's storage is full, so ${what} was NOT recorded. Save a backup file now, free some disk space, then scan the item again.`;
      case 'INVALID_TRANSACTION':
        return `${capitalise(what)} was NOT recorded because some of its details are not valid. Check the barcode and the other fields, then scan again.`;
      case 'WRITE_FAILED':
        break;
    }
  }
  return `The browser could not save ${what}, so it was NOT recorded. Scan the item again; if it fails again, save a backup file and reload the page.`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A patron's card scanned where only items belong. */
export function patronCardMessage(screen: string): string {
  return `This is a patron's library card, not an item. ${screen} takes item barcodes only: scan the barcode on the item.`;
}
