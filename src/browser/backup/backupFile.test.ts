import { describe, expect, it } from 'vitest';
import { readOfflineFile } from '../../shared/offlineFile/index.ts';
import { createMemoryOutbox } from '../outbox/memoryOutbox.ts';
import { buildCheckOutDraft } from '../outbox/testDrafts.testing.ts';
import { backupFileName, buildBackupFiles, unsentSinceBackup } from './backupFile.ts';

describe('buildBackupFiles', () => {
  it('writes every unsent transaction, one readable file per workstation', async () => {
    const outbox = createMemoryOutbox();
    const a1 = await outbox.record(buildCheckOutDraft({ workstation: 'DESK-1' }));
    const a2 = await outbox.record(buildCheckOutDraft({ workstation: 'DESK-1' }));
    const sent = await outbox.record(buildCheckOutDraft({ workstation: 'DESK-1' }));
    const b1 = await outbox.record(buildCheckOutDraft({ workstation: 'OLD-NAME' }));
    await outbox.markSent([sent.id], 1);
    const now = new Date(2026, 11, 2, 16, 5).getTime();
    const files = buildBackupFiles({ appVersion: '0.1.0', unsent: await outbox.unsent(), now });
    expect(files.map((f) => [f.name, f.count])).toEqual([
      ['circa-offline-DESK-1-2026-12-02T1605.jsonl', 2],
      ['circa-offline-OLD-NAME-2026-12-02T1605.jsonl', 1],
    ]);
    const read = readOfflineFile(files[0]!.text);
    expect(read).toMatchObject({
      ok: true,
      header: { workstation: 'DESK-1', count: 2, exportedAt: now },
    });
    expect(read.ok && read.transactions.map((t) => t.id)).toEqual([a1.id, a2.id]);
    const other = readOfflineFile(files[1]!.text);
    expect(other.ok && other.transactions.map((t) => t.id)).toEqual([b1.id]);
  });

  it('writes no file when nothing is unsent', () => {
    expect(buildBackupFiles({ appVersion: '0.1.0', unsent: [], now: 0 })).toEqual([]);
  });
});

describe('backupFileName', () => {
  it('keeps only characters every file system accepts', () => {
    expect(backupFileName('Desk 1/Main', new Date(2027, 0, 9, 8, 3))).toBe(
      'circa-offline-Desk_1_Main-2027-01-09T0803.jsonl',
    );
  });
});

describe('unsentSinceBackup', () => {
  it('counts the unsent transactions recorded after the last backup file', async () => {
    const outbox = createMemoryOutbox();
    const early = await outbox.record(buildCheckOutDraft());
    const late = await outbox.record(buildCheckOutDraft());
    const unsent = await outbox.unsent();
    expect(unsentSinceBackup(unsent, 0)).toBe(2);
    expect(unsentSinceBackup(unsent, early.occurredAt)).toBe(1);
    expect(unsentSinceBackup(unsent, late.occurredAt)).toBe(0);
  });
});
