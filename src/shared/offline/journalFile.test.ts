import fc from 'fast-check';
import { v7 } from 'uuid';
import { describe, expect, it } from 'vitest';
import { readOfflineFile } from '../offlineFile/index.ts';
import { OfflineFileWriteError } from '../offlineFile/write.ts';
import {
  findJournalOnlyTransactions,
  groupByJournalFile,
  isJournalFileOf,
  journalFileFor,
  journalFileName,
  journalText,
} from './journalFile.ts';
import type { OfflineTransaction } from './transaction.ts';

const CHICAGO = 'America/Chicago';
/** 2026-12-02 23:59 and 2026-12-03 00:01 in Chicago (UTC−6). */
const BEFORE_MIDNIGHT = Date.UTC(2026, 11, 3, 5, 59);
const AFTER_MIDNIGHT = Date.UTC(2026, 11, 3, 6, 1);

let sequence = 0;
function buildCheckOut(overrides: Partial<OfflineTransaction> = {}): OfflineTransaction {
  sequence += 1;
  return {
    id: v7(),
    sequence,
    type: 'check_out',
    occurredAt: BEFORE_MIDNIGHT - 3_600_000,
    clockOffsetMs: 0,
    workstation: 'DESK 1',
    branchCode: 'MAIN',
    staffUsername: 'desk',
    patronBarcode: '21234000000011',
    itemBarcode: `3${String(sequence).padStart(13, '0')}`,
    dueAt: 1_791_000_000_000,
    dueDateBasis: { kind: 'rule', loanDays: 21 },
    ...overrides,
  } as OfflineTransaction;
}

const header = { workstation: 'DESK 1', branchCode: 'MAIN', writtenAt: AFTER_MIDNIGHT };

describe('journal file names', () => {
  it('rotates at local midnight at the branch, not at UTC midnight', () => {
    const lateEvening = buildCheckOut({ occurredAt: BEFORE_MIDNIGHT });
    const justAfter = buildCheckOut({ occurredAt: AFTER_MIDNIGHT });
    expect(journalFileFor(lateEvening, CHICAGO)).toEqual({
      workstation: 'DESK 1',
      day: '2026-12-02',
    });
    expect(journalFileFor(justAfter, CHICAGO)).toEqual({
      workstation: 'DESK 1',
      day: '2026-12-03',
    });
    const names = groupByJournalFile([lateEvening, justAfter], CHICAGO).map((g) => g.name);
    expect(names).toEqual([
      'circa-journal-DESK_1-2026-12-02.jsonl',
      'circa-journal-DESK_1-2026-12-03.jsonl',
    ]);
  });

  it('gives each workstation its own file on the same day', () => {
    const groups = groupByJournalFile(
      [
        buildCheckOut(),
        buildCheckOut({ workstation: 'DESK-2' }),
        buildCheckOut(),
        buildCheckOut({ workstation: 'DESK-2' }),
      ],
      CHICAGO,
    );
    expect(groups.map((g) => [g.name, g.entries.length])).toEqual([
      ['circa-journal-DESK_1-2026-12-02.jsonl', 2],
      ['circa-journal-DESK-2-2026-12-02.jsonl', 2],
    ]);
    for (const group of groups) {
      expect(new Set(group.entries.map((e) => e.workstation))).toEqual(
        new Set([group.key.workstation]),
      );
    }
  });

  it('names the file written beside an unreadable one, and knows a workstation’s files', () => {
    const key = { workstation: 'DESK 1', day: '2026-12-02' };
    expect(journalFileName(key, 2)).toBe('circa-journal-DESK_1-2026-12-02-2.jsonl');
    expect(isJournalFileOf(journalFileName(key), 'DESK 1')).toBe(true);
    expect(isJournalFileOf(journalFileName(key, 3), 'DESK 1')).toBe(true);
    expect(isJournalFileOf('circa-journal-DESK_1-2026-12-02.jsonl.crswap', 'DESK 1')).toBe(false);
    // DESK-1's files are not DESK's, though the name starts the same way.
    expect(isJournalFileOf('circa-journal-DESK-1-2026-12-02.jsonl', 'DESK')).toBe(false);
  });
});

