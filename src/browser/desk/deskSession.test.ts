import { describe, expect, it } from 'vitest';
import { OutboxWriteError } from '../outbox/outbox.ts';
import { buildSnapshot } from '../storage/testSnapshot.testing.ts';
import { branchToday, deskStamp, notRecordedMessage } from './deskSession.ts';

const what = 'the return of item 39000000000013';

describe('notRecordedMessage', () => {
  it('names the transaction and says what to do for each way a write fails', () => {
    expect(notRecordedMessage(new OutboxWriteError('STORAGE_FULL'), what)).toMatch(
      /^This browser's storage is full, so the return of item 39000000000013 was NOT recorded\. Save a backup file now/,
    );
    expect(notRecordedMessage(new OutboxWriteError('INVALID_TRANSACTION'), what)).toMatch(
      /^The return of item 39000000000013 was NOT recorded because some of its details are not valid/,
    );
    for (const error of [new OutboxWriteError('WRITE_FAILED'), new Error('boom')])
      expect(notRecordedMessage(error, what)).toMatch(
        /^The browser could not save the return of item 39000000000013, so it was NOT recorded\. Scan the item again/,
      );
  });
});

describe('the desk context', () => {
  it('dates by the server clock at the branch, and stamps who, where and when', () => {
    const snapshot = buildSnapshot();
    // 05:30 UTC on 3 Dec is still 2 Dec in Chicago; an hour of server skew does not change that.
    const context = {
      snapshot,
      clockOffsetMs: 60 * 60 * 1000,
      outbox: null as never,
      now: () => Date.UTC(2026, 11, 3, 4, 30),
    };
    expect(branchToday(context)).toBe('2026-12-02');
    expect(deskStamp(context)).toEqual({
      occurredAt: Date.UTC(2026, 11, 3, 4, 30),
      clockOffsetMs: 60 * 60 * 1000,
      snapshotAt: snapshot.takenAt,
      workstation: 'DESK-1',
      branchCode: 'MAIN',
      staffUsername: 'desk',
    });
  });
});
