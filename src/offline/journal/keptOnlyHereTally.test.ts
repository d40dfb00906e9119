import { describe, expect, it } from 'vitest';
import { createMemoryOutbox } from '../../browser/outbox/memoryOutbox.ts';
import { buildCheckOutDraft } from '../../browser/outbox/testDrafts.testing.ts';
import { keptOnlyHereNow, readingOf } from './keptOnlyHereTally.ts';

describe('the end-of-day reminder count', () => {
  it('follows the unsent count after one full reading, as every new loan comes after the backup', async () => {
    const outbox = createMemoryOutbox();
    const beforeBackup = await outbox.record(buildCheckOutDraft());
    await outbox.record(buildCheckOutDraft());
    const backupAt = beforeBackup.occurredAt;
    const reading = readingOf(await outbox.unsent(), backupAt);
    expect(reading).toEqual({ lastBackupAt: backupAt, unsent: 2, keptOnlyHere: 1 });

    expect(keptOnlyHereNow(reading, backupAt, 2)).toBe(1);
    await outbox.record(buildCheckOutDraft());
    await outbox.record(buildCheckOutDraft());
    expect(keptOnlyHereNow(reading, backupAt, 4)).toBe(3);
    // And it agrees with reading everything again.
    expect(readingOf(await outbox.unsent(), backupAt).keptOnlyHere).toBe(3);
  });

  it('asks for a full reading when the count alone cannot tell', async () => {
    const outbox = createMemoryOutbox();
    const first = await outbox.record(buildCheckOutDraft());
    await outbox.record(buildCheckOutDraft());
    const reading = readingOf(await outbox.unsent(), first.occurredAt);
    expect(keptOnlyHereNow(null, first.occurredAt, 2)).toBeNull();
    // A send may have taken any of them.
    expect(keptOnlyHereNow(reading, first.occurredAt, 1)).toBeNull();
    // A backup file saved since.
    expect(keptOnlyHereNow(reading, first.occurredAt + 10, 2)).toBeNull();
  });

  it('counts every unsent transaction when no backup file was ever saved, without reading them', () => {
    expect(keptOnlyHereNow(null, 0, 50_000)).toBe(50_000);
  });
});