describe('journal file text', () => {
  it('is a circa-offline file whose header counts what it holds', () => {
    const first = buildCheckOut();
    sequence += 1;
    const second: OfflineTransaction = {
      id: v7(),
      sequence,
      type: 'check_in',
      occurredAt: BEFORE_MIDNIGHT,
      clockOffsetMs: 0,
      workstation: 'DESK 1',
      branchCode: 'MAIN',
      staffUsername: 'desk',
      itemBarcode: first.type === 'check_out' ? first.itemBarcode : '',
    };
    const text = journalText([], [second, first], header);
    const read = readOfflineFile(text);
    if (!read.ok) throw new Error(JSON.stringify(read.errors));
    expect(read.header).toMatchObject({
      workstation: 'DESK 1',
      count: 2,
      firstSequence: first.sequence,
      lastSequence: second.sequence,
    });
    expect(read.transactions.map((t) => t.id)).toEqual([first.id, second.id]);
  });

  it('keeps every line already in the file and adds the new ones in sequence order', () => {
    const old = [buildCheckOut(), buildCheckOut()];
    const added = [buildCheckOut(), old[1]!];
    const text = journalText(old, added, header);
    const read = readOfflineFile(text);
    if (!read.ok) throw new Error('unreadable');
    expect(read.transactions.map((t) => t.sequence)).toEqual([
      old[0]!.sequence,
      old[1]!.sequence,
      added[0]!.sequence,
    ]);
  });

  it('refuses to merge two different transactions under one sequence number', () => {
    const old = buildCheckOut();
    const clash = buildCheckOut({ sequence: old.sequence });
    expect(() => journalText([old], [clash], header)).toThrow(OfflineFileWriteError);
  });

  it('merging the same transactions again changes nothing', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 12 }), fc.integer({ min: 0, max: 12 }), (a, b) => {
        const existing = Array.from({ length: a }, () => buildCheckOut());
        const added = Array.from({ length: b }, () => buildCheckOut());
        const once = journalText(existing, added, header);
        const read = readOfflineFile(once);
        if (!read.ok) return false;
        const twice = journalText(read.transactions, added, header);
        expect(twice).toBe(once);
        expect(read.header.count).toBe(a + b);
        return true;
      }),
      { numRuns: 50 },
    );
  });
});

describe('transactions only the journal holds (after a wipe)', () => {
  const files = [
    { name: 'circa-journal-DESK_1-2026-12-01.jsonl', sequences: [1, 2, 3, 4] },
    { name: 'circa-journal-DESK_1-2026-12-02.jsonl', sequences: [5, 6, 7, 8] },
  ];

  it('names the numbers the server never received and the files that hold them', () => {
    const found = findJournalOnlyTransactions({
      files,
      heldHere: [8],
      // Received 1–4; told of 7 recorded; 5–7 missing.
      server: {
        received: 4,
        highestReceived: 4,
        highestReported: 7,
        missing: [{ from: 5, to: 7 }],
        missingCount: 3,
      },
    });
    expect(found).toEqual({
      runs: [{ from: 5, to: 7 }],
      count: 3,
      files: ['circa-journal-DESK_1-2026-12-02.jsonl'],
    });
  });

  it('counts numbers beyond any the server knows of as not received', () => {
    const found = findJournalOnlyTransactions({
      files,
      heldHere: [],
      server: { received: 6, highestReceived: 6, highestReported: 6, missing: [], missingCount: 0 },
    });
    expect(found.runs).toEqual([{ from: 7, to: 8 }]);
  });

  it('without the server’s numbers, lists everything this browser does not hold', () => {
    const found = findJournalOnlyTransactions({ files, heldHere: [1, 2, 3, 4], server: undefined });
    expect(found).toMatchObject({ count: 4, files: ['circa-journal-DESK_1-2026-12-02.jsonl'] });
  });

  it('finds nothing when the browser holds all the journal holds', () => {
    const found = findJournalOnlyTransactions({
      files,
      heldHere: [1, 2, 3, 4, 5, 6, 7, 8],
      server: undefined,
    });
    expect(found).toEqual({ runs: [], count: 0, files: [] });
  });
});
